"""``corplint report``: one self-contained HTML page whose figures are those of
``--statistics --output-format json``, rendered by headless Chromium."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
_STATS = re.compile(
    r'<script type="application/json" id="corplint-statistics">\n(.*?)\n</script>', re.S
)


@pytest.fixture
def dataset(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_bytes("\ufeff新闻\x00稿件。\n第二行<b>粗体</b>。\n".encode())
    (tmp_path / "clean.txt").write_text("干净的文本。\n", encoding="utf-8")
    rows = [
        {"id": "r1", "text": "自月日起实施。"},
        {"id": "r2", "text": "好文章。"},
        {"id": "r3", "text": "锟斤拷锟斤拷</script>"},
    ]
    (tmp_path / "b.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows) + "{broken\n",
        encoding="utf-8",
    )
    return tmp_path


def _statistics(page: str) -> dict:
    return json.loads(_STATS.search(page).group(1).replace("<\\/", "</"))


def test_the_report_is_self_contained_and_agrees_with_the_statistics(cli, dataset):
    inputs = ("a.txt", "clean.txt", "b.jsonl")  # (a walk of "." would find the report)
    result = cli("report", *inputs, "--id-field", "id", "-o", "report.html")
    assert result.code == 0  # findings are the report's content, not a failure
    page = (dataset / "report.html").read_text(encoding="utf-8")
    stats = _statistics(page)
    expected = json.loads(
        cli("check", *inputs, "--id-field", "id", "--statistics", "--output-format", "json").out
    )
    assert stats.pop("documents_dropped") == 2  # the unreadable record and the stripped dates
    assert stats == expected
    # nothing fetched: no resource reference of any kind (the SVG namespace is a name)
    assert not re.search(r"\b(src|href)\s*=|url\(|@import|<link|<img|<iframe|<script src", page)
    assert "</script>" not in _STATS.search(page).group(1)  # a record's text cannot end the block
    for figure in (str(expected["findings"]), "with findings", "policy would drop"):
        assert figure in page
    assert page.count("<svg") == 3  # categories, rules, keep/drop
    assert "b.jsonl · record 1 · id r1" in page  # a worst document, with its id


@pytest.mark.skipif(CHROMIUM is None, reason="needs Chromium (Debian's chromium package)")
def test_the_report_renders_in_headless_chromium(cli, dataset):
    pytest.importorskip("PIL", reason="pillow (in the dev extra) reads the screenshot")
    from PIL import Image

    cli("report", ".", "-o", "report.html")
    shot = dataset / "shot.png"
    proc = subprocess.run(
        [
            CHROMIUM,
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--host-resolver-rules=MAP * ~NOTFOUND",  # offline: a request would fail, loudly
            "--window-size=1200,1600",
            f"--screenshot={shot}",
            "--enable-logging=stderr",
            "--v=0",
            (dataset / "report.html").as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert shot.is_file(), proc.stderr[-2000:]
    console = [line for line in proc.stderr.splitlines() if ":CONSOLE" in line]
    assert console == []  # no script, no error, no failed load
    image = Image.open(shot).convert("RGB")
    data = image.tobytes()
    colours = Counter(zip(data[0::3], data[1::3], data[2::3], strict=True))
    # the charts' bars (their first two colours) and the keep/drop bar are drawn
    for rgb in ((0x3B, 0x6E, 0xA8), (0xC8, 0x55, 0x3D), (0x5A, 0x93, 0x67)):
        assert colours.get(rgb, 0) > 200, rgb
    assert colours.most_common(1)[0][1] < 0.97 * image.width * image.height  # not blank
