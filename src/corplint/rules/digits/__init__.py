"""Rules of the ``digits`` category: numbers deleted from the text.

Some pipelines delete every ASCII digit from scraped text. What remains reads
like Chinese but states nothing: ``到月日为止，共收到来信封``. The bytes are
gone, so there is no fix; the value is in finding such documents (to drop or
re-fetch them) and such places.

All three rules share one piece of evidence, the empty numeral slots of
:mod:`corplint.rules.digits.numerals`: gaps between two characters that would stand either
side of a number in real Chinese but rarely touch. Chinese numerals, ``几``,
``两``, ``每``, ``各`` and the like fill those slots legitimately, and the model
has learned so from clean text.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from corplint.core.document import Document
from corplint.core.finding import Finding
from corplint.core.hookspecs import hookimpl
from corplint.core.rule import Option, Rule
from corplint.rules.digits.numerals import (
    DATE_UNITS,
    STRIPPED_EVIDENCE,
    STRIPPED_FLOOR,
    STRIPPED_MIN,
    Slot,
    empty_slots,
    looks_stripped,
    strong_gaps,
)


@lru_cache(maxsize=2)
def _slots(text: str, strong: float, weak: float) -> tuple[Slot, ...]:
    """Cached: DIG001 and DIG002 ask for the same document in a row."""
    return tuple(empty_slots(text, strong, weak))


def _groups(text: str, slots: list[Slot]) -> Iterator[tuple[int, int, int]]:
    """Merge slots two characters apart or less: ``年月日`` is one place with three
    numbers missing. Yields (start, end, count) spans covering the characters
    either side of every gap."""
    group: list[Slot] = []
    for slot in slots:
        if group and slot.offset - group[-1].offset > 2:
            yield _span(text, group)
            group = []
        group.append(slot)
    if group:
        yield _span(text, group)


def _span(text: str, group: list[Slot]) -> tuple[int, int, int]:
    start = max(0, group[0].offset - 1)
    if text[start] in "\r\n":  # a gap at the start of a line
        start += 1
    return start, min(len(text), group[-1].offset + 1), len(group)


class _SlotRule(Rule):
    formats = ("text", "markdown", "jsonl")
    options = (
        Option(
            "threshold",
            5.0,
            "Log-odds a gap must reach to be reported; lower finds more and risks false alarms.",
        ),
    )
    dates: bool

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        slots = [
            s
            for s in _slots(text, self.settings["threshold"], self.settings["threshold"] - 3.0)
            if (text[s.offset] in DATE_UNITS) == self.dates
        ]
        for start, end, count in _groups(text, slots):
            excerpt = text[start:end]
            numbers = "a number is" if count == 1 else f"{count} numbers are"
            yield Finding(start, end, f"{numbers} missing in '{excerpt}' ({self.what})")

    what: str


class MissingDateNumbers(_SlotRule):
    """A date or time whose numbers were deleted: ``自月日起``, ``截至月日``, ``时分``.

    How it arises: a cleaning step deleted ASCII digits (sometimes full-width
    ones too). Reported where a date unit (年 月 日 号 时 分 秒) stands where
    a number belongs; consecutive units are one finding. There is no fix: the
    numbers are gone. Chinese dates (``三月五日``, ``今年``, ``月底前``) pass.

    Bad: ``自月日起实施``. Good: ``自5月6日起实施``.
    """

    code = "DIG001"
    name = "missing-date-numbers"
    category = "digits"
    finds = (
        "a date or time whose numbers were deleted (`自月日起`, `截至月日`); option `threshold` "
        "(log-odds, default 5.0); in a document that looks stripped (DIG003), every gap scoring 0 "
        "or more"
    )
    dates = True
    what = "a date or time without its numbers"


class MissingQuantityNumbers(_SlotRule):
    """A quantity whose number was deleted: ``招聘余人``, ``增长％``, ``第轮``.

    How it arises: as for DIG001. Reported where a measure word, a magnitude
    (万 亿), an approximation (余 多) or a percent sign stands where a number
    belongs. Everything that fills that slot legitimately - Chinese numerals,
    ``几 两 数 半 每 各 某 这 那``, and words such as ``个人`` or ``人员`` -
    passes. There is no fix.

    Bad: ``共招聘余人``. Good: ``共招聘300余人``, ``共招聘三百余人``.
    """

    code = "DIG002"
    name = "missing-quantity-numbers"
    category = "digits"
    finds = "a quantity whose number was deleted (`增长％`, `总投资亿元`); option `threshold`"
    dates = False
    what = "a quantity without its number"


class DigitsStrippedDocument(Rule):
    """A whole document whose Arabic digits were deleted, reported once.

    The strongest signal for deciding what to drop: a document whose best
    empty numeral slots (``min-slots`` of them, each of log-odds 1 or more)
    add up to ``evidence``, and no Arabic digit (ASCII or full-width) in any line
    of prose - a timestamp or URL on a line of its own, which scrapers keep,
    does not count. Chinese numerals survive such stripping, so they are no
    evidence that the document is intact; a document that writes its numbers
    in Chinese on purpose has no empty slots. When a document looks stripped,
    DIG001 and DIG002 report every gap in it, not only the strong ones. The
    finding spans the whole document and gives the number of empty slots.
    There is no fix: re-fetch or drop the document.

    Bad: ``自月日起，全市共有个小区……`` with no digit anywhere.
    """

    code = "DIG003"
    name = "digits-stripped-document"
    category = "digits"
    finds = (
        "a document with no Arabic digit in any line of prose whose `min-slots` (2) best gaps "
        "(each of log-odds ≥ 1) add up to `evidence` (6.0) — residues such as `增长％`, `（）`, "
        "`—级` or a bare `G` count — reported once over the whole document"
    )
    formats = ("text", "markdown", "jsonl")
    options = (
        Option(
            "min-slots",
            STRIPPED_MIN,
            "How many of the best empty numeral slots make the evidence.",
        ),
        Option(
            "evidence",
            STRIPPED_EVIDENCE,
            "What the log-odds of those slots must add up to; higher is stricter.",
        ),
    )

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        if text and looks_stripped(text, self.settings["evidence"], self.settings["min-slots"]):
            slots = len(strong_gaps(text, STRIPPED_FLOOR))
            yield Finding(
                0,
                len(text),
                f"no Arabic digit in the prose of the document and {slots} places where a "
                "number belongs: its digits were probably deleted",
            )


@hookimpl
def corplint_rules() -> list[type[Rule]]:
    return [MissingDateNumbers, MissingQuantityNumbers, DigitsStrippedDocument]
