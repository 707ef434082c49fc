"""``corplint report`` (``--output-format html``): a corpus health report to look at.

One self-contained page — inline CSS and SVG, no script, no font or file
fetched — that opens offline and can be mailed: the size of the run and its
speed, findings and the documents they affect per category and per rule (with
charts), the share of documents the keep/drop policy of ``[tool.corplint.verdict]``
would drop, and the worst documents with their findings in context. Its
figures are those of ``--statistics --output-format json``, which the page
also carries in a ``<script type="application/json">`` block for machines.
"""

from __future__ import annotations

import heapq
import html
import json
import time
from collections import Counter
from datetime import datetime, timezone
from typing import Any

from corplint.config.verdict import Policy
from corplint.core.document import Document
from corplint.core.finding import Finding
from corplint.core.version import __version__
from corplint.reporters.base import Reporter, Summary
from corplint.reporters.statistics import Tally

WORST = 20
"""Documents shown with their findings."""
SHOWN_PER_DOCUMENT = 6
CONTEXT = 30
"""Characters shown on each side of a finding."""
_COLOURS = ("#3b6ea8", "#c8553d", "#5a9367", "#d4a03a", "#7a5c99", "#2f8f9d", "#b5487a")


class HtmlReporter(Reporter):
    """Gathers the run's figures and the worst documents; writes the page at the end."""

    policy = Policy()

    def start(self) -> None:
        self.tally = Tally()
        self.dropped = 0
        self.drop_reasons: Counter[str] = Counter()
        self.bytes = 0
        self._worst: list[tuple[int, int, dict]] = []  # a min-heap of the worst documents
        self._seen = 0
        self._began = time.perf_counter()

    def report(self, findings: list[Finding], document: Document | None) -> None:
        """Counted per document in :meth:`document`."""

    def document(self, document: Document | None, findings: list[Finding]) -> None:
        if document is not None:
            self.bytes += len(document.text.encode("utf-8", "surrogatepass"))
        self.tally.add(findings)
        verdict = self.policy.judge(findings)
        if not verdict.keep:
            self.dropped += 1
            self.drop_reasons.update(verdict.reasons)
        if not findings:
            return
        self._seen += 1
        entry = (len(findings), -self._seen, _worst_entry(document, findings, verdict.label))
        if len(self._worst) < WORST:
            heapq.heappush(self._worst, entry)
        elif entry[:2] > self._worst[0][:2]:
            heapq.heapreplace(self._worst, entry)

    def finish(self, summary: Summary) -> None:
        elapsed = max(time.perf_counter() - self._began, 1e-9)
        stats = self.tally.as_dict(summary, self.rules)
        stats["documents_dropped"] = self.dropped
        worst = [entry for _, _, entry in sorted(self._worst, reverse=True)]
        self.out.write(_page(stats, self.drop_reasons, worst, self.bytes, elapsed, self.policy))


