"""Spam and boilerplate rules: vocabulary hygiene, the fast term matcher, the
corpus pass of the template-line rule, and ``--fix`` on the seeds."""

from __future__ import annotations

import difflib
import json
import os
import random
import re
import shutil
import subprocess
import sys

from hypothesis import given
from hypothesis import strategies as st

from corplint.core.document import Document
from corplint.rules._shared.lexicon import compile_terms, package_terms
from corplint.rules.boilerplate import TemplateLine
from corplint.rules.spam.terms import STRONG_LISTS, WEAK_LIST


def _shipped_terms() -> list[str]:
    return [
        t.lower()
        for name in (*STRONG_LISTS, WEAK_LIST)
        for t in package_terms("corplint.rules.spam", name)
    ]


def test_held_back_vocabulary_is_in_no_shipped_list():
    """The benchmark's unlisted-spam kind measures generalisation only if no
    shipped term occurs in any held-back word (or the other way round)."""
    from benchmarks.quality import damage_web as w

    held_back = (
        w.HELD_BACK_GAMES
        + w.HELD_BACK_BRANDS
        + w.HELD_BACK_SEO
        + w.HELD_BACK_ADULT
        + w.HELD_BACK_ITEMS
    )
    shipped = _shipped_terms()
    clashes = [(h, s) for h in held_back for s in shipped if s in h.lower() or h.lower() in s]
    assert clashes == []
    # and a phrase built from two held-back words holds no shipped term either
    pattern = compile_terms(shipped)
    joined = [a + b for a in held_back for b in held_back]
    assert [j for j in joined if pattern.search(j)] == []


@given(
    st.lists(st.text(alphabet="百家乐老虎机官网ab", min_size=1, max_size=4), max_size=8),
    st.text(alphabet="百家乐老虎机官网ab的了", max_size=40),
)
def test_trie_pattern_finds_what_a_plain_search_finds(words, text):
    """The trie-built regex matches, at every position, the longest listed word."""
    pattern = compile_terms(words)
    for i in range(len(text)):
        m = pattern.match(text, i)
        longest = max((w for w in set(words) if text.startswith(w, i)), key=len, default=None)
        assert (m.group() if m else None) == longest


def test_template_line_is_found_with_a_bounded_table():
    """A line planted in 5% of 2,000 documents is reported in each of them, while
    the table never holds more than ``table-size`` lines."""
    rng = random.Random(7)
    alphabet = "".join(chr(c) for c in range(0x4E00, 0x4E00 + 600))
    target = "本文来源于网络，版权归原作者所有，如有侵权请联系删除"
    rule = TemplateLine(**{"min-documents": 80, "table-size": 3000})
    docs = []
    for i in range(2000):
        lines = [
            "".join(rng.choice(alphabet) for _ in range(rng.randint(12, 30))) for _ in range(5)
        ]
        if i % 20 == 0:
            lines.insert(rng.randint(0, 5), target)
        docs.append(Document("\n".join(lines) + "\n"))
    peak = 0
    for doc in docs:
        rule.observe(doc)
        peak = max(peak, len(rule.counts))
    assert peak <= 3000 + 6  # one document's lines over the bound, then pruned
    assert rule.floor > 0, "the table never filled: the bound was not exercised"
    reported = [f for d in docs for f in rule.check(d)]
    assert len(reported) == 100
    assert all(
        docs[0].text is not None and "documents of the corpus" in f.message for f in reported
    )
    text_of = {id(f): None for f in reported}
    assert len(text_of) == 100


def _corplint(args: list[str], cwd, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "corplint", *args, "--no-progress"],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        env={**os.environ, "NO_COLOR": "1"},
    )


def test_template_lines_are_counted_on_stdin(tmp_path):
    """The corpus pass reads standard input once and checks what it buffered."""
    records = [
        json.dumps({"id": i, "text": f"第{i}篇正文内容。\n欢迎关注本站公众号获取更多精彩内容"})
        for i in range(4)
    ]
    data = ("\n".join(records) + "\n").encode()
    (tmp_path / "pyproject.toml").write_text(
        "[tool.corplint.rules.BLP003]\nmin-documents = 4\n", encoding="utf-8"
    )
    result = _corplint(
        [
            "check",
            "-",
            "--stdin-filename",
            "c.jsonl",
            "--select",
            "BLP003",
            "--output-format",
            "json",
        ],
        tmp_path,
        data,
    )
    findings = json.loads(result.stdout)
    assert result.returncode == 1, result.stderr
    assert sorted(f["record"] for f in findings) == [1, 2, 3, 4]


