"""The catalogue of damage kinds and the deterministic corpus generator.

A corpus is a damaged set (one damage kind per document, recorded exactly)
and a clean control set of the same size, genres and formats with no damage.
"""

from __future__ import annotations

import json
import random
from collections import defaultdict
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from benchmarks.quality import damage as d
from benchmarks.quality import damage_web as w
from benchmarks.quality.model import Defect, Sample
from benchmarks.quality.sources import CleanDoc, clean_documents

SIMPLIFIED = ("news", "review")
TRADITIONAL = ("news-hant",)
ANY = SIMPLIFIED + TRADITIONAL
# kinds whose inserted lines are written (by this benchmark) in Simplified
INSERTS_SIMPLIFIED = ("spam", "boilerplate", "layout")


@dataclass(frozen=True)
class Kind:
    """One kind of damage: its category, generator, surface variants and source genres."""

    name: str
    category: str
    fn: Callable
    variants: tuple[str, ...]
    genres: tuple[str, ...] = SIMPLIFIED
    accept: tuple[str, ...] = ()
    """Other categories whose findings also count as catching this damage."""
    markdown: bool = False


KINDS: tuple[Kind, ...] = (
    # encoding
    Kind("file-gb18030", "encoding", d.file_codec, ("gb18030", "gbk")),
    Kind("file-big5", "encoding", d.file_codec, ("big5", "cp950"), TRADITIONAL),
    Kind("utf8-bom", "encoding", d.bom, ("plain", "crlf"), ANY),
    Kind(
        "control-characters",
        "encoding",
        d.control_chars,
        ("nul", "nul-run", "c0", "del-vt-ff"),
        ANY,
    ),
    Kind("mixed-line-endings", "encoding", d.mixed_line_endings, ("crlf", "cr"), ANY),
    # mojibake
    # a wrong decode with errors="replace" leaves U+FFFD, which the encoding rules
    # rightly report: their findings count for these kinds too
    Kind(
        "utf8-as-gbk",
        "mojibake",
        d.utf8_misread,
        ("gbk", "gb18030-exact", "cp936", "cp936-exact"),
        ANY,
        accept=("encoding",),
    ),
    Kind("utf8-as-big5", "mojibake", d.utf8_misread, ("big5", "cp950"), ANY, accept=("encoding",)),
    Kind(
        "gbk-as-utf8",
        "mojibake",
        d.gbk_misread,
        ("replacement", "kunjinkao", "memory-marker"),
        accept=("encoding",),
    ),
    Kind(
        "shifted-double-byte",
        "mojibake",
        d.shifted_double_byte,
        ("drop", "insert", "gb18030"),
        accept=("encoding",),
    ),
    Kind(
        "utf8-as-latin",
        "mojibake",
        d.utf8_misread,
        ("latin-1", "cp1252", "mac-roman", "cp1252-twice"),
        ANY,
        accept=("encoding",),
    ),
    Kind("lookalike", "mojibake", d.lookalike, ("dash-for-yi", "katakana", "hyphen-for-yi"), ANY),
    # script
    Kind("hant-in-hans", "script", d.converted_sentences, ("s2t", "s2tw", "s2hk")),
    Kind("hans-in-hant", "script", d.converted_sentences, ("t2s", "tw2s", "hk2s"), TRADITIONAL),
    Kind("converter-leftover", "script", d.converter_leftovers, ("one", "several"), TRADITIONAL),
    Kind(
        "pinyin-annotation",
        "script",
        d.pinyin_annotations,
        ("tone-mark", "tone-number", "fullwidth"),
        TRADITIONAL,
    ),
    # digits
    Kind(
        "digits-stripped-document",
        "digits",
        d.digits_stripped_document,
        ("ascii", "ascii-decimal", "ascii-and-fullwidth"),
    ),
    Kind(
        "digits-stripped-sentence",
        "digits",
        d.digits_stripped_sentence,
        ("ascii", "ascii-decimal", "ascii-and-fullwidth"),
    ),
    # punctuation
    Kind(
        "punctuation-stripped",
        "punctuation",
        d.stripped_punctuation,
        ("enumeration-comma", "quotes", "quotes-underscore", "book-title-marks", "all-marks"),
        ANY,
    ),
    Kind(
        "halfwidth-punctuation",
        "punctuation",
        d.halfwidth_punctuation,
        ("no-space", "with-space", "whole-document"),
        ANY,
    ),
    # spam
    Kind(
        "spam-line",
        "spam",
        w.spam_line,
        (
            "gambling@append",
            "adult@prepend",
            "seo-list@insert",
            "contact-ad@append",
            "gambling@insert",
            "contact-ad@prepend",
        ),
        ANY,
    ),
    Kind("spliced-spam", "spam", w.spliced_spam, ("brand-game", "brand-game-url"), ANY),
    # boilerplate
    Kind(
        "boilerplate-line",
        "boilerplate",
        w.boilerplate_line,
        ("nav-bar", "page-meta", "share-footer", "editor-credit", "photo-credit"),
        ANY,
    ),
    Kind(
        "credit-run-in", "boilerplate", w.boilerplate_run_in, ("editor-credit", "photo-credit"), ANY
    ),
    # links
    Kind(
        "broken-image-url",
        "links",
        w.broken_image_url,
        ("proxied", "http", "malformed", "truncated"),
        ANY,
        markdown=True,
    ),
    # markup
    Kind(
        "html-residue",
        "markup",
        w.html_residue,
        ("paragraph-tags", "inline-tags", "entities", "breaks-and-comments"),
        ANY,
    ),
    # layout
    Kind(
        "hard-line-breaks",
        "layout",
        w.hard_line_breaks,
        ("fixed-width", "random", "indented"),
        ANY,
    ),
    Kind(
        "orphan-marker",
        "layout",
        w.orphan_marker,
        ("caption", "arrow", "placeholder"),
        ANY,
        accept=("boilerplate",),
    ),
    # spam made of words no shipped list holds (issue 7's held-back vocabulary);
    # last in the catalogue, so the documents of every earlier kind stay as they were
    Kind(
        "spam-line-unlisted",
        "spam",
        w.held_back_spam_line,
        ("gambling@append", "adult@prepend", "seo-list@insert", "contact-ad@append"),
        ANY,
    ),
    # issue 8's further URL damage and Markdown residue, after every earlier kind
    Kind(
        "unusable-image-url",
        "links",
        w.unusable_image_url,
        ("file-url", "windows-path", "blob", "tracker"),
        ANY,
        markdown=True,
    ),
    Kind("markdown-residue", "markup", w.markdown_residue, ("image-line", "inline-link"), ANY),
)


