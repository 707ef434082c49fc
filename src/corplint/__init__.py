"""corplint: a pluggable data-quality linter for Chinese text corpora.

Two public faces, both importable from ``corplint`` alone:

* for pipelines: :func:`check`, :func:`fix`, :func:`check_records` and
  :class:`Linter` (see ``corplint.api``);
* for rule packs: :class:`Rule`, :class:`Finding`, :class:`Fix`, ``hookimpl``
  and the rest a plugin needs, so that it never reaches into internal modules.
"""

from corplint.api import FixResult, Linter, RecordResult, check, check_records, fix
from corplint.config.verdict import Verdict
from corplint.core.document import Document
from corplint.core.finding import Applicability, Edit, Finding, Fix, Severity
from corplint.core.hookspecs import hookimpl
from corplint.core.rule import CATEGORIES, Option, Rule
from corplint.core.version import __version__

__all__ = [
    "CATEGORIES",
    "Applicability",
    "Document",
    "Edit",
    "Finding",
    "Fix",
    "FixResult",
    "Linter",
    "Option",
    "RecordResult",
    "Rule",
    "Severity",
    "Verdict",
    "__version__",
    "check",
    "check_records",
    "fix",
    "hookimpl",
]
