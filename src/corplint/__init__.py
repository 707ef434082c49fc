"""corplint: a pluggable data-quality linter for Chinese text corpora.

The public API a rule pack needs is re-exported here, so that a plugin imports
only ``corplint`` and never reaches into internal modules.
"""

from corplint.document import Document
from corplint.finding import Applicability, Edit, Finding, Fix, Severity
from corplint.hookspecs import hookimpl
from corplint.rule import CATEGORIES, Option, Rule

__version__ = "0.1.0"

__all__ = [
    "CATEGORIES",
    "Applicability",
    "Document",
    "Edit",
    "Finding",
    "Fix",
    "Option",
    "Rule",
    "Severity",
    "__version__",
    "hookimpl",
]
