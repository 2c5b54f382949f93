"""2025-09 packages judged for real: the spec-written fixture (constants replaced in its
validators and submissions) and the demo's sum package with a 2025-09 problem.yaml."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from appliance.problems.load import load_problem
from appliance.problems.verify import verify
from judge.languages import load_languages
from judge.verdicts import Verdict
from tests.paths import FIXTURES, PACKS

pytestmark = pytest.mark.docker

SUM_2025 = """\
problem_format_version: 2025-09
type: pass-fail
name:
  en: Sum of Two Integers
uuid: 6f2b1c1e-3a4d-4c8e-9a51-2f0c8d7e5b10
version: "1"
credits:
  authors: Podium Authors <podium@example.org>
source:
  name: Podium demo
license: cc0
rights_owner:
embargo_until:
keywords: [easy, arithmetic]
languages: all
allow_file_writing: false
limits:
  time_multipliers: {ac_to_time_limit: 2.0, time_limit_to_tle: 1.5}
  time_resolution: 1.0
  time_limit: 1.0
  memory: 256
  output: 8
"""


def _failures(report) -> list:
    return [c.to_json() for c in [*report.inputs, *report.submissions] if not c.ok]


def test_the_2025_09_fixture_verifies_with_its_constants_replaced(pool, blobs) -> None:
    problem = load_problem(FIXTURES / "packages" / "yaml2025")
    report = verify(problem, pool, blobs, load_languages())
    assert report.ok, (report.errors, _failures(report))
    assert [c.rejected for c in report.inputs] == [()]
    got = {Path(c.path).name: c.got for c in report.submissions}
    assert got == {"bounded.py": Verdict.AC, "bounded.c": Verdict.AC,
                   "off_by_one.py": Verdict.WA, "unknown_constant.py": Verdict.WA}


FORMAT_FOLDERS = {"accepted", "rejected", "wrong_answer", "time_limit_exceeded",
                  "run_time_error", "brute_force"}


def test_the_sum_package_rewritten_as_2025_09_verifies(pool, blobs, tmp_path: Path) -> None:
    package = shutil.copytree(PACKS / "sum", tmp_path / "sum")
    (package / "problem.yaml").write_text(SUM_2025)
    # Podium's own folders (compile_error, ...) are no 2025-09 folders: a 2025-09 package
    # names them in submissions.yaml; this copy keeps the format's folders only
    for folder in (package / "submissions").iterdir():
        if folder.name not in FORMAT_FOLDERS:
            shutil.rmtree(folder)
    problem = load_problem(package)
    assert problem.format_version == "2025-09"
    report = verify(problem, pool, blobs, load_languages())
    assert report.ok, (report.errors, _failures(report))  # every folder's verdict, as before
    kept = [s for s in load_problem(PACKS / "sum").submissions if s.expected in FORMAT_FOLDERS]
    assert len(report.submissions) == len(kept) > 10
