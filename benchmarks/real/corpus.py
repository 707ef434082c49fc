"""The real documents of the benchmark, read from ``../shared/real`` as a corpus builder meets them.

Nothing here is committed text: every document is read at run time from the
shared folder (its README names each upstream repository, commit and licence).

* ``cc/…`` — Common Crawl documents ChineseWebText kept (``raw_content``) and the
  samples its quality classifier was trained on (``text``);
* ``news/…`` — saved HTML pages of Chinese news sites (GNE's test pages), run
  through trafilatura as a corpus builder would; what survives is linted;
* ``records/…`` — SogouCA news records (``<content>`` of each ``<doc>``).

A document's *site* decides its half: the split is by source site, so a site's
templates never sit on both sides.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

REAL = Path(__file__).resolve().parents[2].parent / "shared" / "real"

TRAFILATURA = "2.3.1"
"""The extractor version the news labels were made on: another version may cut
the pages differently, and labels whose line no longer matches are skipped."""


@dataclass(frozen=True)
class RealDoc:
    id: str
    site: str
    genre: str
    text: str

    @property
    def half(self) -> str:
        """``dev`` or ``test``, fixed by a hash of the site."""
        digest = hashlib.blake2b(self.site.encode(), digest_size=8).digest()
        return "dev" if digest[0] % 2 == 0 else "test"

    @property
    def digest(self) -> str:
        return text_hash(self.text)


def text_hash(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=6).hexdigest()


def documents(root: Path = REAL) -> Iterator[RealDoc]:
    """Every document of every source, in a fixed order."""
    yield from _common_crawl(root / "chinesewebtext")
    yield from _news_pages(root / "gne")
    yield from _sogou(root / "sogouca_sample" / "news_sohusite_xml.smarty.dat")


def _common_crawl(folder: Path) -> Iterator[RealDoc]:
    for name, field in (
        ("cleared1", "raw_content"),
        ("fasttext_clean", "text"),
        ("fasttext_dirty", "text"),
    ):
        path = folder / f"{name}.jsonl"
        if not path.exists():
            continue
        with path.open(encoding="utf-8") as fh:
            for i, line in enumerate(fh):
                record = json.loads(line)
                info = record.get("info", record)
                site = info.get("source_domain") or urlsplit(info.get("url", "")).hostname or name
                yield RealDoc(f"cc/{name}/{i}", site, "commoncrawl", record[field])


def _news_pages(folder: Path) -> Iterator[RealDoc]:
    pages = sorted(folder.glob("tests/*/*.html")) + sorted(folder.glob("visiable_test/*/*.html"))
    if not pages:
        return
    try:
        import trafilatura
    except ImportError:  # the bench extra installs it
        return
    for page in pages:
        raw = page.read_bytes()
        text = trafilatura.extract(raw.decode("utf-8", "replace"), include_comments=False)
        if not text:
            continue
        site = page.parent.name
        where = "news" if page.parent.parent.name == "tests" else "news-visible"
        yield RealDoc(f"{where}/{site}/{page.stem}", site, "news", text + "\n")


_SOGOU_DOC = re.compile(r"<doc>.*?<url>(.*?)</url>.*?<content>(.*?)</content>", re.S)


def _sogou(path: Path) -> Iterator[RealDoc]:
    if not path.exists():
        return
    for i, m in enumerate(_SOGOU_DOC.finditer(path.read_text(encoding="utf-8"))):
        content = html.unescape(m.group(2))
        if content.strip():
            yield RealDoc(
                f"records/sogou/{i}", urlsplit(m.group(1)).hostname or "sohu", "records", content
            )
