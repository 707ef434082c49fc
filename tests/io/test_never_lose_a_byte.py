"""Issue 21: what a hostile user tried, each case reproduced and held.

Every numbered item of the issue has a test here (the link cache's, item 8,
is in ``test_linkcheck.py``; the kill-at-random-moments bar is in
``test_crash_consistency.py``, the fuzz bar in ``test_fuzz_io.py``).
"""

from __future__ import annotations

import gzip
import io
import json
import os
import signal
import stat
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

DIRTY = "新闻\x00稿件，内容。\n"
"""A line with a safe fix (the NUL is removed)."""


@pytest.fixture
def work(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if ".corplint" in p.name)


def corplint_process(*args: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "corplint", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        **kwargs,
    )


def big_jsonl(records: int) -> bytes:
    line = json.dumps({"id": 0, "text": DIRTY * 40}, ensure_ascii=False)
    return "".join(line.replace('"id": 0', f'"id": {i}') + "\n" for i in range(records)).encode()


def wait_for_temp(folder: Path, proc: subprocess.Popen, timeout: float = 60) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        if leftovers(folder):
            return True
        time.sleep(0.005)
    return False


# 1 ------------------------------------------------------------------- interrupts
@pytest.mark.parametrize(
    ("name", "jobs", "sig"),
    [
        ("big.jsonl", "1", signal.SIGINT),
        ("big.jsonl.gz", "2", signal.SIGINT),
        ("big.jsonl", "1", signal.SIGTERM),
    ],
)
def test_an_interrupted_fix_leaves_the_original(work, name, jobs, sig):
    data = big_jsonl(3000)
    stored = gzip.compress(data) if name.endswith(".gz") else data
    (work / name).write_bytes(stored)
    proc = corplint_process("check", name, "--fix", "-j", jobs, "--no-progress", cwd=work)
    assert wait_for_temp(work, proc), "the run ended before writing anything"
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 2
    assert b"Traceback" not in err
    assert (work / name).read_bytes() == stored
    assert leftovers(work) == []


@pytest.mark.parametrize("name", ["a.txt", "a.jsonl"])
def test_an_interrupt_as_the_temporary_file_appears_leaves_nothing(cli, work, monkeypatch, name):
    """The signal lands between the temporary file's creation and the writer's
    ``try``: the command line still removes the file and keeps the original."""
    from corplint.io import safefile

    text = "第一行　有全角空格\u200b。\n"
    stored = (json.dumps({"text": text}, ensure_ascii=False) + "\n") if name.endswith("l") else text
    (work / name).write_text(stored, encoding="utf-8")
    real_init = safefile.AtomicFile.__init__

    def interrupted(self, *args, **kwargs):
        real_init(self, *args, **kwargs)
        raise KeyboardInterrupt  # the object never reaches its caller

    monkeypatch.setattr(safefile.AtomicFile, "__init__", interrupted)
    result = cli("check", name, "--fix", "-j", "1")
    assert result.code == 2
    assert "interrupted" in result.err
    assert (work / name).read_text(encoding="utf-8") == stored
    assert leftovers(work) == []


# 2 ------------------------------------------------------------ hostile records
def test_a_deeply_nested_record_is_malformed_not_a_crash(cli, work):
    deep = '{"text": "好", "m": ' + "[" * 5000 + "]" * 5000 + "}"
    lines = [json.dumps({"text": f"第{i}条，内容。"}, ensure_ascii=False) for i in range(10)]
    lines.insert(5, deep)
    data = ("\n".join(lines) + "\n").encode()
    (work / "a.jsonl").write_bytes(data)
    (work / "b.txt").write_text(DIRTY, encoding="utf-8")
    result = cli("check", "a.jsonl", "b.txt", "--output-format", "json")
    assert "Traceback" not in result.err
    found = {(f["path"], f["code"], f["record"]) for f in json.loads(result.out)}
    assert ("a.jsonl", "ENC006", 6) in found
    assert ("b.txt", "ENC003", None) in found  # the other file was checked too
    fixed = cli("check", "a.jsonl", "--select", "PUN001", "--fix")
    assert "Traceback" not in fixed.err
    assert (work / "a.jsonl").read_bytes().count(b"\n") == 11


