"""Rules of the ``links`` category: image and link URLs that cannot work as written.

A scraped page keeps its URLs long after they stopped working: wrapped in a
third-party proxy that is gone, on plain ``http`` that browsers block inside
``https`` pages, cut short by a summariser, pointing at the author's own disk.
These rules judge each URL offline from its text (the live check, which asks
the servers, is opt-in: ``--check-links``). URLs are found once per document
by :mod:`corplint.rules.links.urls` in HTML attributes, Markdown, front matter and text.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from corplint.core.document import Document
from corplint.core.finding import Applicability, Finding, Fix
from corplint.core.hookspecs import hookimpl
from corplint.core.rule import Option, Rule
from corplint.rules.links.live import Cache, Result, check_all, default_cache_path
from corplint.rules.links.urlcheck import analyse, host, host_listed, suspects, unusable
from corplint.rules.links.urls import TRIGGER, UrlRef, scheme

# Characters a replacement URL may not bring into its context unescaped.
_BREAKS_CONTEXT = {
    "html": "\"'<> \t\n",
    "markdown": "() \t\n",
    "front-matter": "'\"\n",
    "text": " \n",
}


def _shorten(url: str, limit: int = 60) -> str:
    return url if len(url) <= limit else url[: limit - 1] + "…"


class ProxiedUrl(Rule):
    """A URL wrapped in a proxy or redirector: another URL inside its path or query.

    CORS proxies, image proxies and ``?url=`` redirects are third-party
    services that come and go; the wrapped URL is what the author meant. The
    fix replaces the whole URL with the wrapped one — safe when the wrapped
    URL is written with its scheme, unsafe when ``https://`` must be guessed.

    Bad: ``https://cors.example.dev/?http://img.example.com/a.jpg``.
    Good: ``http://img.example.com/a.jpg``.
    """

    code = "LNK001"
    trigger = TRIGGER
    name = "proxied-url"
    category = "links"
    finds = (
        "a URL wrapped in a proxy or redirector (CORS proxies, image proxies, `?url=` redirects, "
        "percent-encoded or not); the fix writes the wrapped URL (unsafe when its scheme must be "
        "guessed)"
    )
    fix_label = "safe / unsafe"
    fix = Applicability.SAFE

    def check(self, doc: Document) -> Iterator[Finding]:
        for verdict in suspects(doc).proxied:
            ref, inner = verdict.ref, verdict.inner
            risky = any(ch in _BREAKS_CONTEXT[ref.where] for ch in inner.url)
            applicability = "safe" if inner.has_scheme and not risky else "unsafe"
            yield Finding(
                ref.start,
                ref.end,
                f"URL wrapped in a proxy or redirector; the wrapped URL is {_shorten(inner.url)}",
                # a wrapped URL without a host is no better than its wrapper
                Fix.replace(ref.start, ref.end, inner.url, applicability)
                if host(inner.url)
                else None,
            )


class InsecureImageUrl(Rule):
    """An image loaded over plain ``http``.

    Browsers block or warn about ``http`` images inside ``https`` pages (mixed
    content), and most image hosts now serve ``https``. For a proxied URL the
    wrapped URL is judged, since that is what the proxy fetches. The unsafe
    fix switches the scheme to ``https``; it is unsafe because the host may not
    serve it.

    Bad: ``<img src="http://img.example.com/a.jpg">``.
    Good: ``<img src="https://img.example.com/a.jpg">``.
    """

    code = "LNK002"
    trigger = TRIGGER
    name = "insecure-image-url"
    category = "links"
    finds = (
        "an image over plain `http` (for a proxied URL, the wrapped one); the fix switches to "
        "`https`"
    )
    fix = Applicability.UNSAFE

    def check(self, doc: Document) -> Iterator[Finding]:
        for verdict in suspects(doc).insecure:
            ref, inner = verdict.ref, verdict.inner
            if inner is not None:
                if scheme(inner.url) != "http":
                    continue
                start, written = ref.start + inner.offset, inner.written
            elif scheme(ref.url) == "http":
                start, written = ref.start, ref.url
            else:
                continue
            fix = (
                Fix.replace(start, start + 4, "https", "unsafe")
                if written[:5].lower() == "http:"
                else None
            )
            yield Finding(
                start,
                start + len(written),
                f"image over plain http: {_shorten(written)}",
                fix,
            )


class MalformedUrl(Rule):
    """A URL that cannot work as written: whitespace or backslashes in it, a misspelt
    scheme, no ``//`` or no host, a host name that is cut off, bad percent-encoding,
    unbalanced brackets, or an image URL truncated (with an ellipsis, inside its
    file extension, or where the document's other image URLs go on).

    There is no fix: what was lost cannot be guessed.

    Bad: ``![](htps://img.example.com/a.jpg)``, ``image: 'https://img.exam…'``.
    Good: ``![](https://img.example.com/a.jpg)``.
    """

    code = "LNK003"
    trigger = TRIGGER
    name = "malformed-url"
    category = "links"
    finds = (
        "whitespace or backslashes in a URL, a misspelt scheme, no `//` or no host, a cut-off host "
        "name, bad percent-encoding, unbalanced brackets, an image URL truncated (ellipsis, inside "
        "its extension, or where the document's other image URLs go on), an image URL that starts "
        "with a host name but has no scheme"
    )

    def check(self, doc: Document) -> Iterator[Finding]:
        for verdict in suspects(doc).malformed:
            ref, why = verdict.ref, verdict.malformed
            yield Finding(ref.start, ref.end, f"malformed URL, {why}: {_shorten(ref.url)}")


class UnusableUrl(Rule):
    """A URL nobody but the page's author could load: ``file:`` URLs and Windows
    paths, ``blob:`` URLs, ``data:`` URLs longer than ``max-data-url``, and
    tracking pixels (1×1 images and known analytics endpoints).

    Bad: ``<img src="C:\\Users\\me\\a.jpg">``. Good: ``<img src="https://img.example.com/a.jpg">``.
    """

    code = "LNK004"
    trigger = TRIGGER
    name = "unusable-url"
    category = "links"
    finds = (
        "`file:` URLs and Windows paths, `blob:` URLs, `data:` URLs over `max-data-url` (2048), "
        "tracking pixels (1×1 images, analytics endpoints)"
    )
    options = (
        Option(
            "max-data-url",
            2048,
            "Longest data: URL (in characters) accepted; longer ones bloat the corpus.",
        ),
    )

    def check(self, doc: Document) -> Iterator[Finding]:
        limit = self.settings["max-data-url"]
        for verdict in suspects(doc).unusual:
            ref = verdict.ref
            why = unusable(ref, limit)
            if why:
                yield Finding(ref.start, ref.end, f"unusable URL, {why}: {_shorten(ref.url)}")


# Image hosts that closed or stopped serving images to other sites.
DEFAULT_UNWANTED_HOSTS = [
    "tinypic.com",
    "photobucket.com",
    "imageshack.us",
    "picasaweb.google.com",
]


class UnwantedHost(Rule):
    """A URL on a host in the ``hosts`` list: image hosts known to be gone or to
    refuse images to other sites, plus any the user adds (subdomains match).

    For a proxied URL both the proxy's host and the wrapped URL's host are
    looked up.

    Bad (with the default list): ``https://i12.tinypic.com/a.jpg``.
    """

    code = "LNK005"
    trigger = TRIGGER
    name = "unwanted-host"
    category = "links"
    finds = (
        "a URL on a host of the `hosts` list (default: image hosts that closed or refuse other "
        "sites' pages; subdomains match)"
    )
    options = (
        Option(
            "hosts",
            DEFAULT_UNWANTED_HOSTS,
            "Hosts whose URLs are reported; subdomains match.",
            list,
        ),
    )

    def __init__(self, **settings: object) -> None:
        super().__init__(**settings)
        self._hosts = frozenset(h.lower().strip(".") for h in self.settings["hosts"])

    def check(self, doc: Document) -> Iterator[Finding]:
        hosts = self._hosts
        if not hosts:
            return
        for verdict in analyse(doc):
            ref, inner = verdict.ref, verdict.inner
            for h in (verdict.host, host(inner.url)) if inner else (verdict.host,):
                entry = host_listed(h, hosts)
                if entry:
                    yield Finding(
                        ref.start, ref.end, f"URL on a listed host ({entry}): {_shorten(ref.url)}"
                    )
                    break


class DeadLink(Rule):
    """A URL whose server answers with an error, does not answer, or (for an
    image) answers with something that is not an image.

    The only rule that talks to the network: it runs only with
    ``--check-links``. Every http(s) URL of the corpus — the wrapped one, for a
    proxied URL — is requested once (``GET``, redirects followed, the body never
    read) by ``workers`` threads, at most ``per-host`` at a time per host, each
    with a ``timeout``. Results are kept in an SQLite cache (``cache``, default
    ``~/.cache/corplint/links.sqlite3``) for ``cache-hours``, so a second run asks
    nothing again. Reports 4xx and 5xx statuses, timeouts, unknown hosts and
    failed connections, and non-image content types for image URLs.
    """

    code = "LNK006"
    trigger = TRIGGER
    name = "dead-link"
    category = "links"
    finds = (
        "(only with `--check-links`) 4xx/5xx answers, timeouts, unknown hosts, failed connections, "
        "non-image content for image URLs; concurrent GETs (`workers` 16, `per-host` 4, `timeout` "
        "10 s) with an SQLite cache (`cache`, `cache-hours` 168) of the servers' answers only: a "
        "failure without an HTTP status is asked again next run"
    )
    enabled_by_default = False
    network = True
    corpus = True
    options = (
        Option("timeout", 10.0, "Seconds to wait for each server."),
        Option("workers", 16, "Requests in flight at once."),
        Option("per-host", 4, "Requests in flight at once to one host."),
        Option("cache", "", "Path of the cache database (empty: the user cache directory)."),
        Option("cache-hours", 168.0, "How long a result is trusted; 0 turns the cache off."),
    )

    def __init__(self, **settings: object) -> None:
        super().__init__(**settings)
        self._urls: dict[str, None] = {}
        self._results: dict[str, Result] = {}

    def observe(self, doc: Document) -> None:
        for url, _ref, _image in _checkable(doc):
            self._urls[url] = None

    def check(self, doc: Document) -> Iterator[Finding]:
        wanted = _checkable(doc)
        self._request([url for url, _, _ in wanted])
        for url, ref, image in wanted:
            problem = self._results[url].problem(image)
            if problem:
                yield Finding(ref.start, ref.end, f"link check: {problem}: {_shorten(url)}")

    def _request(self, more: list[str]) -> None:
        """Ask for every URL observed or needed now that has no result yet (the
        corpus pass's URLs all at once, on the first check)."""
        missing = [u for u in (*self._urls, *more) if u not in self._results]
        if not missing:
            return
        hours = self.settings["cache-hours"]
        cache = None
        if hours > 0:
            path = Path(self.settings["cache"]) if self.settings["cache"] else default_cache_path()
            cache = Cache(path, hours * 3600)
        try:
            self._results.update(
                check_all(
                    missing,
                    cache,
                    self.settings["timeout"],
                    self.settings["workers"],
                    self.settings["per-host"],
                )
            )
        finally:
            if cache:
                cache.close()
        self._urls.clear()


def _checkable(doc: Document) -> list[tuple[str, UrlRef, bool]]:
    """(URL to request, its reference, is an image) for the http(s) URLs of ``doc``
    that are well formed; a proxied URL is checked by its wrapped URL."""
    out = []
    for verdict in analyse(doc):
        if verdict.malformed:
            continue
        url = verdict.target
        if scheme(url) in ("http", "https"):
            out.append((url, verdict.ref, verdict.ref.image))
    return out


@hookimpl
def corplint_rules() -> list[type[Rule]]:
    return [ProxiedUrl, InsecureImageUrl, MalformedUrl, UnusableUrl, UnwantedHost, DeadLink]
