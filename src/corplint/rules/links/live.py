"""The live link check: ask each URL's server, concurrently, with a disk cache.

Only :class:`corplint.rules.links.LiveLink` uses this module, and the command
line enables that rule only with ``--check-links``: no other code of corplint
opens a socket. Requests are plain ``GET`` through :mod:`urllib` (redirects
followed, the body never read), spread over a thread pool with a limit per
host so a corpus with ten thousand images on one CDN does not hammer it.
Answers go to an SQLite cache with an expiry, so a second run asks nothing
again; failures without an answer (a dead proxy, no DNS) are never cached.
"""

from __future__ import annotations

import os
import socket
import sqlite3
import threading
import time
import urllib.error
import urllib.request
from collections import defaultdict
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from corplint.core.version import __version__

USER_AGENT = f"corplint-linkcheck/{__version__} (+https://pypi.org/project/corplint/)"


@dataclass(frozen=True, slots=True)
class Result:
    """What the server said: an HTTP status (0 when no response came), the content
    type, and an error for failures without a status (timeout, unknown host)."""

    status: int
    content_type: str = ""
    error: str = ""

    @property
    def definite(self) -> bool:
        """An answer of the server (an HTTP status): worth keeping. A failure to get
        one (unknown host, refused, timed out) may be this machine's network, not
        the link, and is asked again next run."""
        return self.status > 0

    def problem(self, image: bool) -> str | None:
        """Why the URL does not work, or None."""
        if self.error:
            return self.error
        if self.status >= 400:
            return f"HTTP {self.status}"
        if image and self.content_type and not self.content_type.startswith("image/"):
            return f"not an image ({self.content_type})"
        return None


def default_cache_path() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "corplint" / "links.sqlite3"


class Cache:
    """URL -> Result, with the time each was checked; entries older than ``max_age``
    seconds are ignored (and overwritten on the next check)."""

    def __init__(self, path: Path, max_age: float) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path), check_same_thread=False)
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS links (url TEXT PRIMARY KEY, status INTEGER,"
            " content_type TEXT, error TEXT, checked REAL)"
        )
        self._lock = threading.Lock()
        self.max_age = max_age

    def get(self, url: str) -> Result | None:
        with self._lock:
            row = self._db.execute(
                "SELECT status, content_type, error, checked FROM links WHERE url = ?", (url,)
            ).fetchone()
        if row is None or time.time() - row[3] > self.max_age or row[0] <= 0:
            return None  # a failure an earlier version cached is asked again
        return Result(row[0], row[1], row[2])

    def put(self, url: str, result: Result) -> None:
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO links VALUES (?, ?, ?, ?, ?)",
                (url, result.status, result.content_type, result.error, time.time()),
            )
            self._db.commit()

    def close(self) -> None:
        self._db.close()


def fetch(url: str, timeout: float) -> Result:
    """One GET of ``url``: the status and content type, never the body."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return Result(response.status, response.headers.get_content_type())
    except urllib.error.HTTPError as exc:
        return Result(exc.code, exc.headers.get_content_type() if exc.headers else "")
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, socket.gaierror):
            return Result(0, error="host not found")
        if isinstance(reason, TimeoutError | socket.timeout):
            return Result(0, error=f"timed out after {timeout:g} s")
        return Result(0, error=f"connection failed ({reason})")
    except TimeoutError:
        return Result(0, error=f"timed out after {timeout:g} s")
    except (OSError, ValueError) as exc:
        return Result(0, error=f"request failed ({exc})")


def check_all(
    urls: Iterable[str],
    cache: Cache | None,
    timeout: float,
    workers: int,
    per_host: int,
) -> dict[str, Result]:
    """Results for every URL: from the cache where fresh, else from the server."""
    from corplint.rules.links.urlcheck import host

    results: dict[str, Result] = {}
    pending = []
    for url in dict.fromkeys(urls):
        cached = cache.get(url) if cache else None
        if cached is not None:
            results[url] = cached
        else:
            pending.append(url)
    limits: dict[str, threading.Semaphore] = defaultdict(lambda: threading.Semaphore(per_host))
    guard = threading.Lock()

    def one(url: str) -> tuple[str, Result]:
        with guard:
            limit = limits[host(url) or ""]
        with limit:
            return url, fetch(url, timeout)

    if pending:
        with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
            for url, result in pool.map(one, pending):
                results[url] = result
                if cache and result.definite:
                    cache.put(url, result)
    return results