def test_a_crashing_rule_is_reported_and_the_run_goes_on(cli, work, monkeypatch):
    (work / "boom_rules.py").write_text(
        textwrap.dedent('''
        import corplint
        from corplint import Rule

        class Boom(Rule):
            """Raises on text that holds 炸."""
            code = "BOM001"
            name = "boom"
            category = "layout"

            def check(self, doc):
                if "炸" in doc.text:
                    raise ValueError("kaboom")
                return iter(())

        @corplint.hookimpl
        def corplint_rules():
            return [Boom]
        '''),
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(work))
    (work / "a.txt").write_text("炸" + DIRTY, encoding="utf-8")
    (work / "b.txt").write_text(DIRTY, encoding="utf-8")
    result = cli(
        "check", "a.txt", "b.txt", "--plugin", "boom_rules",
        "--extend-select", "BOM001", "--output-format", "json",
    )  # fmt: skip
    assert result.code == 2
    assert "Traceback" not in result.err
    assert "a.txt: error: rule BOM001 (boom) failed" in result.err
    assert "ValueError: kaboom" in result.err
    codes = sorted((f["path"], f["code"]) for f in json.loads(result.out))
    assert codes == [("a.txt", "ENC003"), ("b.txt", "ENC003")]


# 3 ---------------------------------------------------------------------- pipes
def test_a_pipe_is_read_once_and_checked(work):
    (work / "f.txt").write_text(DIRTY, encoding="utf-8")
    proc = subprocess.run(
        ["bash", "-c", f"{sys.executable} -m corplint check <(cat f.txt) --output-format json"],
        cwd=work,
        capture_output=True,
        timeout=60,
    )
    assert proc.returncode == 1, proc.stderr
    assert [f["code"] for f in json.loads(proc.stdout)] == ["ENC003"]


def test_dev_stdin_is_checked(work):
    proc = subprocess.run(
        [sys.executable, "-m", "corplint", "check", "/dev/stdin", "--output-format", "json"],
        input=DIRTY.encode(),
        cwd=work,
        capture_output=True,
        timeout=60,
    )
    assert proc.returncode == 1, proc.stderr
    assert [f["code"] for f in json.loads(proc.stdout)] == ["ENC003"]


def test_a_named_fifo_is_read_once_without_hanging(work):
    fifo = work / "pipe.txt"
    os.mkfifo(fifo)

    def feed() -> None:
        with open(fifo, "wb") as out:
            out.write(DIRTY.encode())

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    proc = subprocess.run(
        [sys.executable, "-m", "corplint", "check", "pipe.txt", "--fix", "--output-format", "json"],
        cwd=work,
        capture_output=True,
        timeout=60,
    )
    writer.join(5)
    assert [f["code"] for f in json.loads(proc.stdout)] == ["ENC003"]
    assert b"not a regular file" in proc.stderr  # --fix cannot write a pipe back: said
    assert proc.returncode == 2


# 4 ----------------------------------------------------------------- -o and dirs
def test_a_report_is_never_written_over_an_input(cli, work):
    (work / "in.txt").write_text(DIRTY, encoding="utf-8")
    result = cli("check", "-o", "in.txt", "in.txt")
    assert result.code == 2
    assert "-o in.txt is an input" in result.err
    assert (work / "in.txt").read_text(encoding="utf-8") == DIRTY


def test_a_report_inside_an_input_folder_is_not_read_as_input(cli, work):
    (work / "in.txt").write_text(DIRTY, encoding="utf-8")
    (work / "report.txt").write_text("旧报告\x00\n", encoding="utf-8")
    result = cli("check", ".", "-o", "report.txt", "--output-format", "json")
    assert result.code == 1
    assert [f["path"] for f in json.loads((work / "report.txt").read_text())] == ["in.txt"]


@pytest.mark.parametrize("output_dir", [".", "corpus", "corpus/fixed"])
def test_an_output_dir_among_the_inputs_is_refused(cli, work, output_dir):
    (work / "corpus").mkdir()
    (work / "corpus" / "a.txt").write_text(DIRTY, encoding="utf-8")
    result = cli("check", "corpus", "--fix", "--output-dir", output_dir)
    assert result.code == 2
    assert "--output-dir" in result.err
    assert (work / "corpus" / "a.txt").read_text(encoding="utf-8") == DIRTY


def test_two_inputs_mapping_to_one_output_are_refused(cli, work):
    (work / "x").mkdir()
    (work / "x" / "a.txt").write_text(DIRTY, encoding="utf-8")
    (work / "sub").mkdir()
    (work / "sub" / "x").mkdir()
    (work / "sub" / "x" / "a.txt").write_text(DIRTY + "二\n", encoding="utf-8")
    os.chdir(work / "sub")
    result = cli("check", "x/a.txt", "../x/a.txt", "--fix", "--output-dir", "../out")
    assert result.code == 2
    assert "would both be written to" in result.err
    assert not (work / "out").exists()


