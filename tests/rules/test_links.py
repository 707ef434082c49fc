"""Link rules: URL finding on random text, the seed's proxied images, and no network."""

from __future__ import annotations

import difflib
import re
import shutil
import socket
from unittest import mock

from hypothesis import example, given, settings
from hypothesis import strategies as st

from corplint.core.document import Document
from corplint.core.finding import Applicability
from corplint.engine.engine import Engine
from corplint.rules.links import InsecureImageUrl, MalformedUrl, ProxiedUrl, UnusableUrl
from corplint.rules.links.urls import find_urls

_PIECES = [
    "https://",
    "http://",
    "img.example.com",
    "/a/",
    "1.jpg",
    "?url=",
    "%3A%2F%2F",
    '<img src="',
    '">',
    "![图](",
    ")",
    "[链接](",
    "---\n",
    "image: '",
    "'\n",
    " ",
    "\n",
    "正文，",
    "…",
    "\\",
    "(",
    "&w=1",
    "www.",
    "C:\\",
    ":",
    "w",
    "description: 见 ",
]


@given(st.lists(st.sampled_from(_PIECES), max_size=30))
def test_every_url_reference_slices_to_its_text(pieces):
    """Spans are exact: what a finding points at is the URL as written."""
    text = "".join(pieces)
    for ref in find_urls(Document(text, format="markdown")):
        assert text[ref.start : ref.end] == ref.url
        assert ref.url


@given(st.lists(st.sampled_from(_PIECES), max_size=30))
def test_bare_urls_are_sought_whenever_the_text_may_hold_one(pieces):
    """Counting schemes instead of scanning for bare URLs loses none: the URLs
    found are those found when bare URLs are always sought."""
    from corplint.rules.links import urls

    text = "".join(pieces)
    found = urls._find(text)
    with mock.patch.object(urls, "_more_cues_than_urls", lambda *args: True):
        assert found == urls._find(text)


@given(st.lists(st.sampled_from(_PIECES), max_size=30))
@example(["https://", "https://", ")", "https://", ")"])
def test_link_fixes_change_only_urls_and_settle(pieces):
    """Applying every link fix changes text only inside URL spans, and a second
    pass finds nothing more to fix."""
    text = "".join(pieces)
    engine = Engine([ProxiedUrl(), InsecureImageUrl(), MalformedUrl(), UnusableUrl()])
    allowed = frozenset({Applicability.SAFE})
    once = engine.fix(Document(text, format="markdown"), allowed).document
    twice = engine.fix(once, allowed).document
    assert twice.text == once.text
    # the text between the URLs is kept, in order (a diff would be ambiguous:
    # https://https://)… fixed to https://) aligns with the wrong copy)
    outside, pos = [], 0
    for ref in find_urls(Document(text, format="markdown")):
        if ref.start >= pos:
            outside.append(text[pos : ref.start])
        pos = max(pos, ref.end)
    outside.append(text[pos:])
    assert once.text.startswith(outside[0]) and once.text.endswith(outside[-1])
    at = len(outside[0])
    for kept in outside[1:]:
        found = once.text.find(kept, at)
        assert found >= 0, kept
        at = found + len(kept)


def _seed_urls(text: str) -> list[re.Match[str]]:
    # every URL of seed 000 sits in quotes: in front matter or in an img tag
    return list(re.finditer(r"https?://[^'\"\s]+", text))


def test_seed_000_every_proxied_image_is_reported_and_fixed(seeds, tmp_path, cli):
    """All 25 image URLs of seed 000 are proxied: each is reported at its exact
    span, the safe fix writes the wrapped URL exactly, and a second --fix
    changes nothing."""
    seed = seeds / "000_c20c94ce775b8c8f.txt"
    text = seed.read_text(encoding="utf-8")
    urls = _seed_urls(text)
    assert len(urls) == 25
    findings = Engine([ProxiedUrl(), InsecureImageUrl()]).check(Document(text))
    proxied = {(f.start, f.end) for f in findings if f.code == "LNK001"}
    assert proxied == {m.span() for m in urls}
    insecure = [f for f in findings if f.code == "LNK002"]
    assert len(insecure) == 25
    assert all(text[f.start : f.end].startswith("http://") for f in insecure)

    work = tmp_path / seed.name
    shutil.copy(seed, work)
    result = cli("check", "--fix", "--select", "LNK001", "--no-progress", str(work))
    assert result.code == 0, result.err
    expected = "".join(
        piece if i % 2 == 0 else piece.split("?", 1)[1]
        for i, piece in enumerate(re.split(r"(https://[^'\"\s/]+/\?http[^'\"\s]+)", text))
    )
    assert work.read_text(encoding="utf-8") == expected
    again = cli("check", "--fix", "--select", "LNK001", "--no-progress", str(work))
    assert again.code == 0
    assert work.read_text(encoding="utf-8") == expected