def test_extra_words_file_adds_terms(tmp_path):
    words = tmp_path / "words.txt"
    words.write_text("# my list\n鸿福骰子\n", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.corplint.rules.SPM002]\nextra-words = ["{words.as_posix()}"]\n', encoding="utf-8"
    )
    (tmp_path / "a.txt").write_text(
        "据消息，鸿福骰子今年全省的降雨量明显偏多，各地要提前做好防汛准备工作。\n", encoding="utf-8"
    )
    result = _corplint(["check", "a.txt", "--select", "SPM002"], tmp_path)
    assert result.returncode == 1, result.stderr
    assert "鸿福骰子" in result.stdout.decode()


def test_unreadable_extra_words_names_the_option(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.corplint.rules.SPM001]\nextra-words = ["missing.txt"]\n', encoding="utf-8"
    )
    (tmp_path / "a.txt").write_text("正文。\n", encoding="utf-8")
    result = _corplint(["check", "a.txt"], tmp_path)
    err = result.stderr.decode()
    assert result.returncode == 2
    assert "extra-words" in err and "missing.txt" in err and "Traceback" not in err


def _labels(seeds) -> list[dict]:
    from corplint.config.settings import tomllib

    labels = tomllib.loads((seeds / "expected.toml").read_text(encoding="utf-8"))
    return [d for d in labels["defect"] if d["category"] in ("spam", "boilerplate")]


def test_fix_on_seeds_deletes_spam_and_boilerplate_lines_only(seeds, tmp_path):
    """``--fix`` removes whole spam and boilerplate lines (or HTML paragraphs) that
    are labelled, or that continue a labelled block, and changes nothing else."""
    work = tmp_path / "seeds"
    shutil.copytree(seeds, work)
    result = _corplint(["check", "--fix", "--select", "SPM,BLP", "."], work)
    assert "Traceback" not in result.stderr.decode()
    labels = _labels(seeds)
    for seed in sorted(seeds.glob("*.txt")):
        before = seed.read_text(encoding="utf-8")
        after = (work / seed.name).read_text(encoding="utf-8")
        spans = []
        for label in (x for x in labels if x["seed"] == seed.name):
            if "evidence" in label:
                start = before.index(label["evidence"])
                spans.append((start, start + len(label["evidence"])))
            else:
                lines = before.split("\n")
                start = sum(len(x) + 1 for x in lines[: label["line"] - 1])
                spans.append((start, start + len(lines[label["line"] - 1])))
        matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
        removed = []
        for op, i1, i2, _j1, _j2 in matcher.get_opcodes():
            assert op in ("equal", "delete"), f"{seed.name}: --fix did more than delete"
            if op == "delete":
                removed.append((i1, i2))
        for i1, i2 in removed:
            chunk = before[i1:i2]
            # whole lines (difflib may align the cut one line break early)
            whole_line = (i1 == 0 or before[i1 - 1] == "\n" or chunk.startswith("\n")) and (
                i2 == len(before) or chunk.endswith("\n") or before[i2] == "\n"
            )
            # whole HTML paragraphs (difflib may align the cut a tag early or late)
            paragraphs = chunk.count("<p>") == chunk.count("</p>") > 0 and not re.search(
                r"<(?!/?p>)", chunk
            )
            assert whole_line or paragraphs, (seed.name, chunk)
        # every whole-line label is gone
        for start, end in spans:
            line_start = before.rfind("\n", 0, start) + 1
            line_end = before.find("\n", end)
            line = before[line_start : line_end if line_end >= 0 else len(before)]
            if line.strip() == before[start:end].strip():
                assert line.strip() not in after, (seed.name, line[:40])
        # and every deletion touches a labelled span or the block around one
        if removed:
            labelled = [r for r in removed if any(s < r[1] and r[0] < e for s, e in spans)]
            assert labelled, f"{seed.name}: deleted lines none of which is labelled"
            first, last = labelled[0][0], labelled[-1][1]
            stray = [r for r in removed if r[1] < first - 200 or r[0] > last + 200]
            assert stray == [], f"{seed.name}: deleted text far from any label"


@given(
    st.lists(
        st.text(alphabet="百家乐老虎机官网ab", min_size=1, max_size=4), min_size=1, max_size=8
    ),
    st.text(alphabet="百家乐老虎机官网ab的了", max_size=40),
)
def test_rare_anchored_pattern_finds_every_word_occurrence(words, text):
    """Anchoring each word on its rarest character finds a word exactly where a
    plain search does (the match sits inside the word)."""
    from corplint.rules._shared.lexicon import rare_anchored

    pattern = rare_anchored(words, lambda ch: "百家乐老虎机官网ab".find(ch))
    found = {m.start() for m in pattern.finditer(text)}
    occurs = any(w in text for w in words)
    assert bool(found) == occurs
