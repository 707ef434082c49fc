"""-j N: the same output and the same fixed files as one process."""

from __future__ import annotations

import filecmp
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from corplint.config.baseline import BaselineWriter
from corplint.config.registry import build_registry
from corplint.engine import processes, tasks
from corplint.engine.engine import Engine
from corplint.engine.run import Runner, RunOptions
from corplint.reporters.machine import JsonLinesReporter

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "corpus"


def _corpus(root: Path) -> Path:
    """The example corpus plus a few more files, so that workers share the load."""
    shutil.copytree(EXAMPLES, root)
    for i in range(4):
        (root / f"extra-{i}.txt").write_text(
            "標題\n正文里有一句繁體字，還有半角標點,以及\u200b零宽空格。\n" * (i + 1),
            encoding="utf-8",
        )
    return root


def _corplint(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "corplint", *args, "--no-progress", "--isolated"],
        cwd=cwd,
        capture_output=True,
        env={**os.environ, "NO_COLOR": "1"},
    )


def test_parallel_check_reports_exactly_what_one_process_reports(tmp_path):
    root = _corpus(tmp_path / "corpus")
    for fmt in ("json", "full", "sarif", "documents"):
        one = _corplint("check", ".", "-j", "1", "--output-format", fmt, cwd=root)
        two = _corplint("check", ".", "-j", "2", "--output-format", fmt, cwd=root)
        assert one.returncode == two.returncode == 1
        assert one.stdout == two.stdout, fmt
        assert one.stderr == two.stderr


def test_parallel_fix_writes_the_same_files(tmp_path):
    a = _corpus(tmp_path / "a")
    b = _corpus(tmp_path / "b")
    one = _corplint("check", ".", "-j", "1", "--fix", "--unsafe-fixes", cwd=a)
    two = _corplint("check", ".", "-j", "3", "--fix", "--unsafe-fixes", cwd=b)
    assert one.stdout == two.stdout and one.stderr == two.stderr
    names = sorted(p.name for p in a.iterdir())
    match, mismatch, errors = filecmp.cmpfiles(a, b, names, shallow=False)
    assert mismatch == [] and errors == [] and len(match) == len(names)
    assert any(
        (a / n).read_bytes() != (EXAMPLES / n).read_bytes()
        for n in names
        if (EXAMPLES / n).exists()
    )


def _runner(**kwargs) -> Runner:
    registry = build_registry(load_entry_points=False)
    rules = [registry.rules[c]() for c in kwargs.pop("codes", ["ENC002"])]
    return Runner(
        registry,
        Engine(rules),
        {r.code for r in rules},
        kwargs.pop("options", RunOptions()),
        JsonLinesReporter(io.StringIO(), registry.rules),
        notices=io.StringIO(),
        **kwargs,
    )


def test_runs_that_need_one_process_keep_one(tmp_path):
    assert _runner().single_process_reason() is None
    assert processes.jobs_for(2, 10) == 2
    assert "baseline" in _runner(baseline_writer=BaselineWriter()).single_process_reason()
    assert "network" in _runner(codes=["LNK006"]).single_process_reason()
    # without -j, small inputs stay in this process
    assert processes.jobs_for(0, processes.AUTO_MIN_BYTES - 1) == 1
    runner = _runner()
    assert runner.splits(str(tmp_path / "a.txt")) is None
    assert runner.splits(str(tmp_path / "a.jsonl")) == "chunks"
    assert runner.splits(str(tmp_path / "a.jsonl.gz")) == "stream"