def test_offline_rules_open_no_socket(seeds, monkeypatch, cli):
    """Without --check-links a run makes no network request at all."""

    def refuse(*args, **kwargs):
        raise AssertionError("a socket was opened")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    result = cli("check", "--select", "LNK", "--no-progress", str(seeds))
    assert result.code == 1
    assert "LNK001" in result.out


def test_seed_004_fix_joins_the_cut_paragraphs_and_leaves_headings(seeds, tmp_path, cli):
    """``--fix`` on seed 004 joins exactly the five labelled cuts — deleting only
    the line breaks between the halves — and no heading. (Three cuts are certain
    at the break; they make the other two, which stop after a finished sentence,
    count too. The sixth break, 力争 / 尽早, is reported with an unsafe fix.)"""
    seed = seeds / "004_4bced7c498a012bf.txt"
    before = seed.read_text(encoding="utf-8")
    work = tmp_path / seed.name
    shutil.copy(seed, work)
    result = cli("check", "--fix", "--select", "LAY001", "--no-progress", "--isolated", str(work))
    assert result.code in (0, 1), result.err
    after = work.read_text(encoding="utf-8")
    lines = before.split("\n")
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    joined = []
    for op, i1, i2, _j1, _j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        assert op == "delete" and before[i1:i2].strip() == "", before[i1:i2]
        joined.append(before.count("\n", 0, i1) + 1)
    assert joined == [39, 45, 65, 77, 81]
    for heading in (n for n, line in enumerate(lines, 1) if re.match(r"[A-D] ", line)):
        assert lines[heading - 1] in after.split("\n")


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="文字。，、\n\r.1２ab”“（）％![ \u3000\t\u00a0", max_size=60))
def test_junction_fast_path_finds_what_the_full_scan_finds(text):
    """LAY001's one-pattern search for line breaks after an open line gives the
    junctions the full scan (every break, tested in Python) gives."""
    from corplint.rules.layout import junctions as layout

    expected = []
    every_break = re.compile(rf"\n{layout._GAP}{layout._NEXT_TEXT}")
    for m in every_break.finditer(text):
        a_end = m.start()
        if a_end > 0 and text[a_end - 1] == "\r":
            a_end -= 1
        while a_end > 0 and text[a_end - 1] in " \t\u3000\u00a0":
            a_end -= 1
        first = text[m.end() - 1]
        point = text[a_end - 1 : a_end] in (".", "．") and text[a_end - 2 : a_end - 1].isdigit()
        if a_end > 0 and (
            layout._ENDS_OPEN.match(text, a_end - 1) or first in layout._CUT_OFF_START or point
        ):
            expected.append((a_end, m.end() - 1))
    assert list(layout._junctions(text)) == expected


def test_every_url_cue_holds_a_character_the_quick_test_looks_for():
    """The quick test for URL-free text looks for four characters only: a cue
    added without one of them would let its URLs pass unseen."""
    from corplint.rules.links import urls

    for cue in urls._CUES:
        assert any(ch in cue for ch in ":]=w"), cue
        assert urls._may_hold_url(f"正文{cue}正文")
    assert not urls._may_hold_url("正文：没有网址。")


_ORPHAN_PIECES = (
    "<p> > </p> \n \u3000 图 片 为 ： 文 ▲ ↓ [ 【 （ image Photo 上图 资料图 点击 — - * 3 正文， 。"
)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from([*_ORPHAN_PIECES.split(" "), " "]), max_size=20))
def test_orphan_cue_first_character_test_loses_no_cue(pieces):
    """LAY002's one-class test of what may follow a tag's end turns away only
    what the full cue pattern would turn away."""
    from corplint.rules.layout import orphans as layout

    text = "".join(pieces)
    full = re.compile(">" + layout._ORPHAN_CUES)
    found, expected = layout._ORPHAN_AFTER_TAG.search(text), full.search(text)
    assert (found and found.span()) == (expected and expected.span())