def test_a_link_inside_the_output_dir_is_not_followed(cli, work):
    (work / "a.txt").write_text(DIRTY, encoding="utf-8")
    (work / "out").mkdir()
    (work / "out" / "b.txt").symlink_to(work / "a.txt")
    (work / "b.txt").write_text("另一个\x00文件。\n", encoding="utf-8")
    result = cli("check", "b.txt", "--fix", "--output-dir", "out")
    assert result.code == 0, result.err
    assert (work / "a.txt").read_text(encoding="utf-8") == DIRTY
    assert not (work / "out" / "b.txt").is_symlink()
    assert (work / "out" / "b.txt").read_text(encoding="utf-8") == "另一个文件。\n"


def test_a_linked_folder_inside_the_output_dir_onto_an_input_is_refused(cli, work):
    (work / "corpus").mkdir()
    (work / "corpus" / "a.txt").write_text(DIRTY, encoding="utf-8")
    (work / "out").mkdir()
    (work / "out" / "corpus").symlink_to(work / "corpus")
    result = cli("check", "corpus", "--fix", "--output-dir", "out")
    assert result.code == 2
    assert "would be written over the input" in result.err
    assert (work / "corpus" / "a.txt").read_text(encoding="utf-8") == DIRTY


# 5 ------------------------------------------------------------- truncated zstd
def test_a_truncated_zstd_file_is_an_error_and_is_not_rewritten(cli, work):
    zstandard = pytest.importorskip("zstandard", reason="zstd is an optional extra")
    data = big_jsonl(400)
    whole = zstandard.ZstdCompressor().compress(data)
    cut = whole[: len(whole) // 2]
    (work / "a.jsonl.zst").write_bytes(cut)
    assert cli("check", "a.jsonl.zst").code == 2
    result = cli("check", "a.jsonl.zst", "--fix")
    assert result.code == 2
    assert "truncated" in result.err
    assert (work / "a.jsonl.zst").read_bytes() == cut


# 6 ------------------------------------------------------ links, owner, mode
def test_fixing_a_symlink_fixes_its_target_and_keeps_the_link(cli, work):
    (work / "real.txt").write_text(DIRTY, encoding="utf-8")
    (work / "link.txt").symlink_to("real.txt")
    assert cli("check", "link.txt", "--fix").code == 0
    assert (work / "link.txt").is_symlink()
    assert (work / "real.txt").read_text(encoding="utf-8") == "新闻稿件，内容。\n"


def test_fixing_through_a_link_can_be_refused(cli, work):
    (work / "real.txt").write_text(DIRTY, encoding="utf-8")
    (work / "link.txt").symlink_to("real.txt")
    result = cli("check", "link.txt", "--fix", "--no-fix-links")
    assert result.code == 2
    assert "a symbolic link" in result.err
    assert (work / "real.txt").read_text(encoding="utf-8") == DIRTY


def test_fixing_keeps_hard_links_mode_and_owner(cli, work):
    path = work / "a.jsonl"
    path.write_text(json.dumps({"text": DIRTY}, ensure_ascii=False) + "\n", encoding="utf-8")
    os.link(path, work / "b.jsonl")
    os.chmod(path, 0o640)
    owner = (path.stat().st_uid, path.stat().st_gid)
    if os.geteuid() == 0:
        owner = (4321, 4322)
        os.chown(path, *owner)
    inode = path.stat().st_ino
    assert cli("check", "a.jsonl", "--fix").code == 0
    after = path.stat()
    assert after.st_ino == inode and after.st_nlink == 2
    assert (work / "b.jsonl").read_bytes() == path.read_bytes()
    assert "\\u0000" not in path.read_text(encoding="utf-8")
    assert stat.S_IMODE(after.st_mode) == 0o640
    assert (after.st_uid, after.st_gid) == owner
    assert leftovers(work) == []


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file another owner needs root")
def test_a_replaced_file_keeps_its_owner(cli, work):
    path = work / "a.txt"
    path.write_text(DIRTY, encoding="utf-8")
    os.chown(path, 4321, 4322)
    os.chmod(path, 0o604)
    assert cli("check", "a.txt", "--fix").code == 0
    after = path.stat()
    assert (after.st_uid, after.st_gid, stat.S_IMODE(after.st_mode)) == (4321, 4322, 0o604)


# 7 ----------------------------------------------- leftovers, honest summaries
def test_stale_temporary_files_are_not_linted_and_are_removed(cli, work):
    (work / "a.txt").write_text(DIRTY, encoding="utf-8")
    dead = _dead_pid()
    stale = work / f".a.txt.{dead}.0123abcd.corplint"
    stale.write_text(DIRTY * 3, encoding="utf-8")
    old_style = work / ".a.txt.x1y2z3q4.corplint"
    old_style.write_text(DIRTY, encoding="utf-8")
    result = cli("check", ".", "--output-format", "json")
    assert [f["path"] for f in json.loads(result.out)] == ["a.txt"]
    assert not stale.exists()  # removed by the next run, even one that only checks


def test_an_interrupted_copy_into_a_hard_link_is_finished_by_the_next_run(cli, work):
    path = work / "a.txt"
    path.write_text(DIRTY, encoding="utf-8")
    os.link(path, work / "b.txt")
    done = work / f".a.txt.{_dead_pid()}.0123abcd.corplint-done"
    done.write_text("修好的全文。\n", encoding="utf-8")
    path.write_text("修好", encoding="utf-8")  # the copy was cut here by a SIGKILL
    checked = cli("check", "a.txt")
    assert "run --fix to finish it" in checked.err and done.exists()
    result = cli("check", "a.txt", "--fix")
    assert "finished a fix" in result.err
    assert (work / "b.txt").read_text(encoding="utf-8") == "修好的全文。\n"
    assert leftovers(work) == []


def test_the_summary_does_not_pass_a_run_with_errors(cli, work):
    (work / "a.txt").write_text("干净的文本。\n", encoding="utf-8")
    result = cli("check", "a.txt", "missing.txt")
    assert result.code == 2
    assert "All checks passed" not in result.out
    assert "1 error(s)" in result.out


def test_fixes_that_were_not_written_are_not_counted(cli, work, monkeypatch):
    (work / "a.txt").write_text(DIRTY, encoding="utf-8")

    def no_space(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", no_space)
    result = cli("check", "a.txt", "--fix")
    assert result.code == 2
    assert "Fixed" not in result.out
    assert "no space left on device" in result.err
    assert (work / "a.txt").read_text(encoding="utf-8") == DIRTY
    assert leftovers(work) == []


def test_a_fix_that_would_change_how_the_file_is_read_is_not_written(cli, work):
    """Bytes that are not UTF-8 are read with a guessed codec, and the guess comes
    from the bytes a fix changes: removing the control character here makes the
    detector guess a single-byte codec, so a second ``--fix`` would transcode the
    whole file. The first one therefore keeps the file and says why."""
    damaged = b"N\xa6\x08\xe8$z\xd6\xb9s\xec"
    (work / "a.md").write_bytes(damaged)
    first = cli("check", "a.md", "--fix", "--unsafe-fixes")
    assert "would be read as" in first.err
    assert "Fixed" not in first.out
    assert (work / "a.md").read_bytes() == damaged
    cli("check", "a.md", "--fix", "--unsafe-fixes")
    assert (work / "a.md").read_bytes() == damaged


def test_a_long_run_of_shifted_mojibake_is_fixed_in_one_run(cli, work):
    """A rule that examines a long run in pieces must cover all of it in one
    ``--fix``: pieces that left gaps made every later run fix a little more."""
    run = "薄按蠹倚量嗔" * 300
    (work / "a.jsonl").write_text(json.dumps({"text": run}, ensure_ascii=False) + "\n")
    cli("check", "a.jsonl", "--fix", "--unsafe-fixes")
    once = (work / "a.jsonl").read_bytes()
    assert once != json.dumps({"text": run}, ensure_ascii=False).encode() + b"\n"
    cli("check", "a.jsonl", "--fix", "--unsafe-fixes")
    assert (work / "a.jsonl").read_bytes() == once


# 9 ----------------------------------------------------------------- the smaller
def test_a_bom_before_the_first_record_is_reported_and_kept(cli, work):
    data = b'\xef\xbb\xbf{"text": "a\\u0000b"}\n{"text": "ok"}\n'
    (work / "a.jsonl").write_bytes(data)
    result = cli("check", "a.jsonl", "--output-format", "json")
    assert ("ENC002", 1) in {(f["code"], f["record"]) for f in json.loads(result.out)}
    cli("check", "a.jsonl", "--fix")
    assert (work / "a.jsonl").read_bytes() == b'\xef\xbb\xbf{"text": "ab"}\n{"text": "ok"}\n'


def test_a_null_text_in_parquet_is_a_malformed_record(cli, work):
    pa = pytest.importorskip("pyarrow", reason="Parquet is an optional extra")
    import pyarrow.parquet as pq

    pq.write_table(pa.table({"text": ["好", None, "a\x00b"]}), work / "t.parquet")
    result = cli("check", "t.parquet", "--output-format", "json")
    found = {(f["code"], f["record"]) for f in json.loads(result.out)}
    assert ("ENC006", 2) in found and ("ENC003", 3) in found


def test_stdin_named_as_compressed_is_decompressed(cli, work):
    data = b'{"text": "a\\u0000b"}\n'
    result = cli(
        "check", "-", "--stdin-filename", "x.jsonl.gz", "--output-format", "json",
        stdin=gzip.compress(data),
    )  # fmt: skip
    assert [f["code"] for f in json.loads(result.out)] == ["ENC003"]
    fixed = cli("check", "-", "--stdin-filename", "x.jsonl.gz", "--fix", stdin=gzip.compress(data))
    assert gzip.decompress(fixed.out_bytes) == b'{"text": "ab"}\n'


def test_utf16_without_a_bom_is_read(cli, work):
    text = "第一段文字，这是一个没有字节顺序标记的文件。\nSecond line.\n"
    (work / "le.txt").write_bytes(text.encode("utf-16-le"))
    (work / "be.txt").write_bytes(text.encode("utf-16-be"))
    result = cli("check", "le.txt", "be.txt", "--output-format", "json")
    assert result.code == 1
    assert {(f["path"], f["code"]) for f in json.loads(result.out)} == {
        ("le.txt", "ENC001"),
        ("be.txt", "ENC001"),
    }
    cli("check", "le.txt", "--fix")
    assert (work / "le.txt").read_text(encoding="utf-8") == text


def test_odd_file_names_keep_every_format_valid(cli, work):
    name = os.fsdecode(b"bad\xff\nname.txt")
    (work / name).write_text(DIRTY, encoding="utf-8")
    result = cli("check", ".", "--output-format", "json")
    raw = result.out_bytes.decode("utf-8")  # strict: no lone surrogate
    assert json.loads(raw)[0]["path"] == "bad\\xff\\nname.txt"
    concise = cli("check", ".", "--output-format", "concise")
    finding_lines = [line for line in concise.out.splitlines() if "ENC003" in line]
    assert finding_lines == ["bad\\xff\\nname.txt:1:3: ENC003 [*] control character U+0000 in text"]


@pytest.mark.parametrize(
    "fmt", ["full", "concise", "json", "jsonl", "github", "sarif", "documents"]
)
def test_undecodable_bytes_print_in_every_format(cli, work, fmt):
    """Found by the nightly fuzz run: a lone byte 0x81 in a text file reached the
    full report as a lone surrogate and a strict UTF-8 stdout raised."""
    (work / "x.txt").write_bytes(b"\x81\xfe \xe4\xb8\n")
    result = cli("check", "x.txt", "--output-format", fmt)
    assert result.code == 1, result.err
    result.out_bytes.decode("utf-8")  # strict


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_wrapped_stdout_is_not_used_after_a_run(cli, work):
    """The SIGTERM handler is the caller's again once ``main`` returns."""
    before = signal.getsignal(signal.SIGTERM)
    (work / "a.txt").write_text("好。\n", encoding="utf-8")
    cli("check", "a.txt")
    assert signal.getsignal(signal.SIGTERM) is before
    assert isinstance(sys.stdout, io.TextIOBase)


# issue 22: a safe fix cannot be wrong -------------------------------------------
OTHER_LANGUAGES = Path(__file__).resolve().parents[1] / "data" / "clean_other_languages.txt"


@pytest.mark.parametrize("container", ["jsonl", "txt"])
def test_safe_fixes_leave_clean_text_of_other_languages_alone(cli, work, container):
    """Latin-script, Greek, Cyrillic, Japanese and Korean lines with symbols
    (``É®``, ``×£``, ``√π``, ``5 kg``) that are byte-for-byte the UTF-8 of other
    characters or look like Chinese quantities: written for this test, each a
    document of its own (JSONL) and all in one file."""
    lines = OTHER_LANGUAGES.read_text(encoding="utf-8").splitlines()
    assert len(lines) >= 200
    if container == "jsonl":
        data = "".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in lines)
    else:
        data = "\n".join(lines) + "\n"
    path = work / f"clean.{container}"
    path.write_text(data, encoding="utf-8")
    result = cli("check", str(path), "--fix", "--output-format", "concise")
    assert path.read_text(encoding="utf-8") == data, result.out
    assert "MOJ" not in result.out and "DIG" not in result.out, result.out
