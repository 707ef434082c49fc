"""Where a document's URLs are: HTML attributes, Markdown, front matter and bare text.

The link rules judge URLs, not syntax, so finding them is done once here and
shared through :meth:`Document.memo`. Every reference carries the exact span
of the URL *as written* (inside its quotes, brackets or parentheses), so a
finding points at the URL and a fix replaces only it.

Most documents of a corpus hold no URL at all; one compiled regex decides that
before any parsing happens.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import NamedTuple

from corplint.core.document import FRONT_MATTER, Document

IMAGE_EXTENSIONS = frozenset(
    [
        "jpg",
        "jpeg",
        "png",
        "gif",
        "webp",
        "bmp",
        "svg",
        "avif",
        "heic",
        "heif",
        "tif",
        "tiff",
        "ico",
        "jfif",
        "apng",
    ]
)

# Front-matter keys that name an image (Hexo, Hugo, Jekyll and blog engines'
# variants); any other key whose value is a URL is a link.
IMAGE_KEYS = frozenset(
    [
        "image",
        "images",
        "img",
        "thumbnail",
        "thumb",
        "cover",
        "coverimage",
        "cover_image",
        "headimg",
        "head_img",
        "banner",
        "featured_image",
        "featuredimage",
        "feature_image",
        "og_image",
        "ogimage",
        "photo",
        "picture",
        "poster",
        "avatar",
        "logo",
        "top_img",
        "index_img",
        "hero",
    ]
)

# Tags whose URL attributes load an image whatever the URL looks like.
_IMAGE_TAGS = frozenset(("img", "source", "picture", "input"))

# Substrings without which a document holds no URL: plain ``in`` tests, much
# faster than one regex with alternatives over a text that has none.
_CUES = ("://", ":\\", "](", "]:", "src=", "href=", "SRC=", "HREF=", "www.", "blob:", "data:")
TRIGGER = "|".join(map(re.escape, _CUES)) + "|^[-\ufeff \t\r\n]"
"""What every document with a URL holds (see ``Rule.trigger``): a cue, or the
first character of front matter, whose URLs need none."""
_TAG = re.compile(r"<(img|a|source|video|audio|iframe|embed|input|track)\b([^<>]*)>", re.I)
_VALUE = r"""\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))"""
# Attributes that hold a URL (data-* ones are lazy-loading variants of src).
# An attribute follows whitespace, a quote or a slash (``<img/src=…>``): a class
# the engine tests cheaply, where a look-behind was tried at every position.
_URL_ATTR = re.compile(
    r"""[\s"'/](src|href|srcset|data-src|data-srcset|data-original|data-lazy-src|"""
    r"data-actualsrc|data-url|poster)" + _VALUE,
    re.I,
)
_SIZE_ATTR = re.compile(r"(?<![\w-])(width|height)" + _VALUE, re.I)
_INPUT_IMAGE = re.compile(r"""(?<![\w-])type\s*=\s*["']?image\b""", re.I)
_DESCRIPTOR = re.compile(r"[\d.]+[wx]")
_SRCSET_ITEM = re.compile(r"[^\s,][^\s]*(?:,(?!\s)[^\s]*)*")
_MD_OPEN = re.compile(r"\[(?:[^\[\]\n]|\[[^\[\]\n]*\])*\]\(")
_MD_TITLE = re.compile(r"""\s+(?:"[^"\n]*"|'[^'\n]*'|\([^()\n]*\))\s*$""")
_MD_REFERENCE = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]*<?([^\s>]+)>?", re.M)
# (greedy: a lazy value would try the end of the line after every character)
_FM_LINE = re.compile(r"^[ \t]*-?[ \t]*([\w-]+)[ \t]*:[ \t]*(.*)$", re.M)
_FM_ITEM = re.compile(r"^[ \t]*-[ \t]+(.*?)[ \t]*\r?$", re.M)
# Bare URLs stop at whitespace, quotes, angle brackets, CJK text and full-width
# punctuation; an ellipsis ends them too (it is checked for as truncation).
# Found in two steps: a pattern that starts with a character class (which the
# regex engine scans for quickly) finds where a URL may start, and the rest is
# matched only there.
_BARE_START = re.compile(
    r"[hHfFwW](?:[tT][tT][pP][sS]?\s?:\s?[/\\]|[tT][pP]\s?:\s?[/\\]|[iI][lL][eE]\s?:\s?[/\\]|[wW][wW]\.)"
)
_BARE_REST = re.compile(r"[^\s<>\"'\u2026\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]*")
# A scheme preceded by one of these (or an ASCII letter or digit) is part of
# something else: a path, an e-mail address, an attribute already read.
_NOT_BEFORE_URL = frozenset("/@.=\"'(%-_")
_TRAILING = ".,;:!?'\""
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")


