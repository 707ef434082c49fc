"""The live link check against a local HTTP server on 127.0.0.1 (nothing else is
ever contacted): statuses, a timeout, a redirect, a wrong content type, the cache,
and no request at all without --check-links."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest


class _Handler(BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def do_GET(self):
        self.hits.append(self.path)
        if self.path == "/slow.jpg":
            time.sleep(1.5)
        routes = {
            "/ok.jpg": (200, "image/jpeg"),
            "/slow.jpg": (200, "image/jpeg"),
            "/missing.jpg": (404, "text/html"),
            "/broken.jpg": (500, "text/html"),
            "/page.jpg": (200, "text/html"),
            "/article.html": (200, "text/html"),
        }
        if self.path == "/moved.jpg":
            self.send_response(302)
            self.send_header("Location", "/ok.jpg")
            self.end_headers()
            return
        status, ctype = routes.get(self.path, (404, "text/html"))
        body = b"\xff\xd8\xff" if ctype.startswith("image/") else b"<html></html>"
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        """A client that timed out and hung up is expected here (the slow URL):
        the server says nothing, so stderr holds only what corplint wrote."""


@pytest.fixture
def server():
    _Handler.hits = []
    httpd = _QuietServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", _Handler.hits
    httpd.shutdown()
    httpd.server_close()


def _page(base: str) -> str:
    names = ["ok", "missing", "broken", "slow", "moved", "page"]
    images = "\n\n".join(f"![{n}]({base}/{n}.jpg)" for n in names)
    return f"正文第一段。\n\n{images}\n\n[原文]({base}/article.html)\n"


def _run(cli, tmp_path, *extra: str):
    config = tmp_path / "corplint.toml"
    config.write_text(
        f'[rules.LNK006]\ntimeout = 0.5\ncache = "{(tmp_path / "cache.sqlite3").as_posix()}"\n'
    )
    result = cli(
        "check", str(tmp_path / "post.md"), "--config", str(config), "--select", "LNK",
        "--output-format", "json", "--no-progress", *extra,
    )  # fmt: skip
    assert "Traceback" not in result.err
    return result, json.loads(result.out or "[]")


def test_live_check_reports_what_the_server_says(server, tmp_path, cli):
    base, hits = server
    (tmp_path / "post.md").write_text(_page(base), encoding="utf-8")
    result, findings = _run(cli, tmp_path, "--check-links")
    live = [f["message"] for f in findings if f["code"] == "LNK006"]
    by_url = {message.rsplit(": ", 1)[1]: message for message in live}
    assert len(by_url) == len(live)
    assert by_url == {
        f"{base}/missing.jpg": f"link check: HTTP 404: {base}/missing.jpg",
        f"{base}/broken.jpg": f"link check: HTTP 500: {base}/broken.jpg",
        f"{base}/slow.jpg": f"link check: timed out after 0.5 s: {base}/slow.jpg",
        f"{base}/page.jpg": f"link check: not an image (text/html): {base}/page.jpg",
    }
    # the redirect was followed to a working image, the page link is fine as HTML
    assert "/moved.jpg" in hits and hits.count("/ok.jpg") == 2
    assert "/article.html" in hits
    assert result.code == 1


def test_second_run_asks_the_cache_not_the_server(server, tmp_path, cli):
    base, hits = server
    (tmp_path / "post.md").write_text(_page(base), encoding="utf-8")
    _, first = _run(cli, tmp_path, "--check-links")
    asked = len(hits)
    assert asked >= 7
    _, second = _run(cli, tmp_path, "--check-links")
    # only the link that got no answer (it timed out) is asked again
    assert hits[asked:] == ["/slow.jpg"], "the second run asked what the server had answered"
    assert [f["message"] for f in second] == [f["message"] for f in first]


def test_a_failure_without_an_answer_is_not_cached(tmp_path, cli):
    """Issue 21, item 8: one run behind a dead proxy must not make every later run
    report every link dead without asking."""
    import socket

    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()  # nothing listens there: connection refused
    url = f"http://127.0.0.1:{port}/a.jpg"
    (tmp_path / "post.md").write_text(f"![图]({url})\n", encoding="utf-8")
    _, first = _run(cli, tmp_path, "--check-links")
    assert [f["code"] for f in first if f["code"] == "LNK006"] == ["LNK006"]

    listening = socket.socket()
    listening.bind(("127.0.0.1", port))
    listening.listen()
    served = []

    def serve() -> None:
        conn, _ = listening.accept()
        served.append(conn.recv(4096))
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\nContent-Length: 0\r\n\r\n")
        conn.close()

    import threading

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        _, second = _run(cli, tmp_path, "--check-links")
    finally:
        thread.join(5)
        listening.close()
    assert served, "the second run did not ask the server again"
    assert [f for f in second if f["code"] == "LNK006"] == []


def test_without_the_flag_no_request_is_made(server, tmp_path, cli):
    base, hits = server
    (tmp_path / "post.md").write_text(_page(base), encoding="utf-8")
    result, findings = _run(cli, tmp_path, "--extend-select", "LNK006")
    assert hits == []
    assert not any(f["code"] == "LNK006" for f in findings)
    assert "LNK006 run only with --check-links" in result.err
