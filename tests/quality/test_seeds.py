"""The hand-labelled seed corpus beside the repository (skipped where it is absent).

Seeds are examples of damage, never rule data: this test only measures the
shipped rules against their labels.
"""

from __future__ import annotations

import os
import subprocess
import sys

from corplint.config.registry import build_registry


def test_check_seeds_exits_1_without_traceback(seeds):
    result = subprocess.run(
        [sys.executable, "-m", "corplint", "check", str(seeds), "--no-progress"],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_labelled_defects_of_shipped_categories_are_caught(seeds):
    """Every seed label whose category has a shipped rule is caught (or, for
    [[clean]] passages, left alone)."""
    from benchmarks.quality.seeds import evaluate

    # the categories whose rule family has landed whole; extend as families land
    # (script has its pinyin rule but not yet its mixed-script rule)
    complete = {"encoding", "markup", "mojibake"}
    categories = {rule.category for rule in build_registry().rules.values()} & complete
    measured = [r for r in evaluate(seeds) if r.category in categories]
    assert measured, "no label of a shipped category: nothing was measured"
    wrong = [r for r in measured if not r.ok]
    assert wrong == []


def test_seed_002_shifted_passage_is_repaired_to_the_original(seeds):
    from corplint.core.document import Document
    from corplint.rules.mojibake import ShiftedDoubleByte

    text = (seeds / "002_ba94b559fe41dc60.txt").read_text(encoding="utf-8")
    damaged = "?!薄澳睦锶硕?"
    start = text.index(damaged)
    found = [f for f in ShiftedDoubleByte().check(Document(text)) if f.start <= start < f.end]
    assert found, "the shifted passage of seed 002 is not reported"
    (edit,) = found[0].fix.edits
    fixed = text[: edit.start] + edit.replacement + text[edit.end :]
    assert fixed[start - 2 : start + 10].startswith("待命。”“哪里人多，我們")


def test_seed_002_pinyin_annotations_are_all_removed(seeds):
    import re

    from corplint.core.document import Document
    from corplint.core.finding import Applicability
    from corplint.engine.engine import Engine
    from corplint.rules.script import PinyinAnnotations

    text = (seeds / "002_ba94b559fe41dc60.txt").read_text(encoding="utf-8")
    fixed = Engine([PinyinAnnotations()]).fix(Document(text), frozenset({Applicability.SAFE}))
    left = re.findall(r"[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}[1-5]?[)）]", fixed.document.text)
    assert left == []
    assert "網站首頁" in fixed.document.text


def test_digits_rules_leave_clean_passages_and_find_stripped_documents(seeds):
    """The digits family is not complete at site level (see issue 6), but what it
    says must hold: no [[clean]] digits passage is flagged, and each seed whose
    labels say its digits were stripped is reported as a whole document."""
    import json

    from benchmarks.quality.seeds import evaluate

    results = [r for r in evaluate(seeds) if r.category == "digits"]
    assert [r for r in results if not r.expected and r.flagged] == []
    stripped = {r.seed for r in results if r.expected}
    assert stripped, "no digits label in the seeds"
    command = ["check", str(seeds), "--select", "DIG003", "--output-format", "json"]
    out = subprocess.run(
        [sys.executable, "-m", "corplint", *command, "--no-progress"],
        capture_output=True,
        text=True,
    )
    reported = {os.path.basename(f["path"]) for f in json.loads(out.stdout)}
    assert stripped <= reported


def test_no_seed_text_in_rule_code_or_data(seeds):
    """Rules must generalise: no run of six Chinese characters from a seed may
    appear in the package, its word lists or the rule specs."""
    import re
    from pathlib import Path

    run = re.compile(r"[\u4e00-\u9fff]{6,}")
    grams = set()
    for path in seeds.glob("*.txt"):
        for m in run.finditer(path.read_text(encoding="utf-8", errors="replace")):
            grams.update(m.group()[i : i + 6] for i in range(len(m.group()) - 5))
    root = Path(__file__).resolve().parents[2]
    found = []
    for folder in ("src", "rules"):
        for path in (root / folder).rglob("*"):
            if path.suffix in (".py", ".txt", ".toml", ".md", ".json"):
                for m in run.finditer(path.read_text(encoding="utf-8", errors="replace")):
                    text = m.group()
                    found += [
                        (path.name, text[i : i + 6])
                        for i in range(len(text) - 5)
                        if text[i : i + 6] in grams
                    ]
    assert found == []
