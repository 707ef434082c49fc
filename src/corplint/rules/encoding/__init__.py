"""Rules of the ``encoding`` category: the bytes of a file are not clean UTF-8 text.

These are the first things to repair in a corpus, because every later rule
reads text and a codec error turns text into noise.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from corplint.core.document import Document
from corplint.core.finding import Applicability, Finding, Fix, InputProblem, Severity
from corplint.core.hookspecs import hookimpl
from corplint.core.rule import Option, Rule

_SURROGATES = re.compile("[\udc80-\udcff]+")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_C0_CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f"
_C1_CONTROLS = "\x80-\x9f"
_CONTROLS = re.compile(f"[{_C0_CONTROLS}{_C1_CONTROLS}]+")
_C1_ONLY = re.compile(f"[{_C1_CONTROLS}]")
_REPLACEMENT = re.compile("\ufffd+")
_LINE_ENDINGS = re.compile(r"\r\n|\r|\n")
_ENDING_NAMES = {"\r\n": "CRLF", "\n": "LF", "\r": "CR"}


class NotUtf8(Rule):
    """File is not valid UTF-8.

    The reader decodes a non-UTF-8 file with the codec chardet detects (GB18030
    for GB2312/GBK files, CP950 or Big5-HKSCS for Big5) and this rule reports
    the codec and the detector's confidence. The fix transcodes the file to
    UTF-8 without changing a character; it is safe only when the detection is
    confident — the bytes decode strictly, re-encode to exactly the same bytes,
    no other codec is a close second, the members of the codec's family (CP950
    and Big5-HKSCS; GB18030 and GBK) read the same text, and the confidence
    reaches ``min-confidence`` — and unsafe otherwise. Bytes that no codec
    could decode are reported where they are and never fixed: they are kept
    as they were when the file is written back.

    Bad: a news article saved in GB18030. Good: the same article in UTF-8.
    """

    code = "ENC001"
    name = "not-utf8"
    category = "encoding"
    finds = (
        "a file (or JSONL record) that is not UTF-8: reports the detected codec and confidence; "
        "the fix transcodes to UTF-8 — safe only when the bytes decode strictly, round-trip "
        "exactly and the guess is unambiguous (also within the codec family: CP950 and Big5-HKSCS "
        "must read the same text). Undecodable bytes are reported and never fixed."
    )
    fix_label = "safe*"
    severity = Severity.ERROR
    fix = Applicability.SAFE
    options = (
        Option(
            "min-confidence",
            0.2,
            "Lowest chardet confidence at which transcoding is a safe fix. chardet 7 "
            "gives correct GB18030/Big5 guesses on short texts confidences of 0.2-0.6, "
            "so the uniqueness of the guess and the exact round trip carry the weight.",
        ),
    )

    def check(self, doc: Document) -> Iterator[Finding]:
        for m in _SURROGATES.finditer(doc.text):
            shown = doc.text[m.start() : m.end()].encode("utf-8", "surrogateescape")
            yield Finding(
                m.start(),
                m.end(),
                f"{len(shown)} byte(s) {shown[:8].hex(' ')} cannot be decoded as "
                f"{doc.encoding.upper()}; they are kept as they are",
            )
        if doc.encoding == "utf-8":
            return
        first = _NON_ASCII.search(doc.text)
        start = first.start() if first else 0
        end = doc.index.line_span(doc.position(start)[0])[1] if doc.text else 0
        where = "record" if doc.record is not None else "file"
        confident = (
            doc.lossless
            and not doc.undecodable
            and doc.encoding_candidates <= 1
            and doc.encoding_confidence >= self.settings["min-confidence"]
        )
        fix = None
        if doc.lossless and not doc.undecodable:
            applicability = Applicability.SAFE if confident else Applicability.UNSAFE
            fix = Fix((), applicability, encoding="utf-8")
        yield Finding(
            start,
            max(end, start),
            f"{where} is not UTF-8: decoded as {doc.encoding.upper()} "
            f"(confidence {doc.encoding_confidence:.2f}"
            f"{'' if confident else ', not confident enough for a safe fix'})",
            fix=fix,
        )


class Utf8Bom(Rule):
    """File starts with a UTF-8 byte-order mark.

    UTF-8 needs no byte-order mark; many tools treat U+FEFF as part of the
    first word or the first JSON key. The fix drops it.

    Bad: ``\\ufeff第一段``. Good: ``第一段``.
    """

    code = "ENC002"
    trigger = "^\ufeff"
    name = "utf8-bom"
    category = "encoding"
    finds = "a UTF-8 byte-order mark"
    fix = Applicability.SAFE
    formats = ("text", "markdown", "html")
    input_problems = (InputProblem.BOM_BEFORE_RECORDS,)  # before a JSONL file's first record

    def check(self, doc: Document) -> Iterator[Finding]:
        if doc.text.startswith("\ufeff"):
            yield Finding(0, 1, "UTF-8 byte-order mark at the start of the file", Fix.delete(0, 1))


class ControlCharacters(Rule):
    """NUL and other C0/C1 control characters in text.

    Tab, line feed and carriage return are text; every other control character
    is debris from a binary field, a terminal escape or a broken conversion,
    and breaks tokenizers and JSON writers. The fix drops C0 controls and DEL
    (safe). C1 controls (U+0080-U+009F) usually mean the text was decoded with
    the wrong single-byte codec, which the mojibake rules can still repair, so
    dropping them is an unsafe fix.

    Bad: ``新闻\\x00稿``. Good: ``新闻稿``.
    """

    code = "ENC003"
    trigger = f"[{_C0_CONTROLS}{_C1_CONTROLS}]"
    name = "control-characters"
    category = "encoding"
    finds = (
        "NUL and other C0 controls (dropping is safe), C1 controls (often cp1252 mojibake: "
        "dropping is unsafe)"
    )
    fix_label = "safe / unsafe"
    fix = Applicability.SAFE

    def check(self, doc: Document) -> Iterator[Finding]:
        for m in _CONTROLS.finditer(doc.text):
            chars = m.group()
            names = ", ".join(f"U+{ord(c):04X}" for c in dict.fromkeys(chars))
            unsafe = _C1_ONLY.search(chars) is not None
            yield Finding(
                m.start(),
                m.end(),
                f"control character{'s' if len(chars) > 1 else ''} {names} in text",
                Fix.delete(m.start(), m.end(), "unsafe" if unsafe else "safe"),
            )


class ReplacementCharacter(Rule):
    """U+FFFD replacement characters: bytes were lost when the text was decoded.

    Some earlier tool decoded these bytes with ``errors="replace"``. The
    original bytes are gone, so there is no fix: the finding shows where the
    text is damaged, so the document can be dropped or re-fetched. (MOJ003
    reports runs of two or more in the mojibake category as well.)

    Bad: ``社区卫生\\ufffd\\ufffd工作``. Good: ``社区卫生工作``.
    """

    code = "ENC004"
    trigger = "\ufffd"
    name = "replacement-character"
    category = "encoding"
    finds = "runs of U+FFFD: bytes lost by an earlier decoder"
    severity = Severity.ERROR

    def check(self, doc: Document) -> Iterator[Finding]:
        for m in _REPLACEMENT.finditer(doc.text):
            n = m.end() - m.start()
            yield Finding(m.start(), m.end(), f"{n} U+FFFD replacement character(s): bytes lost")


class MixedLineEndings(Rule):
    """Line endings of more than one kind (CRLF, LF, CR) in one document.

    Mixed endings come from concatenating files from different systems; they
    make line-based tools disagree on line counts. Each line ending that is not
    the document's most common kind is reported; the fix rewrites it to that
    kind (LF wins a tie).

    Bad: ``第一行\\r\\n第二行\\n``. Good: ``第一行\\n第二行\\n``.
    """

    code = "ENC005"
    trigger = "\r"
    name = "mixed-line-endings"
    category = "encoding"
    finds = "CRLF/LF/CR mixed in one document; rewrites the minority to the majority"
    fix = Applicability.SAFE

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        if "\r" not in text:
            return  # the fast path: LF only
        endings = [(m.start(), m.group()) for m in _LINE_ENDINGS.finditer(text)]
        counts = {kind: 0 for kind in ("\n", "\r\n", "\r")}
        for _, kind in endings:
            counts[kind] += 1
        if sum(1 for n in counts.values() if n) < 2:
            return
        dominant = max(counts, key=lambda k: counts[k])  # dict order makes LF win ties
        name = _ENDING_NAMES[dominant]
        for start, kind in endings:
            if kind != dominant:
                yield Finding(
                    start,
                    start + len(kind),
                    f"{_ENDING_NAMES[kind]} line ending in a document that mostly uses {name}",
                    Fix.replace(start, start + len(kind), dominant),
                )


class MalformedRecord(Rule):
    """A JSONL record that cannot be read: invalid JSON, or no string in the text field.

    The reader reports these while streaming, with the record's line number,
    and goes on with the next record. ``--text-field`` (a dotted path, default
    ``text``) names the field that holds the document. There is no fix: the
    record must be repaired or dropped by whoever produced it.

    Bad: ``{"text": "未闭合的记录``. Good: ``{"text": "完整的记录"}``.
    """

    code = "ENC006"
    name = "malformed-record"
    category = "encoding"
    finds = "a JSONL line that is not JSON or has no string text field (the run goes on)"
    severity = Severity.ERROR
    formats = ("jsonl",)
    input_problems = (InputProblem.MALFORMED_RECORD,)

    def check(self, doc: Document) -> Iterator[Finding]:
        return iter(())  # found by the readers, which see the raw line


RULES = [
    NotUtf8,
    Utf8Bom,
    ControlCharacters,
    ReplacementCharacter,
    MixedLineEndings,
    MalformedRecord,
]


@hookimpl
def corplint_rules() -> list[type[Rule]]:
    return RULES
