"""The script tables: the fast probes agree with the plain set test on any text,
and corplint's own copy of OpenCC converts as the reference does, whatever is
installed under the name ``opencc``."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corplint.rules._shared.scripts import contains_script, script_sets

HANS, HANT = script_sets()
SAMPLE = sorted(HANS)[:200] + sorted(HANT)[:200] + list("的一是在不了後摺与优中文，。ABC 123\n😀")


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.one_of(st.sampled_from(SAMPLE), st.characters()), max_size=80))
def test_probe_equals_set_test(text):
    assert contains_script(text, "hans") == (not HANS.isdisjoint(text))
    assert contains_script(text, "hant") == (not HANT.isdisjoint(text))


def test_sets_exclude_characters_of_both_scripts():
    assert not {"的", "中", "人", "群", "秘"} & (HANS | HANT)  # 群, 秘: Taiwan's standard
    assert "这" in HANS and "這" in HANT


# ------------------------------------------------- corplint's own OpenCC tables
def _reference():
    """opencc-python-reimplemented's converter, when it is what ``opencc`` imports
    here (the official wheel installs the same module name, with another
    algorithm: not the reference)."""
    try:
        from opencc import OpenCC
    except ImportError:
        return None
    if not hasattr(OpenCC("s2t"), "split_chars_re"):
        return None
    return OpenCC


def _texts(seed: int, count: int) -> list[str]:
    from corplint.rules._shared.scripts import opencc_table

    rng = random.Random(seed)
    chars = sorted(opencc_table("STCharacters.txt")) + sorted(opencc_table("TSCharacters.txt"))
    phrases = sorted(opencc_table("STPhrases.txt")) + sorted(opencc_table("TSPhrases.txt"))
    marks = [*"，。、；：？！“”（）《》 -.,!?\n\u3000", "  ", "abc", "123"]
    out = []
    for _ in range(count):
        pieces = []
        for _ in range(rng.randint(1, 30)):
            roll = rng.random()
            pool = chars if roll < 0.5 else phrases if roll < 0.85 else marks
            pieces.append(rng.choice(pool))
        out.append("".join(pieces))
    return out


@pytest.mark.parametrize("config", ["s2t", "t2s", "s2tw", "s2hk", "tw2s", "hk2s"])
def test_the_converter_converts_as_opencc_python_reimplemented(config):
    reference = _reference()
    if reference is None:
        pytest.skip("opencc-python-reimplemented is not the module named opencc here")
    from corplint.rules._shared.scripts import converter

    ours, theirs = converter(config), reference(config)
    for text in _texts(seed=len(config), count=400):
        assert ours.convert(text) == theirs.convert(text), text


def test_the_tables_are_what_the_build_script_makes(tmp_path):
    if _reference() is None:
        pytest.skip("rebuilding the tables needs opencc-python-reimplemented")
    root = Path(__file__).resolve().parents[2]
    subprocess.run(
        [sys.executable, str(root / "scripts/build_script_tables.py"), "--out", str(tmp_path)],
        check=True,
        capture_output=True,
    )
    shipped = root / "src/corplint/rules/_shared/data/opencc"
    names = sorted(p.name for p in shipped.glob("*.gz"))
    assert names == sorted(p.name for p in tmp_path.glob("*.gz")) and len(names) == 10
    for name in names:
        assert (tmp_path / name).read_bytes() == (shipped / name).read_bytes(), name


def test_corplint_needs_no_module_named_opencc(tmp_path):
    """With ``opencc`` unimportable (removed, or shadowed by another package),
    the script rules still find and fix."""
    blocker = tmp_path / "block"
    blocker.mkdir()
    (blocker / "sitecustomize.py").write_text("import sys\nsys.modules['opencc'] = None\n")
    doc = tmp_path / "mixed.txt"
    doc.write_text(
        "我们今天去图书馆看书，然后回家吃饭。这个城市的经济发展很快，人民生活水平不断提高。"
        "我们的国家越来越强大，大家都很高兴。圖書館裡有很多書籍，學生們都喜歡來這裡看書。\n",
        encoding="utf-8",
    )
    paths = [str(blocker), os.environ.get("PYTHONPATH", "")]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}
    probe = subprocess.run(
        [sys.executable, "-c", "import opencc"], env=env, capture_output=True, text=True
    )
    assert probe.returncode != 0  # the block works
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "corplint",
            "check",
            str(doc),
            "--select",
            "script",
            "--output-format",
            "json",
            "--unsafe-fixes",
            "--fix",
        ],
        env=env,
        capture_output=True,
        text=True,
    )
    assert "Traceback" not in result.stderr, result.stderr
    assert "图书馆里有很多书籍" in doc.read_text(encoding="utf-8")
