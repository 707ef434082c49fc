"""An example corplint rule pack: one rule, its spec cases, registered by entry point.

Copy this folder to start a pack of your own: rename the package, the entry
point and the code prefix (pick three letters no other pack uses).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import corplint
from corplint import Applicability, Document, Finding, Fix, Option, Rule

_DOTS = re.compile(r"(?<=[\u4e00-\u9fff，。！？])(?:\.{3,}|。{3,}|…(?!…))")


class AsciiEllipsis(Rule):
    """An ellipsis written as dots, or a single '…', in Chinese prose.

    Chinese typography writes the ellipsis as two '…' (U+2026 U+2026). Text
    that went through an English-minded editor ends up with '...' or '。。。'.
    The fix writes '……'.

    Bad: ``他说：我再想想...``. Good: ``他说：我再想想……``.
    """

    code = "XMP001"
    name = "ascii-ellipsis"
    category = "punctuation"
    fix = Applicability.SAFE
    options = (Option("replacement", "……", "What the ellipsis is replaced with."),)

    def check(self, doc: Document) -> Iterator[Finding]:
        for m in _DOTS.finditer(doc.text):
            yield Finding(
                m.start(),
                m.end(),
                f"ellipsis written as '{m.group()}' in Chinese prose",
                Fix.replace(m.start(), m.end(), self.settings["replacement"]),
            )


@corplint.hookimpl
def corplint_rules() -> list[type[Rule]]:
    return [AsciiEllipsis]


@corplint.hookimpl
def corplint_rule_specs() -> list[Path]:
    here = Path(__file__).parent
    packaged = here / "rule_specs"
    return [packaged if packaged.is_dir() else here.parents[1] / "rules"]
