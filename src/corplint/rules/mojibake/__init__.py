"""Rules of the ``mojibake`` category: text decoded with the wrong codec, and its relatives.

Clean text is decided fast: each rule first scans with one compiled regex
for what its damage must contain (runs of uncommon characters, Latin-1 lead
and continuation characters, invisible code points ...). Only lines that
match are examined, by byte-level round trips checked against a character
model of Chinese (``corplint.rules._shared.charmodel``).
"""

from __future__ import annotations

from corplint.core.hookspecs import hookimpl
from corplint.core.rule import Rule
from corplint.rules.mojibake.characters import (
    InvisibleCharacters,
    LookalikeCharacters,
    ReplacementRelatives,
)
from corplint.rules.mojibake.misreads import Utf8MisreadAsCjk, Utf8MisreadAsLatin
from corplint.rules.mojibake.shifted import ShiftedDoubleByte


@hookimpl
def corplint_rules() -> list[type[Rule]]:
    return [
        Utf8MisreadAsCjk,
        Utf8MisreadAsLatin,
        ReplacementRelatives,
        ShiftedDoubleByte,
        LookalikeCharacters,
        InvisibleCharacters,
    ]