def _prepare(kind: Kind, rng: random.Random, doc: CleanDoc) -> tuple[str, str]:
    if kind.markdown:
        return w.markdown_with_images(rng, doc.text), ".md"
    return doc.text, ".txt"


def generate(per_kind: int = 24, seed: int = 2026) -> tuple[list[Sample], list[Sample]]:
    """The damaged set (``per_kind`` documents per kind) and an equal clean control set."""
    rng = random.Random(seed)
    needed = min(per_kind * len(KINDS) * 3, 2400)  # pools are cycled beyond that
    pools: dict[str, list[CleanDoc]] = defaultdict(list)
    for doc in clean_documents(needed, seed):
        pools[doc.genre].append(doc)
    cursor: dict[str, int] = defaultdict(int)

    def next_doc(genres: tuple[str, ...]) -> CleanDoc:
        genre = rng.choice(genres)
        pool = pools[genre]
        doc = pool[cursor[genre] % len(pool)]
        cursor[genre] += 1
        return doc

    damaged: list[Sample] = []
    clean: list[Sample] = []
    for kind in KINDS:
        for i in range(per_kind):
            variant = kind.variants[i % len(kind.variants)]
            for _attempt in range(50):
                doc = next_doc(kind.genres)
                text, suffix = _prepare(kind, rng, doc)
                result = kind.fn(rng, text, variant)
                if result is not None:
                    break
            else:
                raise RuntimeError(f"no source document fits damage {kind.name}/{variant}")
            accept = kind.accept
            if doc.genre in TRADITIONAL and kind.category in INSERTS_SIMPLIFIED:
                accept += ("script",)  # Simplified vocabulary in a Traditional page is that too
            defects = (
                [Defect(kind.name, kind.category, accept=accept, file_level=True)]
                if result.file_level
                else [Defect(kind.name, kind.category, s, e, accept) for s, e in result.spans]
            )
            damaged.append(
                Sample(
                    f"{kind.name}-{i:03d}",
                    doc.genre,
                    result.text,
                    text,
                    kind.name,
                    variant,
                    result.encoding,
                    suffix,
                    defects,
                    result.restorable,
                )
            )
            control = next_doc(kind.genres)
            control_text, control_suffix = _prepare(kind, rng, control)
            clean.append(
                Sample(
                    f"clean-{len(clean):04d}",
                    control.genre,
                    control_text,
                    control_text,
                    suffix=control_suffix,
                    control_for=kind.name,
                )
            )
    return damaged, clean


def write_corpus(root: Path, damaged: list[Sample], clean: list[Sample]) -> None:
    """Write the files and ``labels.json`` (every sample with its defects and original text)."""
    for sample in damaged:
        path = root / "damaged" / sample.kind / sample.filename
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(sample.data())
    for sample in clean:
        path = root / "clean" / sample.filename
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(sample.data())
    labels = {"damaged": [asdict(s) for s in damaged], "clean": [asdict(s) for s in clean]}
    (root / "labels.json").write_text(json.dumps(labels, ensure_ascii=False), encoding="utf-8")


def sample_path(sample: Sample) -> str:
    """Path of a sample relative to the corpus root, with '/' separators."""
    if sample.kind == "clean":
        return f"clean/{sample.filename}"
    return f"damaged/{sample.kind}/{sample.filename}"
