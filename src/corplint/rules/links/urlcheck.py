"""What is wrong with one URL, judged offline from its text (and its siblings').

Kept apart from the rules so each judgement can be tested on its own and the
live link check can reuse a :class:`Verdict`'s ``target``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple
from urllib.parse import unquote

from corplint.core.document import Document
from corplint.rules.links.urls import (
    IMAGE_EXTENSIONS,
    UrlRef,
    find_urls,
    has_image_extension,
    scheme,
)

KNOWN_SCHEMES = frozenset(
    [
        "http",
        "https",
        "ftp",
        "ftps",
        "mailto",
        "tel",
        "sms",
        "data",
        "blob",
        "file",
        "javascript",
        "about",
        "magnet",
        "thunder",
        "ed2k",
        "git",
        "ssh",
        "irc",
        "news",
        "ws",
        "wss",
        "weixin",
        "alipays",
        "itms-apps",
        "market",
        "intent",
        "sftp",
        "s3",
        "gs",
    ]
)
_AUTHORITY = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:)?//([^/?#\\\s]*)")
_INNER_SCHEME = re.compile(r"(?:https?|ftp)(?::|%3A)(?://|%2F%2F)", re.I)
# A host written without a scheme inside another URL: labels, a letters-only
# top-level label, then a path.
_LABEL = r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?"
_INNER_HOST = re.compile(rf"(?<=[?=/&])((?:{_LABEL}\.){{1,6}}[a-z]{{2,12}})/", re.I)
_BARE_HOST = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+([a-z]{2,12})/", re.I)
_SCHEME_TYPO = re.compile(r"^(?:h+t+p+s*|t+ps?|h+tps?|ht+p?s|htts?|hppts?|http?s?s)$", re.I)
_BAD_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
_IP = re.compile(r"^\d{1,3}(?:\.\d{1,3}){3}$")
_HOST_LABEL = re.compile(r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$", re.I)
_WINDOWS_PATH = re.compile(r"^(?:[A-Za-z]:[\\/]|\\\\[^\\]+\\)")
_SHAPE = re.compile(r"[0-9]+|[A-Za-z]+")
# A folder named by an upload date (/2021/, /2021/11/, /2021-11/05/, /20211105/):
# content systems file uploads by date and keep the file's extension, so an
# image path that reaches such a folder and stops without an extension was cut.
_DATED_FOLDER = re.compile(r"/(?:19|20)\d\d(?:[/_-]?(?:0[1-9]|1[0-2])(?:[/_-]?[0-3]\d)?)?(?:/|$)")


# The shape of most URLs in a corpus: http(s), a well-formed host, directories
# without dots, no query, no percent sign, no brackets. Such a URL wraps no other
# and is malformed in no way this module checks, unless it names an image
# without a file extension (the sibling check) — so most URLs take one match.
_PLAIN = re.compile(
    r"https?://((?:[a-z0-9-]+\.)+[a-z]{2,12})(?:/[\w-]*)*(?:\.([a-z0-9]{1,5}))?", re.I
)


class Verdict(NamedTuple):
    """What is wrong with one URL reference, worked out once for every link rule."""

    ref: UrlRef
    inner: Inner | None
    malformed: str | None
    host: str | None

    @property
    def target(self) -> str:
        """The URL a browser would end up loading: the wrapped one for a proxy."""
        return self.inner.url if self.inner else self.ref.url


def analyse(doc: Document) -> list[Verdict]:
    """A verdict for every URL of ``doc`` (memoised: the five link rules share it)."""
    return _analysed(doc)[0]


class Suspects(NamedTuple):
    """The verdicts each offline link rule must look at, sorted out in one pass.

    Nearly every URL of a corpus is a plain https link; the rules would each walk
    all of them to find none. These lists are usually empty.
    """

    proxied: list[Verdict]
    insecure: list[Verdict]
    """Images over plain http, or wrapping a URL (whose scheme decides)."""
    malformed: list[Verdict]
    unusual: list[Verdict]
    """Everything but http(s) links and ordinary http(s) images: candidates for
    :func:`unusable`."""


def suspects(doc: Document) -> Suspects:
    """The :class:`Suspects` of ``doc`` (memoised)."""
    return _analysed(doc)[1]


def _analysed(doc: Document) -> tuple[list[Verdict], Suspects]:
    return doc.memo("url-verdicts", lambda: _analyse(find_urls(doc)))


def _analyse(refs: list[UrlRef]) -> tuple[list[Verdict], Suspects]:
    """Verdicts and suspects in one pass over the URLs: a plain http(s) URL, nearly
    every one, is judged from one match that gives its host and extension."""
    out: list[Verdict] = []
    found = Suspects([], [], [], [])
    for ref in refs:
        url = ref.url
        plain = _PLAIN.fullmatch(url)
        if plain and not ref.image:  # a plain link: on no suspect list
            out.append(Verdict(ref, None, None, plain.group(1).lower()))
            continue
        extension = plain and plain.group(2)
        if plain and (
            (extension and extension.lower() in IMAGE_EXTENSIONS) or has_image_extension(url)
        ):
            v = Verdict(ref, None, None, plain.group(1).lower())
        else:
            v = Verdict(ref, inner_url(ref), malformation(ref, refs), host(url))
        out.append(v)
        _sort_out(v, found)
    return out, found


def _sort_out(v: Verdict, found: Suspects) -> None:
    """Put ``v`` on the suspect lists it belongs to."""
    ref, inner = v.ref, v.inner
    head = ref.url[:5].lower()
    if inner is not None:
        found.proxied.append(v)
    if ref.image and (inner is not None or head == "http:"):
        found.insecure.append(v)
    if v.malformed:
        found.malformed.append(v)
    if head[:4] != "http" or (ref.image and (ref.attrs or _may_track(v.host))):
        found.unusual.append(v)


@dataclass(frozen=True, slots=True)
class Inner:
    """A URL wrapped inside another: where it starts in the outer URL, its text as
    written, and the URL it stands for (percent-decoded, scheme added if missing)."""

    offset: int
    written: str
    url: str
    has_scheme: bool


def host(url: str) -> str | None:
    """The host of an absolute (or protocol-relative) URL, lower-cased; None without one."""
    if url.startswith(("https://", "http://")):  # the common case, without a regex
        start = url.index("//") + 2
        end = len(url)
        for sep in "/?#\\":
            i = url.find(sep, start)
            if 0 <= i < end:
                end = i
        authority = url[start:end]
        if "@" not in authority and ":" not in authority and " " not in authority:
            return authority.lower()
    m = _AUTHORITY.match(url)
    if not m:
        return None
    authority = m.group(1).rsplit("@", 1)[-1]
    return authority.split(":", 1)[0].lower() if not authority.startswith("[") else authority


def inner_url(ref: UrlRef) -> Inner | None:
    """The URL a proxy or redirector wraps, if ``ref`` wraps one."""
    url = ref.url
    m = _AUTHORITY.match(url)
    if not m or not m.group(1):
        return None
    rest = m.end()
    found = _INNER_SCHEME.search(url, rest)
    if found:
        written = url[found.start() :]
        decoded = unquote(written) if "%" in written[:12] else written
        if "?" not in decoded and "&" in decoded:
            cut = decoded.index("&")
            if decoded is written:
                written = written[:cut]
            decoded = decoded[:cut]
        return Inner(found.start(), written, decoded, True)
    if not ref.image:
        return None
    for hm in _INNER_HOST.finditer(url, rest):
        written = url[hm.start() :]
        if "?" not in written and "&" in written:
            written = written[: written.index("&")]
        if has_image_extension(written):
            return Inner(hm.start(), written, "https://" + written, False)
    return None


def malformation(ref: UrlRef, siblings: list[UrlRef]) -> str | None:
    """Why ``ref`` cannot be a working URL as written, or None."""
    url = ref.url
    if url.endswith(("…", "...")) or "…" in url:
        return "truncated (ends in an ellipsis)"
    if re.search(r"\s", url):
        return "contains whitespace"
    lowered_scheme = scheme(url)
    if _WINDOWS_PATH.match(url) or lowered_scheme in ("data", "blob", "file", "javascript"):
        return None  # not malformed: unusable, judged by another rule
    if lowered_scheme and lowered_scheme not in KNOWN_SCHEMES:
        if _SCHEME_TYPO.match(lowered_scheme):
            return f"misspelt scheme '{lowered_scheme}:'"
        return None
    if lowered_scheme in ("http", "https", "ftp"):
        after = url[len(lowered_scheme) + 1 :]
        if "\\" in url:
            return "backslashes instead of slashes"
        if not after.startswith("//"):
            return "missing '//' after the scheme"
        h = host(url)
        if not h:
            return "missing host"
        if not _valid_host(h):
            return f"invalid host '{h}' (truncated?)"
    elif not lowered_scheme and not url.startswith(("/", ".", "#", "?")):
        bare = _BARE_HOST.match(url)
        if (
            bare
            and (ref.image or ref.where == "front-matter")
            and not has_image_extension(bare.group(0)[:-1])
        ):
            return "missing scheme (starts with a host name)"
        if "\\" in url and ref.image:
            return "backslashes instead of slashes"
    if _BAD_PERCENT.search(url):
        return "bad percent-encoding"
    if url.count("(") != url.count(")") or url.count("[") != url.count("]"):
        return "unbalanced brackets"
    if ref.image:
        return _truncated_image(ref, siblings)
    return None


def _valid_host(h: str) -> bool:
    if _IP.match(h) or h == "localhost" or h.startswith("["):
        return True
    labels = h.rstrip(".").split(".")
    if len(labels) < 2 or not all(_HOST_LABEL.match(label) for label in labels):
        return False
    top = labels[-1]
    return len(top) >= 2 and (top.isalpha() or top.startswith("xn--"))


def _truncated_image(ref: UrlRef, siblings: list[UrlRef]) -> str | None:
    path = re.split(r"[?#]", ref.url, maxsplit=1)[0]
    tail = path.rsplit("/", 1)[-1]
    if "." in tail:
        ext = tail.rsplit(".", 1)[1].lower()
        cut = ext and ext not in IMAGE_EXTENSIONS and len(ext) < 4
        if cut and any(e.startswith(ext) for e in IMAGE_EXTENSIONS):
            return f"truncated (file extension '.{ext}')"
    if has_image_extension(ref.url) or "?" in ref.url:
        return None
    authority = _AUTHORITY.match(ref.url)
    if authority and authority.end() == len(ref.url):
        return "truncated (an image URL that ends in its host name)"
    if ref.url.endswith("/"):
        # a folder, not a file: no server answers an image there (a relative
        # path may be rewritten by the site, so only absolute URLs are judged)
        return "truncated (an image URL that ends in a slash)" if authority else None
    if authority and "." not in tail and _DATED_FOLDER.search(path, authority.end()):
        return "truncated (a file in a dated upload folder, without an extension)"
    # Cut off without a mark: the URL's path ends where the path of an image URL
    # of the same document continues in the same shape (digits, letters,
    # separators); hosts differ between a page's images, their paths' shapes less.
    mine = _shape(_path(ref.url))
    for other in siblings:
        if other is ref or not other.image or not has_image_extension(other.url):
            continue
        theirs = _shape(_path(other.url))
        if len(theirs) > len(mine) and theirs.startswith(mine):
            return "truncated (ends where the document's other image URLs go on)"
    return None


def _path(url: str) -> str:
    """The URL without its scheme and host (all of it when it has none)."""
    m = _AUTHORITY.match(url)
    return url[m.end() :] if m else url


def _shape(url: str) -> str:
    return _SHAPE.sub(lambda m: "9" if m.group()[0].isdigit() else "a", url)


def unusable(ref: UrlRef, max_data_url: int) -> str | None:
    """Why ``ref`` points at nothing a reader of the corpus can load, or None."""
    url = ref.url
    if url[:4].lower() == "http" and not ref.image:
        return None
    s = scheme(url)
    if s == "file":
        return "a local file URL"
    if _WINDOWS_PATH.match(url):
        return "a Windows file path"
    if s == "blob":
        return "a blob: URL (exists only in the page that made it)"
    if s == "data" and len(url) > max_data_url:
        return f"a data: URL of {len(url)} characters (limit {max_data_url})"
    if ref.image and _tracking_pixel(ref):
        return "a tracking pixel"
    return None


_TRACKERS = (
    "hm.baidu.com",
    "google-analytics.com",
    "stats.g.doubleclick.net",
    "cnzz.com",
    "pixel.wp.com",
    "scorecardresearch.com",
    "pixel.quantserve.com",
    "facebook.com/tr",
    "bat.bing.com",
)


_TRACKER = re.compile(
    r"^(?:https?:)?//(?:[^/?#]*\.)?(?:"
    + "|".join(re.escape(t) for t in _TRACKERS)
    + r")(?:[/?#:]|$)",
    re.I,
)
_PIXEL_SIZE = frozenset(("0", "1", "0px", "1px"))
_TRACKER_HOSTS = frozenset(t.split("/", 1)[0] for t in _TRACKERS)
_TRACKER_SUFFIXES = tuple("." + h for h in _TRACKER_HOSTS)


def _may_track(host: str | None) -> bool:
    """The host is (under) a known analytics host, or could not be read."""
    return host is None or host in _TRACKER_HOSTS or host.endswith(_TRACKER_SUFFIXES)


@lru_cache(maxsize=8)
def _dotted(hosts: frozenset[str]) -> tuple[str, ...]:
    """``.host`` for every entry: ``str.endswith`` takes them all in one call."""
    return tuple("." + h for h in hosts)


def _tracking_pixel(ref: UrlRef) -> bool:
    if ref.attrs:
        sizes = dict(ref.attrs)
        if (
            sizes.get("width", "").strip() in _PIXEL_SIZE
            and sizes.get("height", "").strip() in _PIXEL_SIZE
        ):
            return True
    return bool(_TRACKER.match(ref.url))


def host_listed(h: str | None, hosts: frozenset[str]) -> str | None:
    """The entry of ``hosts`` (lower-case, no dots around) that host ``h`` is or
    belongs to, or None."""
    if not h:
        return None
    if h not in hosts and not h.endswith(_dotted(hosts)):
        return None
    labels = h.split(".")
    for i in range(len(labels) - 1):
        suffix = ".".join(labels[i:])
        if suffix in hosts:
            return suffix
    return None
