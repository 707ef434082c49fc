"""Rules of the ``punctuation`` category: punctuation mangled in Chinese prose."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from corplint.core.document import Document
from corplint.core.finding import Applicability, Edit, Finding, Fix
from corplint.core.hookspecs import hookimpl
from corplint.core.rule import Option, Rule
from corplint.rules._shared.charmodel import is_han

_FULL = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
_CANDIDATE = re.compile(r"[,:;?!]")
_PAREN = re.compile(r"\(([^()\n]{1,40})\)")
_LATIN = re.compile(r"[A-Za-z]")
_OPENING = "“「『（《"
_CLOSING = "”」』）》"
_CODE_SPAN = re.compile(r"`[^`\n]*`")


class HalfwidthPunctuation(Rule):
    """Half-width punctuation inside Chinese prose: ``天氣晴朗,大家都出門``.

    How it arises: text typed with an English keyboard layout, or a cleaner
    that folds full-width characters to ASCII, leaves ``,`` ``:`` ``;`` ``?``
    ``!`` and ``( )`` between Chinese characters, where Chinese typography
    writes ``，：；？！（）``. A mark is reported only with Chinese on both
    sides (a closing quote before, an opening quote after count too; ``?``
    and ``!`` may also end a Chinese sentence or line), so
    numbers (``1,000``, ``0:20``), times, URLs, Markdown and code spans, and
    English sentences are never touched; a pair of parentheses only when it
    holds Chinese and no Latin letters. The fix writes the full-width mark and
    drops one space after it; it is safe.

    Not in the default set: it is style, not damage. On real web text it made
    most of all findings (250 per MB of hand-labelled good text in the real
    benchmark's development half) and buried the defects users act on; turn it
    on with ``--extend-select PUN001`` to normalise a corpus's punctuation.

    Bad: ``天氣晴朗, 大家都出門``. Good: ``天氣晴朗，大家都出門``.
    """

    code = "PUN001"
    name = "halfwidth-punctuation"
    category = "punctuation"
    finds = (
        "(off by default: style, not damage; `--extend-select PUN001` normalises a corpus) `,` `:` "
        "`;` `?` `!` `( )` between Chinese characters (never in numbers, times, URLs, code spans "
        "or English); the fix writes `，：；？！（）`"
    )
    fix = Applicability.SAFE
    enabled_by_default = False
    formats = ("text", "markdown", "jsonl")

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        if not _CANDIDATE.search(text) and "(" not in text:
            return
        for start, end in _prose(doc):
            yield from self._marks(text, start, end)
            yield from self._parens(text, start, end)

    def _marks(self, text: str, start: int, end: int) -> Iterator[Finding]:
        for m in _CANDIDATE.finditer(text, start, end):
            i = m.start()
            before = text[i - 1] if i > start else ""
            after_pos = i + 1 + (text[i + 1 : i + 2] == " ")
            after = text[after_pos] if after_pos < end else ""
            if not (is_han(before) or (before and before in _CLOSING)):
                continue
            final = m.group() in "?!" and (after == "" or after in _CLOSING or after == "\n")
            if not (is_han(after) or (after and after in _OPENING) or final):
                continue
            yield _finding(i, after_pos, m.group())

    def _parens(self, text: str, start: int, end: int) -> Iterator[Finding]:
        for m in _PAREN.finditer(text, start, end):
            inner = m.group(1)
            if _LATIN.search(inner) or not any(is_han(ch) for ch in inner):
                continue
            if m.start() == start or not is_han(text[m.start() - 1]):
                continue
            yield _finding(m.start(), m.start() + 1, "(")
            yield _finding(m.end() - 1, m.end(), ")")


def _finding(start: int, end: int, mark: str) -> Finding:
    return Finding(
        start,
        end,
        f"half-width '{mark}' in Chinese prose",
        Fix((Edit(start, end, _FULL[mark]),), Applicability.SAFE),
    )


def _prose(doc: Document) -> Iterator[tuple[int, int]]:
    """Prose segments without Markdown code spans."""
    for start, end in doc.prose():
        pos = start
        if doc.format == "markdown":
            for m in _CODE_SPAN.finditer(doc.text, start, end):
                yield pos, m.start()
                pos = m.end()
        yield pos, end


_PAIRS = {"“": "”", "‘": "’", "《": "》", "（": "）", "【": "】", "「": "」", "『": "』"}
_CLOSERS = {close: open_ for open_, close in _PAIRS.items()}
_PAIR_MARK = re.compile("[" + "".join(_PAIRS) + "".join(_CLOSERS) + "]")


class UnbalancedPairedPunctuation(Rule):
    """Paired punctuation without its partner in the same paragraph: ``他说“好。``.

    How it arises: a cleaner that deletes quotes or brackets (or truncates a
    record) leaves one mark of a pair. Chinese quotes, book-title marks,
    full-width parentheses and corner brackets (`“” ‘’ 《》 （） 【】 「」 『』`)
    open and close within a paragraph; each mark left unmatched in its line
    is reported. Nested pairs are matched as a stack. A quotation that runs
    over several paragraphs opens each of them and closes in the last: an
    opening quote is not reported when the next paragraph opens one too.
    ‘ and ’ are left out when the line has Latin letters (an apostrophe) or
    before a digit (``’98``); ``：）`` is an emoticon. A line with as many
    closing marks of each pair as opening ones is taken as balanced (the
    order is not checked). No fix: which
    partner is missing, and where, is not known.

    Bad: ``他说“好的，我们走吧。``. Good: ``他说“好的，我们走吧。”``
    """

    code = "PUN002"
    name = "unbalanced-paired-punctuation"
    category = "punctuation"
    finds = (
        "(off by default) `“ ” ‘ ’ 《 》 （ ） 【 】 「 」 『 』` without a partner in the "
        "paragraph; a quotation over several paragraphs is allowed"
    )
    # Off by default: a paragraph cut by a hard line break splits its quotes
    # (a layout defect, reported twice), and clean sources hold typed-in
    # wrong-way quotes; on the benchmark's clean control set it raised 6.7
    # findings per MB, short of the precision a default rule needs.
    enabled_by_default = False
    formats = ("text", "markdown", "jsonl")

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        if not _PAIR_MARK.search(text):
            return
        lines = [(s, e) for s, e in doc.lines() if s < e]
        for n, (start, end) in enumerate(lines):
            line = text[start:end]
            if all(line.count(o) == line.count(c) for o, c in _PAIRS.items()):
                continue  # fast path: as many closing marks as opening ones
            latin = _LATIN.search(text, start, end) is not None
            stack: list[tuple[int, str]] = []
            unmatched: list[int] = []
            for m in _PAIR_MARK.finditer(text, start, end):
                mark = m.group()
                if mark in "‘’" and latin:
                    continue
                year = mark == "’" and text[m.end() : m.end() + 1].isdigit()
                if year and not any(o == "‘" for _, o in stack):
                    continue  # ’98
                if mark in "（）" and text[m.start() - 1 : m.start()] in ("：", ":"):
                    continue  # an emoticon, ：）
                if mark in _PAIRS:
                    stack.append((m.start(), mark))
                    continue
                opener = _CLOSERS[mark]
                if any(o == opener for _, o in stack):
                    while stack:
                        pos, o = stack.pop()
                        if o == opener:
                            break
                        unmatched.append(pos)
                else:
                    unmatched.append(m.start())
            # a quotation running over several paragraphs opens each of them
            # and closes only in the last: an open quote is fine when the next
            # paragraph opens one too
            following = text[lines[n + 1][0]] if n + 1 < len(lines) else ""
            unmatched += [pos for pos, o in stack if not (o in "“「『" and following == o)]
            for pos in sorted(unmatched):
                mark = text[pos]
                partner = _PAIRS.get(mark) or _CLOSERS[mark]
                yield Finding(pos, pos + 1, f"'{mark}' without its '{partner}' in this paragraph")


# a quoted phrase whose quotes became underscores: `把好安全_最后一关_` - Chinese
# (and nothing else) on both sides of both underscores
_UNDERSCORE_QUOTE = re.compile(r"(?<=[\u3400-\u9fff])_([\u3400-\u9fff]{1,20})_(?![A-Za-z0-9_])")


_QUOTE_MARKS = ("“", "”", "「", "」", "『", "』")
_UNDERSCORE_CHAIN = re.compile(r"[\u3400-\u9fff]+(?:_[\u3400-\u9fff]+){3,}")
"""Four items or more joined by underscores: separators, as slugs and SEO titles use them."""


class UnderscoreQuotes(Rule):
    """Quotes turned into underscores around a Chinese phrase: ``把好质量_关口_``.

    How it arises: a filename-safe or slug-making step replaced ``“”`` with
    ``_``, and the text was later taken from the title. Reported when a
    Chinese phrase of 1-20 characters stands between two underscores that
    follow a Chinese character; identifiers (``my_var_1``) and Markdown
    emphasis (``_强调_`` at a word start) pass, and so does a document that
    still has quotation marks (the step that made underscores of quotes made
    them of all of them) or a list of four items or more joined by
    underscores (``球磨机_破碎机_烘干机_选矿设备``). The unsafe fix writes ``“”``:
    unsafe because the original may have held other marks (``《》``).

    Bad: ``把好质量_关口_``. Good: ``把好质量“关口”``.
    """

    code = "PUN003"
    trigger = "_"
    name = "underscore-quotes"
    category = "punctuation"
    finds = (
        "a Chinese phrase between underscores where quotes were (`安全_最后一关_`), in a document "
        "that has no quotation marks left (a list of four items joined by underscores is a slug, "
        "not quotes); the fix writes `“”`"
    )
    fix = Applicability.UNSAFE
    formats = ("text", "markdown", "jsonl")

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        if "_" not in text:
            return
        if any(mark in text for mark in _QUOTE_MARKS):
            return  # the step that made underscores of quotes made them of all quotes
        for start, end in _prose(doc):
            chains = [m.span() for m in _UNDERSCORE_CHAIN.finditer(text, start, end)]
            for m in _UNDERSCORE_QUOTE.finditer(text, start, end):
                if any(a <= m.start() and m.end() <= b for a, b in chains):
                    continue  # a list joined by underscores: 球磨机_破碎机_烘干机_选矿设备
                edits = (
                    Edit(m.start(), m.start() + 1, "“"),
                    Edit(m.end() - 1, m.end(), "”"),
                )
                yield Finding(
                    m.start(),
                    m.end(),
                    f"underscores where quotes belong: '{m.group()}'",
                    Fix(edits, Applicability.UNSAFE),
                )


class UnpunctuatedRun(Rule):
    """A long run of Chinese characters without a single punctuation mark.

    How it arises: a cleaner deleted the punctuation (or the spaces between
    the items of a list) of a paragraph. Chinese prose puts a mark every 10-30
    characters; a run of ``min-length`` (default 120) Han characters with
    none, not even a space, is reported. Lists of names typed without
    separators trigger it too, which is usually what a corpus wants to know.
    No fix: where the marks went is not known.

    Bad: a 150-character paragraph with no mark at all.
    """

    code = "PUN004"
    name = "unpunctuated-run"
    category = "punctuation"
    finds = "a run of `min-length` (120) Chinese characters without any punctuation mark or space"
    formats = ("text", "markdown", "jsonl")
    options = (
        Option("min-length", 120, "Han characters in a row, without a mark, that are reported."),
    )

    def __init__(self, **settings: object) -> None:
        super().__init__(**settings)
        self.trigger = f"[\u3400-\u9fff]{{{self.settings['min-length']}}}"

    def check(self, doc: Document) -> Iterator[Finding]:
        # the pattern takes the character before a run: a line break put before
        # the text lets a run open it, and shifts offsets by one
        for m in _han_run(self.settings["min-length"]).finditer("\n" + doc.text):
            start, end = m.start(), m.end() - 1
            yield Finding(
                start, end, f"{end - start} Chinese characters without a punctuation mark"
            )


@lru_cache(maxsize=4)
def _han_run(length: int) -> re.Pattern[str]:
    # a run and the character before it: the regex engine then tries only
    # where a run starts, which is faster than a look-behind
    return re.compile(f"[^\u3400-\u9fff][\u3400-\u9fff]{{{length},}}")


@hookimpl
def corplint_rules() -> list[type[Rule]]:
    return [HalfwidthPunctuation, UnbalancedPairedPunctuation, UnderscoreQuotes, UnpunctuatedRun]
