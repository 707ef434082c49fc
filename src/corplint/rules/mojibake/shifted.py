"""Double-byte text read one byte off (MOJ004): re-read from the shifted position,
the lost bytes guessed."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from corplint.core.document import Document
from corplint.core.finding import Applicability, Edit, Finding, Fix, Severity
from corplint.core.rule import Option, Rule, portable
from corplint.rules._shared.charmodel import model
from corplint.rules.mojibake.misreads import _short
from corplint.rules.mojibake.unshift import unshift

SHIFT_COMMON_CHARACTERS = 3000
"""Shifted GB2312 text is made of fairly common characters: its scan uses the top 3,000."""


@cache
def _shift_suspect() -> re.Pattern[str]:
    """Two adjacent characters outside the 3,000 most frequent: shifted GB2312 text is
    made of valid, fairly common characters, so this net is wider than ``_uncommon_run``."""
    common = re.escape(model().common(SHIFT_COMMON_CHARACTERS))
    return re.compile(f"[^\\x00-\\x7f\\u2000-\\u206f\\u3000-\\u303f{common}]{{2}}")


class ShiftedDoubleByte(Rule):
    """Double-byte text whose byte pairs slipped by one byte.

    How it arises: one byte of a GBK or Big5 stream is lost or added (a
    truncated buffer, a naive cut at a byte offset), so every later pair
    straddles two characters: ``。”“大家辛苦了`` (A1 A3 A1 B1 ...) read from its
    second byte becomes ``！薄按蠹倚量嗔``, valid characters in an improbable
    order. The rule looks at runs of uncommon characters, re-reads their bytes
    one byte off in both directions, and reports runs whose re-reading is far
    more probable Chinese under the character model. The fix suggests the
    re-reading; it is unsafe because the first or last character of the run
    is guessed.

    Bad: ``薄按蠹倚量嗔``. Good: ``”“大家辛苦了``.
    """

    code = "MOJ004"
    name = "shifted-double-byte"
    category = "mojibake"
    finds = (
        "GBK/Big5 text whose byte pairs slipped by one byte; the fix suggests the re-reading, "
        "guessing lost bytes with the character model"
    )
    severity = Severity.ERROR
    fix = Applicability.UNSAFE
    options = (
        Option("min-gain", 4.0, "Bits per character the re-reading must gain over the text."),
        Option("min-length", 4, "Shortest run of characters examined."),
    )

    @property
    def trigger(self) -> str:  # type: ignore[override]
        return portable(_shift_suspect().pattern)

    def check(self, doc: Document) -> Iterator[Finding]:
        suspect = _shift_suspect()
        if not suspect.search(doc.text):
            return
        text = doc.text
        m = model()
        done = -1
        for hit in suspect.finditer(text):
            if hit.start() < done:
                continue
            # cheap gates before the byte-level search: the hit is no known word
            # with its neighbours, the text around it is improbable Chinese, and
            # read one byte off it is more probable
            i = hit.start()
            if (
                text[i : i + 2] in m.bi
                or text[i - 1 : i + 1] in m.bi
                or text[i + 1 : i + 3] in m.bi
            ):
                continue
            window = text[max(0, hit.start() - 4) : hit.end() + 4]
            if m.rough_bits(window) < 12 or not _quick_gain(window, m):
                continue
            run = _HAN_RUN.match(text, _run_start(text, hit.start()))
            if run is None or run.end() - run.start() < self.settings["min-length"]:
                continue
            done = run.end()
            if run.group().count("\ufffd") * 6 > len(run.group()):
                # bytes already lost to a UTF-8 decoder (MOJ001/MOJ003 report the
                # span): no one-byte-off reading can be trusted, and the search
                # over such runs is the costliest of the default rules
                continue
            for s, e, reading in self._unshift(run.group(), run.start(), m):
                yield Finding(
                    s,
                    e,
                    f"double-byte text shifted by one byte; reads '{_short(reading)}'",
                    Fix((Edit(s, e, reading),), Applicability.UNSAFE),
                )

    def _unshift(self, run: str, offset: int, m) -> Iterator[tuple[int, int, str]]:
        # Long runs are examined in pieces so the cost stays linear. The next
        # piece starts where a reading ended (the whole run is covered in one
        # pass, so a second --fix finds nothing left), or overlaps the last
        # piece by a third when it held none (a reading across the cut is seen).
        piece, step = 160, 120
        lo = 0
        while lo < len(run):
            part = run[lo : lo + piece]
            found = unshift(part, m, self.settings["min-gain"], self.settings["min-length"])
            if found is not None and found.end > found.start:
                yield offset + lo + found.start, offset + lo + found.end, found.text
                lo += found.end
            elif lo + piece >= len(run):
                break
            else:
                lo += step


_FULL_WIDTH = {ord(c): ord(c) + 0xFEE0 for c in "!,.;:()"} | {0xFFFD: ord("?")}


def _quick_gain(window: str, m) -> bool:
    """Whether a one-byte-off GB18030 reading of a few characters gains 2 bits a character
    (half-width marks read as the full-width ones they often were, lost bytes as '?')."""
    data = window.translate(_FULL_WIDTH).encode("gb18030", "replace")
    before = m.mean_bits(window)
    for shifted in (data[1:], data[2:]):
        reading = shifted.decode("gb18030", "replace")[1:]  # the first may straddle
        if before - m.mean_bits(reading) >= 2:
            return True
    return False


def _run_start(text: str, pos: int) -> int:
    """Start of the double-byte run that holds ``pos`` (looking back 400 characters at most)."""
    start = max(0, pos - 400)
    for m in _RUN_BREAK.finditer(text, start, pos):
        start = m.end()
    return start


# a run of double-byte text: anything but ASCII, plus the ASCII marks a
# converter may have made of full-width ones and the '?' of a lost byte
_HAN_RUN = re.compile("(?:[^\\x00-\\x7f]|[?!,.;:()])+")


_RUN_BREAK = re.compile("[\\x00-\\x20\\x22-\\x27\\x2a-\\x2b\\x2d\\x2f-\\x39\\x3c-\\x3e\\x40-\\x7e]")
