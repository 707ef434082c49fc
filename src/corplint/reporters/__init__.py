"""Built-in output formats, registered through the ``corplint_output_formats`` hook."""

from __future__ import annotations

from corplint.core.hookspecs import hookimpl
from corplint.reporters.base import Reporter
from corplint.reporters.documents import DocumentsReporter
from corplint.reporters.github import GithubReporter
from corplint.reporters.html import HtmlReporter
from corplint.reporters.machine import JsonLinesReporter, JsonReporter
from corplint.reporters.sarif import SarifReporter
from corplint.reporters.text import ConciseReporter, FullReporter


@hookimpl
def corplint_output_formats() -> dict[str, type[Reporter]]:
    return {
        "full": FullReporter,
        "concise": ConciseReporter,
        "json": JsonReporter,
        "jsonl": JsonLinesReporter,
        "sarif": SarifReporter,
        "github": GithubReporter,
        "documents": DocumentsReporter,
        "html": HtmlReporter,
    }
