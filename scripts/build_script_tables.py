"""Build corplint's copy of the OpenCC tables it reads.

corplint reads OpenCC's dictionaries (which characters each script writes, and
the phrase tables its Simplified/Traditional conversion uses) but must not
depend at run time on whatever module is installed under the name ``opencc``:
``opencc-python-reimplemented`` and the official ``OpenCC`` wheel both install
one, and removing either breaks the other's users. So the tables are copied
once, from ``opencc-python-reimplemented`` (the project's named dependency,
whose dictionaries are plain text), into corplint's package data, and
``tests/rules/test_script_sets.py`` checks that running this again gives the same
bytes.

    pip install opencc-python-reimplemented==0.1.7
    python scripts/build_script_tables.py
    # writes src/corplint/rules/_shared/data/opencc/<TABLE>.txt.gz
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
from pathlib import Path

TABLES = (
    "STCharacters.txt",
    "STPhrases.txt",
    "TSCharacters.txt",
    "TSPhrases.txt",
    "TWVariants.txt",
    "TWVariantsRev.txt",
    "HKVariants.txt",
    "HKVariantsRev.txt",
    "TWVariantsRevPhrases.txt",
    "HKVariantsRevPhrases.txt",
)
OUT = Path(__file__).resolve().parents[1] / "src/corplint/rules/_shared/data/opencc"


def source_folder() -> Path:
    spec = importlib.util.find_spec("opencc")
    folder = (
        Path(next(iter(spec.submodule_search_locations))) / "dictionary"
        if spec and spec.submodule_search_locations
        else None
    )
    if folder is None or not (folder / "STCharacters.txt").is_file():
        raise SystemExit(
            "the module 'opencc' here is not opencc-python-reimplemented (no text "
            "dictionaries): pip install opencc-python-reimplemented==0.1.7"
        )
    return folder


def build(out: Path) -> None:
    folder = source_folder()
    out.mkdir(parents=True, exist_ok=True)
    for name in TABLES:
        raw = (folder / name).read_bytes()
        # mtime=0: the same input gives the same bytes, which the test checks
        (out / f"{name}.gz").write_bytes(gzip.compress(raw, compresslevel=9, mtime=0))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT, help="folder to write the tables to")
    build(parser.parse_args().out)


if __name__ == "__main__":
    main()