class UrlRef(NamedTuple):
    """One URL as written in a document.

    ``where`` is ``html``, ``markdown``, ``front-matter`` or ``text``;
    ``image`` says whether a renderer would load it as an image; ``attrs`` are
    the other attributes of an HTML tag (for width/height of tracking pixels).
    """

    start: int
    end: int
    url: str
    image: bool
    where: str
    attrs: tuple[tuple[str, str], ...] = ()


def scheme(url: str) -> str:
    if url.startswith("https:"):
        return "https"
    if url.startswith("http:"):
        return "http"
    m = _SCHEME.match(url)
    return m.group(1).lower() if m else ""


def has_image_extension(url: str) -> bool:
    path = url.split("?", 1)[0].split("#", 1)[0]
    dot = path.rfind(".")
    return dot > path.rfind("/") and path[dot + 1 :].lower() in IMAGE_EXTENSIONS


def find_urls(doc: Document) -> list[UrlRef]:
    """Every URL of ``doc`` in document order (memoised per document)."""
    return doc.memo("urls", lambda: _find(doc.text))


def _find(text: str) -> list[UrlRef]:
    fm = FRONT_MATTER.match(text) if text[:1] in "-\ufeff \t\r\n" else None
    if fm is None and not _may_hold_url(text):
        return []
    sources = [refs for refs in (_front_matter(fm), _html(text), _markdown(text)) if refs]
    refs = [r for refs in sources for r in refs]
    interleaved = len(sources) > 1  # each source finds its URLs in order
    if _more_cues_than_urls(text, fm, refs):
        refs.extend(_bare(text, sorted((r.start, r.end) for r in refs)))
        interleaved = True
    if interleaved:
        refs.sort(key=_span)
    return refs


def _may_hold_url(text: str) -> bool:
    """Whether a cue of :data:`_CUES` is in ``text``. Every cue holds one of four
    characters, and most prose (which writes ``：``, not ``:``) has none of them:
    four searches for one character each, several times faster than one for a
    string, settle most documents."""
    if ":" not in text and "]" not in text and "=" not in text and "w" not in text:
        return False
    return any(cue in text for cue in _CUES)


def _more_cues_than_urls(text: str, fm: re.Match[str] | None, refs: list[UrlRef]) -> bool:
    """Whether ``text`` holds more scheme separators or ``www.`` than the URLs
    found in it, so bare URLs may remain: counts in C instead of a scan. The
    front matter, short and full of colons, is counted apart from the body."""
    body = fm.end() if fm else 0
    parts = [(text, body, [r.url for r in refs if r.start >= body])]
    if fm:
        parts.append((fm.group(), 0, [r.url for r in refs if r.start < body]))
    for part, start, urls in parts:
        found = "".join(urls)
        if _more_outside(part, start, found, "://", ":") or _more_outside(
            part, start, found, "www.", "w"
        ):
            return True
    return "\\" in text and ":\\" in text


def _more_outside(text: str, start: int, found_urls: str, cue: str, char: str) -> bool:
    """Whether ``text`` from ``start`` on holds ``cue`` more often than the URLs
    found there.

    A character of the cue is counted first: one character is counted several
    times faster than a string, and in most pages it occurs in the URLs only.
    """
    if text.count(char, start) <= found_urls.count(char):
        return False
    return text.count(cue, start) > found_urls.count(cue)


def _span(ref: UrlRef) -> tuple[int, int]:
    return ref.start, ref.end


def _front_matter(m: re.Match[str] | None) -> list[UrlRef]:
    if not m:
        return []
    out: list[UrlRef] = []
    key = ""
    body, body_start = m.group(1), m.start(1)
    for line in _FM_LINE.finditer(body):
        name, value = line.groups()
        value = value.rstrip(" \t\r")
        if name:
            key = name.lower()
        offset = line.start(2)
        if not value:
            continue
        if value[:1] in "'\"" and value[-1:] == value[:1] and len(value) > 1:
            value, offset = value[1:-1], offset + 1
        if key in IMAGE_KEYS or _looks_like_url(value):
            start = body_start + offset
            out.append(UrlRef(start, start + len(value), value, key in IMAGE_KEYS, "front-matter"))
    for item in _FM_ITEM.finditer(body) if "- " in body else ():
        value = item.group(1).strip("'\"")
        if _looks_like_url(value) and not any(r.url == value for r in out):
            start = body_start + item.start(1) + item.group(1).find(value)
            out.append(
                UrlRef(start, start + len(value), value, has_image_extension(value), "front-matter")
            )
    return out


_URL_LIKE = re.compile(r"(?:[a-z]{2,8}:/{0,3}|//|www\.)\S", re.I)


