"""Rules of the ``layout`` category: paragraphs cut by hard line breaks, and the
orphans that stripped images leave behind.

PDF extraction, fixed-width exports and careless HTML-to-text conversion put
line breaks in the middle of sentences (``调试新设`` / ``备``); a model
trained on them learns to break words. Removing images leaves their captions and
pointing arrows alone on their lines. The line analysis lives in
:mod:`corplint.rules.layout.breaks`.
"""

from __future__ import annotations

from corplint.core.hookspecs import hookimpl
from corplint.core.rule import Rule
from corplint.rules.layout.cuts import CutParagraph
from corplint.rules.layout.orphans import MediaOrphan


@hookimpl
def corplint_rules() -> list[type[Rule]]:
    return [CutParagraph, MediaOrphan]
