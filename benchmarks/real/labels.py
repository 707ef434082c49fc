"""The hand labels: reading, writing and showing them.

``labels.jsonl`` holds one record per labelled document: its id, a hash of its
whole text when it was labelled, and for each defective line its number, a
hash of the line and ``category/kind``. Every line not listed is labelled
good. No text is stored: the labels apply wherever ``../shared/real`` is.

Labels are written in a short form, one document per line, and merged::

    cc/cleared1/0: 1 spam/gibberish; 3-5 boilerplate/nav
    cc/cleared1/1: -
    cc/cleared1/2: 4 spam/spliced+encoding/control

    python -m benchmarks.real.labels add my-labels.txt
    python -m benchmarks.real.labels show cc/cleared1/0 cc/cleared1/1
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.real.corpus import RealDoc, documents, text_hash

LABELS = Path(__file__).with_name("labels.jsonl")

KINDS: dict[str, tuple[str, ...]] = {
    "spam": (
        "gambling",
        "lottery",
        "porn",
        "medicine",
        "keywords",
        "gibberish",
        "spliced",
        "ad",
    ),
    "boilerplate": (
        "nav",
        "tags",
        "share",
        "copyright",
        "credit",
        "attachment",
        "caption",
        "related",
        "contact",
        "ui",
        "meta",
    ),
    "markup": ("script", "tag", "entity", "url"),
    "encoding": ("control", "lost", "not-utf8"),
    "mojibake": ("mojibake", "invisible", "pua"),
    "script": ("mixed", "pinyin"),
    "digits": ("stripped",),
    "layout": ("broken", "truncated"),
    "punctuation": ("halfwidth", "mismatched"),
}
"""Every category and kind a line may carry; LABELS.md says what each means."""


@dataclass
class DocLabels:
    doc: str
    digest: str
    lines: dict[int, tuple[str, str]] = field(default_factory=dict)
    """line number -> (line hash, "category/kind")"""

    def to_json(self) -> str:
        lines = {str(n): [h, label] for n, (h, label) in sorted(self.lines.items())}
        return json.dumps(
            {"doc": self.doc, "digest": self.digest, "lines": lines}, ensure_ascii=False
        )


def load(path: Path = LABELS) -> dict[str, DocLabels]:
    out: dict[str, DocLabels] = {}
    if not path.exists():
        return out
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            lines = {int(n): (h, label) for n, (h, label) in record["lines"].items()}
            out[record["doc"]] = DocLabels(record["doc"], record["digest"], lines)
    return out


def save(labels: dict[str, DocLabels], path: Path = LABELS) -> None:
    order = {doc.id: i for i, doc in enumerate(documents())}
    ranked = sorted(labels.values(), key=lambda d: (order.get(d.doc, len(order)), d.doc))
    path.write_text("".join(d.to_json() + "\n" for d in ranked), encoding="utf-8")


def parse_short(text: str) -> dict[str, list[tuple[int, str]]]:
    """``doc: 3 cat/kind; 5-7 cat/kind`` lines -> {doc: [(line, label), ...]}."""
    out: dict[str, list[tuple[int, str]]] = {}
    for raw in text.splitlines():
        raw = raw.split("#", 1)[0].strip()
        if not raw:
            continue
        doc, _, rest = raw.partition(":")
        items: list[tuple[int, str]] = []
        for part in rest.split(";"):
            part = part.strip()
            if not part or part == "-":
                continue
            span, label = part.split()
            for one in label.split("+"):  # two defects on one line: cat/kind+cat/kind
                category, _, kind = one.partition("/")
                if kind not in KINDS.get(category, ()):
                    raise ValueError(f"{doc}: unknown label {one}")
            first, _, last = span.partition("-")
            for n in range(int(first), int(last or first) + 1):
                items.append((n, label))
        out[doc.strip()] = items
    return out


def add(short: str) -> int:
    docs = {d.id: d for d in documents()}
    labels = load()
    for doc_id, items in parse_short(short).items():
        doc = docs[doc_id]
        lines = doc.text.split("\n")
        entry = DocLabels(doc_id, doc.digest)
        for n, label in items:
            if not 1 <= n <= len(lines):
                raise ValueError(f"{doc_id}: no line {n}")
            entry.lines[n] = (text_hash(lines[n - 1]), label)
        labels[doc_id] = entry
    save(labels)
    return len(labels)


def show(doc: RealDoc, width: int = 110) -> str:
    out = [f"== {doc.id}  site={doc.site} half={doc.half}"]
    for n, line in enumerate(doc.text.split("\n"), 1):
        if line.strip():
            shown = line if len(line) <= width else line[:width] + f"…(+{len(line) - width})"
            out.append(f"{n:3}| {shown}")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.real.labels")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("add").add_argument("file", type=Path)
    shown = sub.add_parser("show")
    shown.add_argument("prefix", nargs="+")
    shown.add_argument("--width", type=int, default=110)
    args = parser.parse_args(argv)
    if args.command == "add":
        print(f"{add(args.file.read_text(encoding='utf-8'))} documents labelled")
        return 0
    for doc in documents():
        if any(
            doc.id == p or (doc.id.startswith(p.rstrip("*")) and p.endswith("*"))
            for p in args.prefix
        ):
            print(show(doc, args.width))
    return 0


if __name__ == "__main__":
    sys.exit(main())
