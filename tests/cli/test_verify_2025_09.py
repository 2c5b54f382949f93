"""`podium package verify` of a 2025-09 package for real: every submission judged on every
test against what submissions.yaml and its folder expect, and the time limit inferred from
the runs that bound it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import main
from tests.paths import FIXTURES

pytestmark = pytest.mark.docker

PACKAGE = FIXTURES / "packages/submissions-2025-09"


def verify(path: Path, data_dir: Path, *args: str):
    return CliRunner().invoke(main, ["package", "verify", str(path), "--data", str(data_dir),
                                     *args])


def test_every_submission_meets_its_expectations_and_the_limit_is_inferred(
        data_dir: Path) -> None:
    result = verify(PACKAGE, data_dir, "--json")
    report = json.loads(result.output)
    assert result.exit_code == 0, result.output
    got = {s["path"].removeprefix("submissions/"): (s["got"], s["ok"])
           for s in report["submissions"]}
    assert got == {"accepted/counting.py": ("AC", True), "accepted/double.py": ("AC", True),
                   "mixed/solves_easy.py": ("TLE", True), "slow_ok/double_slowly.py":
                   ("AC", True), "time_limit_exceeded/forever.py": ("TLE", True),
                   "wa/wrong_on_hard.py": ("WA", True), "wrong_answer/plus_one.py":
                   ("WA", True)}
    bounds = report["time_limit_bounds"]
    assert report["time_limit_computed"]
    # the slowest run that must fit sets it: the smallest whole second over it x 2
    assert bounds["lower_at"].startswith("submissions/accepted/counting.py on secret/hard/")
    assert report["time_limit"] == max(1, -(-bounds["slowest_lower"] * 2 // 1))
    assert bounds["upper_at"].startswith("submissions/") and \
        bounds["fastest_upper"] >= report["time_limit"] * 1.5
    slowest = {s["path"]: s["slowest_test"] for s in report["submissions"]}
    assert slowest["submissions/accepted/counting.py"] == "secret/hard/1"


def test_a_broken_expectation_is_a_fail_line_naming_the_file_and_the_rule(
        tmp_path: Path, data_dir: Path) -> None:
    package = shutil.copytree(PACKAGE, tmp_path / "p")
    for slow in ("accepted/counting.py", "slow_ok", "mixed", "time_limit_exceeded"):
        shutil.rmtree(package / "submissions" / slow, ignore_errors=True)
        (package / "submissions" / slow).unlink(missing_ok=True)
    (package / "submissions/submissions.yaml").write_text(
        "wa:\n  permitted: [AC, WA]\n  required: [WA]\n  message: never said\n"
        "wa/wrong_on_hard.py:\n  secret/hard:\n    permitted: [AC]\n")
    result = verify(package, data_dir)
    assert result.exit_code == 1, result.output
    lines = [line for line in result.output.splitlines() if line.startswith("FAIL ")]
    assert lines == [
        "FAIL submissions/wa/wrong_on_hard.py: wa: message 'never said' in no test's judge "
        "message",
        "FAIL submissions/wa/wrong_on_hard.py: wa/wrong_on_hard.py on secret/hard: WA on "
        "secret/hard/1, permitted AC"], result.output
    assert "time limit 1 s (inferred); slowest that must fit" in " ".join(result.output.split())
