"""Human-readable output: ``full`` (source line with a caret under the span) and ``concise``."""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console
from rich.markup import escape

from corplint.core.document import Document
from corplint.core.finding import Finding, Severity
from corplint.reporters.base import Reporter, Summary

_STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
WINDOW_CELLS = 72
"""How many terminal cells of a (possibly 10,000-character) line to show around a span."""


class ConciseReporter(Reporter):
    """``path:line:column: CODE [*] message`` — one line per finding."""

    quiet = False

    def start(self) -> None:
        self.console = Console(
            file=self.out,
            highlight=False,
            emoji=False,  # a ':smile:' in a path or a message is text, not an emoji
            force_terminal=self.color,
            no_color=self.color is False,
            soft_wrap=True,
        )
        self._plain = self.console.color_system is None
        """No colour and no style (a pipe, a file): lines are written as they are,
        not rendered by rich, which costs more than checking the text did."""

    def _print(self, line: str) -> None:
        if self._plain:
            self.out.write(line + "\n")
        else:
            self.console.print(line)

    def _text(self, text: str) -> str:
        """``text`` as it is shown: escaped for rich's markup unless plain."""
        return text if self._plain else escape(text)

    def _style(self, shown: str, style: str) -> str:
        return shown if self._plain else f"[{style}]{shown}[/{style}]"

    def report(self, findings: list[Finding], document: Document | None) -> None:
        for f in findings:
            self._print(self._headline(f))

    def _headline(self, f: Finding) -> str:
        """The finding's first line (rich markup, or plain text without colours)."""
        where = self._text(f.path)
        if f.record is not None:
            where += self._style(f"#{f.record}", "dim")
        safe = f.fix_applicability == "safe"
        marker = " " + self._style(self._text("[*]"), "bold cyan") if safe else ""
        style = _STYLES.get(f.severity, "yellow")  # type: ignore[arg-type]
        return (
            f"{self._style(where, 'bold')}:{f.line}:{f.column}: {self._style(f.code, style)}"
            f"{marker} {self._text(f.message)}"
        )

    def finish(self, summary: Summary) -> None:
        if not self.quiet:
            print_summary(self.console, summary)


class FullReporter(ConciseReporter):
    """The headline plus the source line and a caret under the flagged span."""

    def report(self, findings: list[Finding], document: Document | None) -> None:
        for f in findings:
            self._print(self._headline(f))
            if document is not None:
                self._show_source(f, document)

    def _show_source(self, f: Finding, doc: Document) -> None:
        line_start, line_end = doc.index.line_span(f.line)
        line = doc.text[line_start:line_end]
        col = f.column - 1
        end_col = f.end_column - 1 if f.end_line == f.line else len(line)
        left = max(0, col - 20)
        while left < col and cell_len(line[left:col]) > 30:
            left += 1
        stop, cells = left, 0
        while stop < len(line) and (cells < WINDOW_CELLS or stop < end_col):
            cells += cell_len(line[stop])
            stop += 1
        shown = line[left:stop]
        prefix = "…" if left else ""
        suffix = "…" if stop < len(line) else ""
        visible = prefix + _printable(shown) + suffix
        pad = cell_len(prefix + _printable(line[left:col]))
        width = max(1, cell_len(_printable(line[col : max(end_col, col + 1)])))
        gutter = f"{f.line:>5} │ "
        self._print(self._style(gutter, "dim") + self._text(visible))
        style = _STYLES.get(f.severity, "yellow")  # type: ignore[arg-type]
        self._print(" " * (len(gutter) + pad) + self._style("^" * width, style))


def _printable(text: str) -> str:
    """Make control characters and the BOM visible so carets line up with what is shown."""
    return "".join(
        "�"
        if "\ud800" <= ch <= "\udfff"  # an undecodable byte, or a lone surrogate: unprintable
        else ch
        if ch == "\t" or (ch >= " " and ch not in "\x7f\ufeff" and not "\x80" <= ch <= "\x9f")
        else "·"
        for ch in text
    ).replace("\t", " ")


def print_summary(console: Console, summary: Summary) -> None:
    """The closing lines: what was fixed (and written), found, and what failed.

    "All checks passed" is said only of a run in which nothing failed: a file
    that could not be read or written is not a passed check.
    """
    if summary.fixed:
        console.print(f"Fixed {summary.fixed} finding(s).")
    if summary.errors:
        console.print(
            f"[bold red]{summary.errors} error(s)[/bold red]: some input was not checked "
            "or not written (see the messages above)."
        )
    if summary.findings:
        fixable = ""
        if summary.fixable:
            fixable = f" ([bold cyan]{summary.fixable}[/bold cyan] fixable with --fix"
            if summary.unsafe_fixable:
                fixable += f", {summary.unsafe_fixable} more with --unsafe-fixes"
            fixable += ")"
        elif summary.unsafe_fixable:
            fixable = f" ({summary.unsafe_fixable} fixable with --unsafe-fixes)"
        console.print(
            f"Found {summary.findings} finding(s) in {summary.documents} document(s){fixable}."
        )
    elif not summary.fixed and not summary.errors:
        console.print(f"All checks passed ({summary.documents} document(s)).")
    elif not summary.fixed:
        console.print(f"No findings in the {summary.documents} document(s) that were checked.")