def test_output_dir_holds_the_fixed_corpus_and_the_inputs_stay(tmp_path):
    """--fix --output-dir writes every file (fixed or unchanged) under the folder at
    its relative path; the inputs keep every byte. It equals fixing in place."""
    work = tmp_path / "work"
    work.mkdir()
    corpus = _corpus(work / "corpus")
    before = {p.name: p.read_bytes() for p in corpus.iterdir()}
    result = _corplint("check", "corpus", "--fix", "--output-dir", "fixed", "-j", "2", cwd=work)
    assert "Traceback" not in result.stderr.decode()
    assert {p.name: p.read_bytes() for p in corpus.iterdir()} == before
    in_place = _corpus(tmp_path / "in-place")
    _corplint("check", ".", "--fix", cwd=in_place)
    fixed = work / "fixed" / "corpus"
    assert sorted(p.name for p in fixed.iterdir()) == sorted(before)
    for name in before:
        assert (fixed / name).read_bytes() == (in_place / name).read_bytes(), name
    assert all(
        (fixed / n).stat().st_mode & 0o777 == (corpus / n).stat().st_mode & 0o777 for n in before
    )
    refused = _corplint("check", "corpus", "--output-dir", "fixed", cwd=work)
    assert refused.returncode == 2 and b"--output-dir needs --fix" in refused.stderr


def test_one_large_jsonl_is_split_into_chunks_with_the_same_result(tmp_path, monkeypatch):
    """A JSONL file large enough is cut at line breaks into chunks for the workers;
    record numbers, the report and the fixed file are those of one process."""
    monkeypatch.setattr(tasks, "CHUNK_BYTES", 2048)
    lines = []
    for i in range(400):
        text = f"第{i}条，这是正文。" + ("有零宽\u200b空格" if i % 7 == 0 else "")
        lines.append(json.dumps({"id": i, "text": text}, ensure_ascii=i % 2 == 0))
    lines.insert(123, "not json at all")
    data = ("\n".join(lines) + "\n").encode()
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    a.write_bytes(data)
    b.write_bytes(data)
    runner = _runner()
    units = list(runner.plan(str(a)))
    assert len(units) > 5
    assert b"".join(data[t.start : t.end] for t in units) == data
    assert all(data[: t.start].count(b"\n") + 1 == t.first for t in units)

    outputs = []
    for path, jobs in ((a, 1), (b, 3)):
        out = io.StringIO()
        registry = build_registry(load_entry_points=False)
        codes = {"MOJ006", "ENC006"}
        run = Runner(
            registry,
            Engine([registry.rules[c]() for c in sorted(codes)]),
            codes,
            RunOptions(mode="fix", jobs=jobs),
            JsonLinesReporter(out, registry.rules),
            notices=io.StringIO(),
        )
        run.run([str(path)])
        outputs.append(out.getvalue().replace(str(path), "corpus.jsonl"))
    assert outputs[0] == outputs[1]
    assert '"record": 124' in outputs[0]  # the malformed line, numbered across chunks
    assert a.read_bytes() == b.read_bytes() != data


def _run_to_text(path: Path, jobs: int, mode: str = "fix") -> tuple[str, str]:
    out, notices = io.StringIO(), io.StringIO()
    registry = build_registry(load_entry_points=False)
    codes = {"MOJ006", "ENC006"}
    Runner(
        registry,
        Engine([registry.rules[c]() for c in sorted(codes)]),
        codes,
        RunOptions(mode=mode, jobs=jobs),
        JsonLinesReporter(out, registry.rules),
        notices=notices,
    ).run([str(path)])
    return (
        out.getvalue().replace(str(path), "corpus"),
        notices.getvalue().replace(str(path), "corpus"),
    )