def _worst_entry(document: Document | None, findings: list[Finding], verdict: str) -> dict:
    first = findings[0]
    shown = []
    for f in findings[:SHOWN_PER_DOCUMENT]:
        text = document.text if document is not None else f.source
        start, end = (f.start, f.end) if document is not None else (0, len(f.source))
        shown.append(
            {
                "code": f.code,
                "message": f.message,
                "where": f"{f.line}:{f.column}",
                "before": text[max(0, start - CONTEXT) : start],
                "span": text[start:end][:200],
                "after": text[end : end + CONTEXT],
            }
        )
    return {
        "path": first.path,
        "record": first.record,
        "id": first.id,
        "findings": len(findings),
        "verdict": verdict,
        "by_code": dict(Counter(f.code for f in findings).most_common()),
        "shown": shown,
    }


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _bars(rows: list[tuple[str, int, int]], total_docs: int, title: str) -> str:
    """A horizontal bar chart (inline SVG) of findings, with documents affected."""
    if not rows:
        return ""
    width, label_w, bar_w, row_h = 720, 190, 360, 26
    top = max(n for _, n, _ in rows) or 1
    height = row_h * len(rows) + 30
    parts = [
        f'<svg class="chart" role="img" aria-label="{_e(title)}" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg">',
        f'<text x="0" y="16" class="ct">{_e(title)}</text>',
    ]
    for k, (label, n, docs) in enumerate(rows):
        y = 30 + k * row_h
        w = max(2, round(bar_w * n / top))
        share = f"{100 * docs / total_docs:.1f}%" if total_docs else "-"
        colour = _COLOURS[k % len(_COLOURS)]
        parts.append(f'<text x="0" y="{y + 15}" class="cl">{_e(label)}</text>')
        parts.append(
            f'<rect x="{label_w}" y="{y + 3}" width="{w}" height="{row_h - 8}" fill="{colour}">'
            f"<title>{_e(label)}: {n} findings in {docs} documents</title></rect>"
        )
        parts.append(
            f'<text x="{label_w + w + 6}" y="{y + 15}" class="cv">{n:,} · {docs:,} docs '
            f"({share})</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _share_bar(kept: int, dropped: int) -> str:
    total = kept + dropped or 1
    w = 600
    kw = round(w * kept / total)
    return (
        f'<svg class="chart" role="img" aria-label="kept and dropped documents" '
        f'viewBox="0 0 {w} 40" width="{w}" height="40" xmlns="http://www.w3.org/2000/svg">'
        f'<rect x="0" y="5" width="{kw}" height="30" fill="#5a9367"><title>keep: {kept}'
        f'</title></rect><rect x="{kw}" y="5" width="{w - kw}" height="30" fill="#c8553d">'
        f"<title>drop: {dropped}</title></rect></svg>"
    )


_STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC","Microsoft YaHei",sans-serif;
margin:2rem auto;max-width:1100px;color:#222;padding:0 1rem}
h1{margin-bottom:.2rem}h2{margin-top:2rem;border-bottom:1px solid #ddd;padding-bottom:.2rem}
.muted{color:#666}.cards{display:flex;gap:1rem;flex-wrap:wrap;margin:1rem 0}
.card{border:1px solid #ddd;border-radius:6px;padding:.7rem 1rem;min-width:140px}
.card b{display:block;font-size:1.5rem}table{border-collapse:collapse;margin:.5rem 0}
td,th{border-bottom:1px solid #eee;padding:.25rem .7rem;text-align:left}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.chart .ct{font-weight:600;font-size:14px}.chart .cl,.chart .cv{font-size:12px}
.doc{border:1px solid #ddd;border-radius:6px;padding:.5rem 1rem;margin:.8rem 0}
.ctx{display:block;font-family:ui-monospace,monospace;white-space:pre-wrap;background:#f7f7f7;
padding:.2rem .4rem;margin-top:.2rem}
mark{background:#ffd27a}.drop{color:#c8553d;font-weight:600}.keep{color:#5a9367;font-weight:600}
"""


def _page(
    stats: dict[str, Any],
    reasons: Counter[str],
    worst: list[dict],
    size: int,
    elapsed: float,
    policy: Policy,
) -> str:
    docs = stats["documents"]
    affected = stats["documents_with_findings"]
    dropped = stats["documents_dropped"]
    mb = size / 1e6
    pct = (lambda n: f"{100 * n / docs:.1f}%") if docs else (lambda n: "-")
    cards = [
        ("documents", f"{docs:,}"),
        ("with findings", f"{affected:,} ({pct(affected)})"),
        ("findings", f"{stats['findings']:,}"),
        ("fixable with --fix", f"{stats['fixable']:,}"),
        ("policy would drop", f"{dropped:,} ({pct(dropped)})"),
        ("text checked", f"{mb:,.1f} MB in {elapsed:,.1f} s ({mb / elapsed:,.1f} MB/s)"),
    ]
    categories = [(r["category"], r["findings"], r["documents"]) for r in stats["by_category"]]
    rules = [
        (f"{r['code']} {r['name']}", r["findings"], r["documents"]) for r in stats["by_rule"][:15]
    ]
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>corplint report</title>",
        f"<style>{_STYLE}</style></head><body>",
        "<h1>corplint report</h1>",
        f'<p class="muted">corplint {_e(__version__)} · '
        f"{_e(datetime.now(timezone.utc).strftime('%Y-%m-%d %H:%M UTC'))} · "
        f"{stats['files']:,} file(s)"
        + (f" · {stats['input_errors']} input error(s)" if stats["input_errors"] else "")
        + "</p>",
        '<div class="cards">',
        *(f'<div class="card"><b>{_e(v)}</b>{_e(k)}</div>' for k, v in cards),
        "</div>",
        "<h2>Findings by category</h2>",
        _bars(categories, docs, "findings per category · documents affected"),
        _table(stats["by_category"], ("category", "findings", "documents"), docs),
        "<h2>Findings by rule</h2>",
        _bars(rules, docs, "findings per rule (top 15) · documents affected"),
        _table(stats["by_rule"], ("code", "name", "category", "findings", "documents"), docs),
        "<h2>Keep or drop</h2>",
        f"<p>The policy (drop on {_e(', '.join(sorted(policy.drop)) or 'nothing')}"
        + (f", or more than {policy.max_findings} findings" if policy.max_findings else "")
        + f") keeps {docs - dropped:,} and drops {dropped:,} of {docs:,} documents "
        f"({pct(dropped)}).</p>",
        _share_bar(docs - dropped, dropped),
        _reasons(reasons),
        f"<h2>The worst documents ({len(worst)})</h2>",
        *(_document(entry) for entry in worst),
        '<script type="application/json" id="corplint-statistics">',
        json.dumps(stats, ensure_ascii=False).replace("</", "<\\/"),
        "</script>",
        "</body></html>",
    ]
    return "\n".join(out) + "\n"


def _table(rows: list[dict], columns: tuple[str, ...], docs: int) -> str:
    head = "".join(
        f'<th class="{"n" if c in ("findings", "documents") else ""}">{_e(c)}</th>' for c in columns
    )
    body = []
    for row in rows:
        cells = []
        for c in columns:
            if c in ("findings", "documents"):
                extra = f" ({100 * row[c] / docs:.1f}%)" if c == "documents" and docs else ""
                cells.append(f'<td class="n">{row[c]:,}{extra}</td>')
            else:
                cells.append(f"<td>{_e(row[c])}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><tr>{head}</tr>{''.join(body)}</table>"


def _reasons(reasons: Counter[str]) -> str:
    if not reasons:
        return ""
    items = "".join(f"<li>{_e(r)}: {n:,}</li>" for r, n in reasons.most_common())
    return f"<p>Why documents are dropped:</p><ul>{items}</ul>"


def _document(entry: dict) -> str:
    where = entry["path"] + (f" · record {entry['record']}" if entry["record"] is not None else "")
    if entry["id"] is not None:
        where += f" · id {entry['id']}"
    codes = ", ".join(f"{c} ×{n}" for c, n in entry["by_code"].items())
    lines = [
        '<div class="doc">',
        f"<p><b>{_e(where)}</b> — {entry['findings']} finding(s): {_e(codes)} · "
        f'<span class="{entry["verdict"]}">{entry["verdict"]}</span></p>',
    ]
    for f in entry["shown"]:
        lines.append(
            f"<p>{_e(f['code'])} {_e(f['where'])}: {_e(f['message'])}<br>"
            f'<span class="ctx">…{_e(f["before"])}<mark>{_e(f["span"])}</mark>'
            f"{_e(f['after'])}…</span></p>"
        )
    if entry["findings"] > len(entry["shown"]):
        lines.append(f'<p class="muted">and {entry["findings"] - len(entry["shown"])} more</p>')
    lines.append("</div>")
    return "\n".join(lines)
