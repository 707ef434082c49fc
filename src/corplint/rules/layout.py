"""Rules of the ``layout`` category: paragraphs cut by hard line breaks, and the
orphans that stripped images leave behind.

PDF extraction, fixed-width exports and careless HTML-to-text conversion put
line breaks in the middle of sentences (``调试新设`` / ``备``); a model
trained on them learns to break words. Removing images leaves their captions and
pointing arrows alone on their lines. The line analysis lives in
:mod:`corplint.layout`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from itertools import pairwise

from corplint.document import Document
from corplint.finding import Applicability, Finding, Fix
from corplint.hookspecs import hookimpl
from corplint.layout import (
    CAPTION_CUE,
    CLOSERS,
    MARKER,
    SEPARATOR,
    content,
    evidence,
    is_structure,
    punctuated_share,
    runs_on,
)
from corplint.rule import Option, Rule
from corplint.segments import plain, segments

_FRONT_MATTER = re.compile(
    r"\A\ufeff?(?:[ \t]*\r?\n)*---[ \t]*\r?\n.*?^(?:---|\.\.\.)[ \t]*$", re.S | re.M
)
_FENCE = re.compile(r"^\s*(?:```|~~~)")
_MAX_GAP = 3
_SENTENCE = re.compile(r"[。！？]")
# A document ends its paragraphs with punctuation when this share of its prose
# lines do (the cut lines themselves lower it).
_PUNCTUATED = 0.6


def _body_lines(doc: Document) -> list[tuple[int, int]]:
    """Line spans outside front matter and fenced code, blank lines included."""
    fm = _FRONT_MATTER.match(doc.text)
    body_start = fm.end() if fm else 0
    out = []
    fenced = False
    for start, end in doc.lines():
        if start < body_start:
            continue
        line = doc.text[start:end]
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if not fenced:
            out.append((start, end))
    return out


class CutParagraph(Rule):
    """A paragraph cut mid-sentence by a hard line break.

    A line of Chinese prose that ends without closing punctuation and is
    followed (after at most three blank lines) by a line that continues it.
    Reported where the break itself shows the cut: the next line starts with a
    mark no line starts with, the break splits a number or a word, falls
    inside a quotation, or the paragraph is wrapped at a fixed width; the fix
    joins the lines and is safe. With ``prose-evidence``, in a document that
    punctuates its paragraphs, it also reports a line that stops inside a
    clause after a finished sentence (safe fix), or after a comma or within
    its clause (unsafe fix) — off by default because informal text (one
    review per line) ends lines like that too. Headings, list items, captions, markers,
    Markdown structure and the lines before a document's first sentence
    (titles, bylines) are never joined.

    Bad: ``技术人员正在车间调试新设`` / ``备，准备下周投产。``
    Good: ``技术人员正在车间调试新设备，准备下周投产。``
    """

    code = "LAY001"
    name = "cut-paragraph"
    category = "layout"
    fix = Applicability.SAFE
    formats = ("text", "markdown", "jsonl")
    options = (
        Option(
            "prose-evidence",
            False,
            "Also join a line whose only evidence is that it stops without punctuation "
            "inside a clause, in a document that ends its paragraphs with punctuation. "
            "Off by default: text with one comment or review per line ends lines without "
            "punctuation too (about 14 false findings per MB of reviews).",
        ),
    )

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        if "\n" not in text and "\r" not in text:
            return
        lines = _body_lines(doc)
        filled = [i for i, (s, e) in enumerate(lines) if text[s:e].strip(" \t\u3000\u00a0")]
        punctuated = punctuated_share([content(text[s:e]) for s, e in (lines[i] for i in filled)])
        punctuated = punctuated >= _PUNCTUATED
        first_sentence = next(
            (k for k, i in enumerate(filled) if _SENTENCE.search(text[lines[i][0] : lines[i][1]])),
            len(filled),
        )
        for k in range(len(filled) - 1):
            i, j = filled[k], filled[k + 1]
            if j - i - 1 > _MAX_GAP:
                continue
            (a_start, a_end), (b_start, b_end) = lines[i], lines[j]
            raw_a, raw_b = text[a_start:a_end], text[b_start:b_end]
            a, b = content(raw_a), content(raw_b)
            if not runs_on(a, b) or is_structure(raw_a) or is_structure(raw_b):
                continue
            neighbour = None
            if k > 0:
                p_start, p_end = lines[filled[k - 1]]
                prev = content(text[p_start:p_end])
                if prev and prev[-1] not in CLOSERS and filled[k - 1] == i - (j - i):
                    neighbour = len(prev)
            likely, strong = evidence(
                a, b, neighbour, punctuated, k < first_sentence, self.settings["prose-evidence"]
            )
            if not likely:
                continue
            cut_from = a_start + len(raw_a.rstrip(" \t\u3000\u00a0"))
            cut_to = b_start + (len(raw_b) - len(raw_b.lstrip(" \t\u3000\u00a0")))
            why = strong or "the line ends without punctuation and the next line continues it"
            yield Finding(
                cut_from - 1,
                cut_to + 1,
                f"paragraph cut mid-sentence ({why}): …{a[-6:]} / {b[:6]}…",
                Fix.delete(cut_from, cut_to, "safe" if strong else "unsafe"),
            )


class MediaOrphan(Rule):
    """What a stripped image leaves behind: its caption alone on a line, a marker
    (``▲``, ``↓``, ``[图片]``, ``图片加载中…``), or a decorative separator.

    Captions are recognised by their cue (``图为``, ``图：``, ``（资料图）``…) when no
    image stands next to them, or — in documents laid out with blank lines — as
    short single sentences set apart by wider gaps than the document's
    paragraphs, where the images used to be. The unsafe fix deletes the line.

    Bad: ``▲`` alone on a line, ``图为技术员在车间调试设备。`` with no image.
    """

    code = "LAY002"
    name = "media-orphan"
    category = "layout"
    fix = Applicability.UNSAFE

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        fm = _FRONT_MATTER.match(text)
        body = fm.end() if fm else 0
        segs = [s for s in segments(doc) if s.start >= body]
        gaps = _gap_captions(doc, body)
        previous_media = False
        for n, seg in enumerate(segs):
            raw = seg.text(text)
            s = plain(raw).strip(" \t\u3000\u00a0") if "<" in raw else content(raw)
            if not s:
                continue
            why = self._why(doc, s, seg.media, previous_media, segs, n, text)
            if why is None and seg.start in gaps:
                why = "a short caption set apart where an image was"
            previous_media = seg.media or s.startswith("![") or bool(re.match(r"<img\b", s))
            if why:
                yield Finding(
                    seg.start,
                    seg.end,
                    f"{why}: {s[:30]}",
                    Fix.delete(seg.cut_start, seg.cut_end, "unsafe"),
                )

    @staticmethod
    def _why(doc, s, media, previous_media, segs, n, text) -> str | None:
        if media:
            return None
        if MARKER.match(s):
            return "marker left by a removed image"
        sep = SEPARATOR.match(s)
        if sep and (not s.isascii() or (doc.format in ("text", "jsonl") and len(s) >= 5)):
            return "decorative separator"
        if CAPTION_CUE.match(s) and len(s) <= 80 and not previous_media:
            following = next((x for x in segs[n + 1 :] if text[x.start : x.end].strip()), None)
            follows_image = following is not None and (
                following.media or text[following.start : following.end].lstrip().startswith("![")
            )
            if not follows_image:
                return "caption of a removed image"
        return None


def _gap_captions(doc: Document, body: int) -> set[int]:
    """Starts of short one-sentence lines set apart by wider gaps than the document's
    paragraphs (at least two blank lines more on one side, no fewer on the other)."""
    text = doc.text
    if "\n\n\n" not in text.replace("\r", ""):
        return set()
    lines = [(s, e) for s, e in doc.lines() if s >= body]
    filled = [i for i, (s, e) in enumerate(lines) if text[s:e].strip(" \t\u3000\u00a0")]
    if len(filled) < 6:
        return set()
    gaps = [b - a - 1 for a, b in pairwise(filled)]
    usual = Counter(gaps).most_common(1)[0][0]
    found = set()
    for k, i in enumerate(filled):
        before = gaps[k - 1] if k > 0 else None
        after = gaps[k] if k < len(gaps) else None
        sides = [g for g in (before, after) if g is not None]
        if not sides or max(sides) < usual + 2 or min(sides) < usual or k == 0:
            continue
        if min(sides) < usual + 2:
            # one side at the usual distance: only towards a heading, not prose
            near = filled[k - 1] if before is not None and before < usual + 2 else filled[k + 1]
            neighbour = content(text[lines[near][0] : lines[near][1]])
            if neighbour and neighbour[-1] in "。！？”":
                continue
        s = content(text[lines[i][0] : lines[i][1]])
        one_sentence = 2 <= len(s) <= 30 and s[-1] in "。！" and len(re.findall("[。！？]", s)) == 1
        if one_sentence and not is_structure(s):
            found.add(lines[i][0])
    return found


@hookimpl
def corplint_rules() -> list[type[Rule]]:
    return [CutParagraph, MediaOrphan]