def test_a_compressed_jsonl_is_read_here_and_checked_by_workers(tmp_path, monkeypatch):
    """The parent decompresses, workers check chunks: the report, the notices and
    the fixed (recompressed) file are those of one process, and a stream cut
    short is reported where one process reports it, the file left as it was."""
    import gzip

    monkeypatch.setattr(tasks, "CHUNK_BYTES", 2048)
    lines = [
        json.dumps({"id": i, "text": f"第{i}条正文。" + ("零宽\u200b" if i % 5 == 0 else "")})
        for i in range(500)
    ]
    lines.insert(77, "{broken")
    data = ("\n".join(lines) + "\n").encode()
    packed = gzip.compress(data, mtime=0)
    units = list(tasks.read_chunks(str(_write(tmp_path / "probe.jsonl.gz", packed))))
    assert len(units) > 5 and [t.last for t in units].count(True) == 1 and units[-1].last
    assert b"".join(t.data for t in units) == data
    assert sum(t.size for t in units) == len(packed)

    for name, payload in (("whole", packed), ("cut", packed[: len(packed) * 2 // 3])):
        results, files = [], []
        for jobs in (1, 3):
            path = _write(tmp_path / f"{name}-{jobs}.jsonl.gz", payload)
            results.append(_run_to_text(path, jobs))
            files.append(path.read_bytes())
        assert results[0] == results[1], name
        if name == "whole":
            assert gzip.decompress(files[0]) == gzip.decompress(files[1]) != data
            assert '"record": 78' in results[0][0]  # the broken line, numbered across chunks
        else:
            assert files[0] == files[1] == payload  # never replaced by part of itself
            assert "stopped reading after line" in results[1][1]


def _write(path: Path, payload: bytes) -> Path:
    path.write_bytes(payload)
    return path


def test_the_corpus_pass_is_shared_out_and_merged(tmp_path):
    """With -j, workers observe shares of the corpus for the corpus rules (BLP003)
    and the parent merges them: the template line is found as in one process."""
    root = tmp_path / "corpus"
    root.mkdir()
    template = "本文来源于网络，版权归原作者所有，如有侵权请联系删除"
    for i in range(12):
        body = f"第{i}篇文章的正文写的是第{i}件事情，内容各不相同。\n"
        (root / f"page-{i}.txt").write_text(body + template + "\n", encoding="utf-8")
    chunked = [json.dumps({"text": f"记录{i}的正文。\n{template}"}) for i in range(300)]
    (root / "records.jsonl").write_text("\n".join(chunked) + "\n", encoding="utf-8")
    one = _corplint("check", ".", "-j", "1", "--output-format", "json", cwd=root)
    two = _corplint("check", ".", "-j", "2", "--output-format", "json", cwd=root)
    assert one.stdout == two.stdout and one.stderr == two.stderr
    assert sum(f["code"] == "BLP003" for f in json.loads(one.stdout)) >= 12 + 300


class _Progress:
    """What a rich Progress is asked: tasks added and advanced."""

    def __init__(self) -> None:
        self.totals: dict[str, int] = {}
        self.steps: dict[str, list[int]] = {}

    def add_task(self, what: str, total: int | None = None) -> str:
        self.totals[what], self.steps[what] = total or 0, []
        return what

    def update(self, task: str, advance: int) -> None:
        self.steps[task].append(advance)


def test_the_progress_bar_moves_chunk_by_chunk(tmp_path, monkeypatch):
    """With -j, a large JSONL file advances the bar as each chunk is read in the
    corpus pass and as each is checked, not once at its end."""
    monkeypatch.setattr(tasks, "CHUNK_BYTES", 2048)
    path = tmp_path / "big.jsonl"
    path.write_text(
        "".join(json.dumps({"text": f"第{i}条正文。"}) + "\n" for i in range(600)), encoding="utf-8"
    )
    progress = _Progress()
    _runner(codes=["ENC002", "BLP003"], options=RunOptions(jobs=2)).run([str(path)], progress)
    size = path.stat().st_size
    for what in ("corplint: reading the corpus", "corplint: checking"):
        assert progress.totals[what] == size == sum(progress.steps[what])
        assert len([step for step in progress.steps[what] if step]) > 5, what


def test_one_process_moves_the_bar_within_a_jsonl_file(tmp_path, monkeypatch):
    from corplint.engine import records

    monkeypatch.setattr(records, "PROGRESS_STEP", 2048)
    path = tmp_path / "big.jsonl"
    path.write_text(
        "".join(json.dumps({"text": f"第{i}条正文。"}) + "\n" for i in range(600)), encoding="utf-8"
    )
    progress = _Progress()
    _runner().run([str(path)], progress)
    steps = progress.steps["corplint: checking"]
    assert sum(steps) == path.stat().st_size and len([s for s in steps if s]) > 5