def _looks_like_url(value: str) -> bool:
    return bool(_URL_LIKE.match(value))


def _html(text: str) -> list[UrlRef]:
    out: list[UrlRef] = []
    if "<" not in text:
        return out
    for tag in _TAG.finditer(text):
        name, body = tag.groups()
        if "=" not in body:
            continue
        name = name.lower()
        if name == "input" and not _INPUT_IMAGE.search(body):
            continue
        body_start = tag.start(2)
        # the other attributes matter only for an image's size (tracking pixels)
        sizes = (
            tuple((a.group(1).lower(), _value(a)) for a in _SIZE_ATTR.finditer(body))
            if "width" in body or "height" in body
            else ()
        )
        for a in _URL_ATTR.finditer(body):
            attr, double, single, _ = a.groups()
            group = 2 if double is not None else 3 if single is not None else 4
            value, start = a.group(group), body_start + a.start(group)
            attr = attr.lower()
            if "srcset" in attr:
                for item in _SRCSET_ITEM.finditer(value):
                    url = item.group().rstrip(",")
                    if not _DESCRIPTOR.fullmatch(url):
                        s = start + item.start()
                        out.append(UrlRef(s, s + len(url), url, True, "html", sizes))
                continue
            url = value.strip()
            if not url or url[0] == "#":
                continue
            image = name in _IMAGE_TAGS or attr == "poster" or has_image_extension(url)
            s = start + len(value) - len(value.lstrip())
            out.append(UrlRef(s, s + len(url), url, image, "html", sizes))
    return out


def _value(a: re.Match[str]) -> str:
    return next((g for g in a.groups()[1:] if g is not None), "")


def _markdown(text: str) -> list[UrlRef]:
    out: list[UrlRef] = []
    if "]" not in text:  # one character is found many times faster than two
        return out
    if "](" not in text:
        return _references(text) if "]:" in text else out
    for m in _MD_OPEN.finditer(text):
        dest = _destination(text, m.end())
        if dest is None:
            continue
        start, end = dest
        raw = text[start:end]
        title = _MD_TITLE.search(raw)
        if title:
            end = start + title.start()
            raw = raw[: title.start()]
        lead = len(raw) - len(raw.lstrip())
        raw = raw.strip()
        if raw.startswith("<") and raw.endswith(">"):
            raw, lead = raw[1:-1], lead + 1
        if not raw or raw.startswith("#"):
            continue
        s = start + lead
        image = (m.start() > 0 and text[m.start() - 1] == "!") or has_image_extension(raw)
        out.append(UrlRef(s, s + len(raw), raw, image, "markdown"))
    if "]:" in text:
        out.extend(_references(text))
    return out


def _references(text: str) -> list[UrlRef]:
    return [
        UrlRef(m.start(1), m.end(1), m.group(1), has_image_extension(m.group(1)), "markdown")
        for m in _MD_REFERENCE.finditer(text)
    ]


def _destination(text: str, pos: int) -> tuple[int, int] | None:
    """The span inside ``( … )`` from ``pos`` (just after the parenthesis), allowing
    balanced parentheses inside, on one line; None when it never closes."""
    close = text.find(")", pos, pos + 2048)
    if close < 0:
        return None
    if "(" not in text[pos:close]:
        return None if "\n" in text[pos:close] else (pos, close)
    depth = 0
    limit = min(len(text), pos + 2048)
    for i in range(pos, limit):
        ch = text[i]
        if ch == "\n":
            return None
        if ch == "(":
            depth += 1
        elif ch == ")":
            if depth == 0:
                return pos, i
            depth -= 1
    return None


def _bare(text: str, taken: list[tuple[int, int]]) -> list[UrlRef]:
    """URLs in running text, outside the spans already ``taken`` (sorted)."""
    out: list[UrlRef] = []
    starts = [start for start, _ in taken]
    for candidate in _BARE_START.finditer(text):
        pos = candidate.start()
        k = bisect_right(starts, pos) - 1
        if k >= 0 and pos < taken[k][1]:
            continue  # inside an HTML attribute or a Markdown link
        if pos > 0 and (
            text[pos - 1] in _NOT_BEFORE_URL
            or (text[pos - 1].isascii() and text[pos - 1].isalnum())
        ):
            continue
        m = _BARE_REST.match(text, candidate.end())
        url = text[pos : m.end()]
        while url and (
            url[-1] in _TRAILING or (url[-1] == ")" and url.count("(") < url.count(")"))
        ):
            url = url[:-1]
        if len(url) < 8:
            continue
        out.append(UrlRef(pos, pos + len(url), url, has_image_extension(url), "text"))
    return out
