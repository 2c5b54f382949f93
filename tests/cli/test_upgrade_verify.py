"""`podium package upgrade` for real: sum, the legacy interactive guess and a legacy package
with a custom output validator verify with the same verdict per submission before and after
(`podium package verify --json`)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from appliance.problems.load import load_problem
from cli.main import main
from tests.cli.test_verify import make_divisor_package
from tests.paths import FIXTURES, PACKS

pytestmark = pytest.mark.docker


def small_sum(root: Path) -> Path:
    """problem_packs/sum with a few of its submissions, to keep the suite quick."""
    shutil.copytree(PACKS / "sum", root)
    keep = {"sum.py", "sum.c", "sum_difference.py", "sum_sleep.py", "sum_raise.py"}
    for file in (root / "submissions").rglob("*"):
        if file.is_file() and file.name not in keep:
            file.unlink()
    for folder in (root / "submissions").iterdir():
        if not any(folder.iterdir()):
            folder.rmdir()
    return root


def verdicts(path: Path, data_dir: Path) -> dict[str, str | None]:
    result = CliRunner().invoke(main, ["package", "verify", str(path), "--json",
                                       "--data", str(data_dir)])
    report = json.loads(result.output)
    return {s["path"]: s["got"]
            for s in report["submissions"]}


@pytest.mark.parametrize("make", [
    small_sum,
    lambda root: shutil.copytree(FIXTURES / "packages/guess", root) and root,
    lambda root: make_divisor_package(root, time_limit=True),
], ids=["sum", "guess-interactive", "divisor-custom-validator"])
def test_an_upgraded_package_verifies_the_same(make, tmp_path: Path, data_dir: Path) -> None:
    package = make(tmp_path / "old")
    result = CliRunner().invoke(main, ["package", "upgrade", str(package), "--out",
                                       str(tmp_path / "new")])
    assert result.exit_code == 0, result.output
    assert load_problem(tmp_path / "new").format_version == "2025-09"
    before, after = verdicts(package, data_dir), verdicts(tmp_path / "new", data_dir)
    assert before and after == before
    assert "AC" in before.values() and len(set(before.values())) > 1


def test_an_upgraded_scoring_package_scores_the_same(tmp_path: Path, data_dir: Path) -> None:
    """The legacy subtasks (accept_score, grader_flags min) as 2025-09 max_score and
    score_aggregation: each submission's score is what it was."""
    new = tmp_path / "new"
    result = CliRunner().invoke(main, ["package", "upgrade",
                                       str(FIXTURES / "packages/subtasks"), "--out", str(new)])
    assert result.exit_code == 0, result.output

    def scores(path: Path) -> dict[str, float | None]:
        out = CliRunner().invoke(main, ["package", "verify", str(path), "--json",
                                        "--parts", "submissions", "--data", str(data_dir)])
        return {s["path"]: s["score"] for s in json.loads(out.output)["submissions"]}
    before = scores(FIXTURES / "packages/subtasks")
    assert before == scores(new)
    assert sorted(before.values()) == [0, 40, 100]
