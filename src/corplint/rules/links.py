"""Rules of the ``links`` category: image and link URLs that cannot work as written.

A scraped page keeps its URLs long after they stopped working: wrapped in a
third-party proxy that is gone, on plain ``http`` that browsers block inside
``https`` pages, cut short by a summariser, pointing at the author's own disk.
These rules judge each URL offline from its text (the live check, which asks
the servers, is opt-in: ``--check-links``). URLs are found once per document
by :mod:`corplint.urls` in HTML attributes, Markdown, front matter and text.
"""

from __future__ import annotations

from collections.abc import Iterator

from corplint.document import Document
from corplint.finding import Applicability, Finding, Fix
from corplint.hookspecs import hookimpl
from corplint.rule import Option, Rule
from corplint.urlcheck import analyse, host, host_listed, unusable
from corplint.urls import scheme

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
    name = "proxied-url"
    category = "links"
    fix = Applicability.SAFE

    def check(self, doc: Document) -> Iterator[Finding]:
        for verdict in analyse(doc):
            ref, inner = verdict.ref, verdict.inner
            if inner is None:
                continue
            risky = any(ch in _BREAKS_CONTEXT[ref.where] for ch in inner.url)
            applicability = "safe" if inner.has_scheme and not risky else "unsafe"
            yield Finding(
                ref.start,
                ref.end,
                f"URL wrapped in a proxy or redirector; the wrapped URL is {_shorten(inner.url)}",
                Fix.replace(ref.start, ref.end, inner.url, applicability),
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
    name = "insecure-image-url"
    category = "links"
    fix = Applicability.UNSAFE

    def check(self, doc: Document) -> Iterator[Finding]:
        for verdict in analyse(doc):
            ref, inner = verdict.ref, verdict.inner
            if not ref.image:
                continue
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
    name = "malformed-url"
    category = "links"

    def check(self, doc: Document) -> Iterator[Finding]:
        for verdict in analyse(doc):
            ref, why = verdict.ref, verdict.malformed
            if why:
                yield Finding(ref.start, ref.end, f"malformed URL, {why}: {_shorten(ref.url)}")


class UnusableUrl(Rule):
    """A URL nobody but the page's author could load: ``file:`` URLs and Windows
    paths, ``blob:`` URLs, ``data:`` URLs longer than ``max-data-url``, and
    tracking pixels (1×1 images and known analytics endpoints).

    Bad: ``<img src="C:\\Users\\me\\a.jpg">``. Good: ``<img src="https://img.example.com/a.jpg">``.
    """

    code = "LNK004"
    name = "unusable-url"
    category = "links"
    options = (
        Option(
            "max-data-url",
            2048,
            "Longest data: URL (in characters) accepted; longer ones bloat the corpus.",
        ),
    )

    def check(self, doc: Document) -> Iterator[Finding]:
        limit = self.settings["max-data-url"]
        for verdict in analyse(doc):
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
    name = "unwanted-host"
    category = "links"
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


@hookimpl
def corplint_rules() -> list[type[Rule]]:
    return [ProxiedUrl, InsecureImageUrl, MalformedUrl, UnusableUrl, UnwantedHost]
