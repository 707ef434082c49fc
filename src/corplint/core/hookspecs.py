"""The hooks corplint calls. Built-in rules and reporters implement these
exactly as a third-party pack does (pytest's ``hookspec.py`` is the model).

A pack is a module with ``@corplint.hookimpl`` functions, registered through
the ``corplint`` entry-point group, ``--plugin dotted.module`` or
``plugins = [...]`` in the configuration.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from corplint.core.document import Document
    from corplint.core.finding import Finding
    from corplint.core.rule import Rule
    from corplint.reporters.base import Reporter

PROJECT = "corplint"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def corplint_rules() -> list[type[Rule]]:
    """Return the rule classes this plugin provides.

    Called once when the plugin manager is built; every class is validated
    (code, name, category, docstring) and codes must be unique across plugins.
    """


@hookspec
def corplint_rule_specs() -> list[Path]:
    """Return directories that hold ``<CODE>.toml`` rule specifications.

    The specifications are a rule's documented cases; ``corplint rule CODE``
    shows them as examples and the test suite runs them.
    """


@hookspec
def corplint_output_formats() -> dict[str, type[Reporter]]:
    """Return extra output formats, name -> Reporter subclass (see ``corplint.reporters.base``)."""


@hookspec
def corplint_document_checked(document: Document, findings: list[Finding]) -> None:
    """Observe every document after its rules ran (before fixes are written).

    Cross-document rules accumulate what they need here — a hash per line, a
    fingerprint per document — and report in :func:`corplint_corpus_end`.
    Keep it cheap: it runs once per document of a corpus of millions.
    """


@hookspec
def corplint_corpus_end() -> Iterable[Finding] | None:
    """Called once after all documents; return corpus-level findings.

    Each finding must carry its own ``path``, ``record``, ``code`` and
    location (line/column), since no document is at hand any more.
    """
