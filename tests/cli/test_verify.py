"""`podium package verify` for real: input validators, every submission judged against its
folder's expectation, the time limit computed when the package gives none."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from appliance.problems.load import load_problem
from appliance.problems.verify import progress_steps
from appliance.problems.verify import verify as verify_problem
from cli.main import main
from judge.languages import load_languages
from tests.paths import PACKS, REPO

pytestmark = pytest.mark.docker

DIVISOR = REPO / "tests/fixtures/cases/divisor"


def make_divisor_package(root: Path, *, time_limit: bool) -> Path:
    """Print a proper divisor of n: a custom output validator, an input validator, and
    submissions of each kind."""
    (root / "data/sample").mkdir(parents=True)
    (root / "data/secret").mkdir(parents=True)
    for folder, cases in (("sample", [12]), ("secret", [91, 1001, 4, 221])):
        for i, n in enumerate(cases, 1):
            (root / f"data/{folder}/{i}.in").write_text(f"{n}\n")
            smallest = min(d for d in range(2, n) if n % d == 0)
            (root / f"data/{folder}/{i}.ans").write_text(f"{smallest}\n")
    limits = "limits:\n  time_limit: 2\n" if time_limit else ""
    (root / "problem.yaml").write_text(f"name: Divisor\nvalidation: custom\n{limits}")
    (root / "output_validators/checker").mkdir(parents=True)
    shutil.copy(DIVISOR / "validator.cpp", root / "output_validators/checker/checker.cpp")
    (root / "input_validators").mkdir()
    (root / "input_validators/validate.py").write_text(
        "import sys\nn = int(sys.stdin.read())\nsys.exit(42 if 4 <= n <= 10**6 else 43)\n")
    for folder, source in (("accepted", "smallest.py"), ("accepted", "largest.py"),
                           ("wrong_answer", "itself.py")):
        (root / "submissions" / folder).mkdir(parents=True, exist_ok=True)
        shutil.copy(DIVISOR / source, root / "submissions" / folder / source)
    (root / "submissions/time_limit_exceeded").mkdir()
    (root / "submissions/time_limit_exceeded/spin.py").write_text("while True:\n    pass\n")
    (root / "submissions/accepted/prolog.pl2").write_text("% a language Podium lacks\n")
    return root


def verify(path: Path, data_dir: Path, *args: str):
    result = CliRunner().invoke(main, ["package", "verify", str(path), "--json",
                                       "--data", str(data_dir), *args])
    return result, (json.loads(result.output) if result.output.startswith("{") else None)


def test_a_good_package_verifies(tmp_path: Path, data_dir: Path) -> None:
    result, report = verify(make_divisor_package(tmp_path / "p", time_limit=True), data_dir)
    assert result.exit_code == 0, result.output
    assert report["ok"] and report["time_limit"] == 2
    got = {s["path"]: s["got"] for s in report["submissions"]}
    assert got == {"submissions/accepted/smallest.py": "AC",
                   "submissions/accepted/largest.py": "AC",
                   "submissions/accepted/prolog.pl2": None,
                   "submissions/wrong_answer/itself.py": "WA",
                   "submissions/time_limit_exceeded/spin.py": "TLE"}
    skipped = next(s for s in report["submissions"] if s["got"] is None)
    assert skipped["skipped"] and skipped["ok"]
    assert report["input_validators"] == [{"validator": "input_validators/validate.py",
                                           "rejected": [], "error": None, "skipped": None,
                                           "ok": True, "invalid_refused": [],
                                           "invalid_accepted": []}]
    assert report["output_validator"] == []  # no validation outputs in this package


def test_the_time_limit_is_computed_from_the_slowest_accepted(tmp_path: Path,
                                                               data_dir: Path) -> None:
    result, report = verify(make_divisor_package(tmp_path / "p", time_limit=False), data_dir,
                            "--parts", "submissions")
    assert result.exit_code == 0, result.output
    assert report["time_limit_computed"] and report["time_limit"] >= 1
    assert report["input_validators"] == []


@pytest.mark.parametrize("time_limit", [True, False])
def test_progress_steps_counts_every_progress_call(tmp_path: Path, pool, blobs,
                                                   time_limit: bool) -> None:
    problem = load_problem(make_divisor_package(tmp_path / "p", time_limit=time_limit))
    calls: list[str] = []
    verify_problem(problem, pool, blobs, load_languages(), progress=calls.append)
    assert len(calls) == progress_steps(problem) == 6 + (0 if time_limit else 3)


def test_a_submission_in_the_wrong_folder_fails_verification(tmp_path: Path,
                                                              data_dir: Path) -> None:
    package = make_divisor_package(tmp_path / "p", time_limit=True)
    shutil.copy(DIVISOR / "itself.py", package / "submissions/accepted/itself.py")
    result, report = verify(package, data_dir, "--parts", "submissions")
    assert result.exit_code == 1
    bad = [s for s in report["submissions"] if not s["ok"]]
    assert [(s["path"], s["got"]) for s in bad] == [("submissions/accepted/itself.py", "WA")]


def test_invalid_test_data_is_reported_by_the_input_validator(tmp_path: Path,
                                                               data_dir: Path) -> None:
    package = make_divisor_package(tmp_path / "p", time_limit=True)
    (package / "data/secret/9.in").write_text("2\n")
    (package / "data/secret/9.ans").write_text("2\n")
    result, report = verify(package, data_dir, "--parts", "input")
    assert result.exit_code == 1
    assert report["input_validators"][0]["rejected"][0].startswith("data/secret/9.in: ")


def test_an_output_validator_that_does_not_compile_is_named(tmp_path: Path,
                                                             data_dir: Path) -> None:
    package = make_divisor_package(tmp_path / "p", time_limit=True)
    (package / "output_validators/checker/checker.cpp").write_text("int main( {}\n")
    result, report = verify(package, data_dir)
    assert result.exit_code == 1
    assert "output_validators/checker" in report["errors"][0]
    assert "does not compile" in report["errors"][0]
    # nothing judged without it: no submission, and the input checks begun beside its
    # build are dropped, not reported half
    assert report["submissions"] == [] and report["input_validators"] == []


def test_the_sum_package_verifies(data_dir: Path) -> None:
    result, report = verify(PACKS / "sum", data_dir)
    assert result.exit_code == 0, result.output
    assert {s["got"] for s in report["submissions"]} >= {"AC", "WA", "TLE", "RTE"}


def test_a_groups_own_validator_flags_apply_to_its_tests(tmp_path: Path,
                                                         data_dir: Path) -> None:
    package = tmp_path / "p"
    for group, given, answer in (("exact", "2", "2"), ("approx", "1", "1.0")):
        (package / "data/secret" / group).mkdir(parents=True)
        (package / f"data/secret/{group}/1.in").write_text(given + "\n")
        (package / f"data/secret/{group}/1.ans").write_text(answer + "\n")
    (package / "data/secret/approx/testdata.yaml").write_text(
        "output_validator_flags: float_tolerance 1e-3\n")
    (package / "problem.yaml").write_text("name: Groups\nlimits:\n  time_limit: 1\n")
    (package / "submissions/accepted").mkdir(parents=True)
    (package / "submissions/accepted/near.py").write_text(
        "n = int(input())\nprint(n if n == 2 else n + 0.0001)\n")
    (package / "submissions/wrong_answer").mkdir(parents=True)
    (package / "submissions/wrong_answer/far.py").write_text(
        "n = int(input())\nprint(n if n == 2 else n + 0.01)\n")
    result, report = verify(package, data_dir, "--parts", "submissions")
    assert result.exit_code == 0, result.output
    assert {s["path"]: s["got"] for s in report["submissions"]} == {
        "submissions/accepted/near.py": "AC", "submissions/wrong_answer/far.py": "WA"}


def test_a_groups_input_validator_flags_reach_the_input_validator(tmp_path: Path,
                                                                   data_dir: Path) -> None:
    package = tmp_path / "p"
    for group in ("big", "small"):
        (package / "data/secret" / group).mkdir(parents=True)
        (package / f"data/secret/{group}/1.in").write_text("9\n")
        (package / f"data/secret/{group}/1.ans").write_text("9\n")
    (package / "data/secret/small/testdata.yaml").write_text("input_validator_flags: max=5\n")
    (package / "problem.yaml").write_text("name: Flags\nlimits:\n  time_limit: 1\n")
    (package / "input_validators").mkdir()
    (package / "input_validators/bounds.py").write_text(
        "import sys\n"
        "limit = int(dict(a.split('=') for a in sys.argv[1:]).get('max', 10**9))\n"
        "sys.exit(42 if int(sys.stdin.read()) <= limit else 43)\n")
    result, report = verify(package, data_dir, "--parts", "input")
    assert result.exit_code == 1
    rejected = report["input_validators"][0]["rejected"]
    assert [r.split(":")[0] for r in rejected] == ["data/secret/small/1.in"]


LONG_REASON = "n must be at least 4 and at most 10**6; " + "this message is long " * 8


def test_every_failure_is_a_line_naming_its_file_and_why_even_piped(tmp_path: Path,
                                                                     data_dir: Path) -> None:
    """A rejection with a message shows it whole; one without says the exit code; a
    mismatching submission names what failed. Piped (CliRunner's stdout is no terminal),
    nothing is cut at 80 columns."""
    package = make_divisor_package(tmp_path / "p", time_limit=True)
    (package / "input_validators/validate.py").write_text(
        "import sys\nn = int(sys.stdin.read())\n"
        f"if n == 10**6 + 1:\n    print({LONG_REASON!r}, file=sys.stderr)\n"
        "sys.exit(42 if 4 <= n <= 10**6 else 43)\n")
    for name, n in (("08-big", 10**6 + 1), ("09-bigger", 10**6 + 2)):  # the judges' answers
        (package / f"data/secret/{name}.in").write_text(f"{n}\n")
        (package / f"data/secret/{name}.ans").write_text(
            f"{min(d for d in range(2, n) if n % d == 0)}\n")
    shutil.copy(DIVISOR / "itself.py", package / "submissions/accepted/itself.py")
    result = CliRunner().invoke(main, ["package", "verify", str(package),
                                       "--data", str(data_dir)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert ("FAIL input_validators/validate.py rejected data/secret/08-big.in: "
            + LONG_REASON.strip()) in lines
    assert ("FAIL input_validators/validate.py rejected data/secret/09-bigger.in: "
            "exit code 43 (42 accepts), no message") in lines
    mismatch = next(line for line in lines
                    if line.startswith("FAIL submissions/accepted/itself.py: "))
    assert mismatch.startswith("FAIL submissions/accepted/itself.py: expected AC, got WA — ")
    assert len(mismatch) > len("FAIL submissions/accepted/itself.py: expected AC, got WA — ")
    assert "Divisor: 3 problem(s)" in result.output
    assert not any(line.endswith("…") for line in lines), result.output


def test_a_legacy_partially_accepted_submission_is_ac_with_a_partial_score(
        data_dir: Path) -> None:
    """The default grader with accept_if_any_accepted and ignore_sample: a solution of the
    first subtask only is AC with 40 of 100 points; a wrong one is still WA."""
    result, report = verify(REPO / "tests/fixtures/packages/subtasks", data_dir)
    assert result.exit_code == 0, result.output
    got = {s["path"]: (s["got"], s["score"], s["max_score"]) for s in report["submissions"]}
    assert got == {"submissions/accepted/sum.py": ("AC", 100, 100),
                   "submissions/partially_accepted/small_only.py": ("AC", 40, 100),
                   "submissions/wrong_answer/zero.py": ("WA", 0, 100)}
    assert report["warnings"] == []


DIVISOR_CTD = "INT(4, 1000000) NEWLINE EOF\n"
CITIES_CTD = "REP(4, SPACE) INT(-1000, 1000) END NEWLINE EOF\n"


@pytest.mark.parametrize("version", ["legacy", "2023-07"])
def test_checktestdata_validators_run_on_every_input(tmp_path: Path, data_dir: Path,
                                                     version: str) -> None:
    """A .ctd grammar is an input validator like any other, in either package format: it
    accepts the good inputs and names the bad one."""
    if version == "legacy":
        package, grammar = make_divisor_package(tmp_path / "p", time_limit=True), DIVISOR_CTD
        bad = "3\n"
    else:
        package, grammar = tmp_path / "cities", CITIES_CTD
        shutil.copytree(REPO / "tests/fixtures/packages/cities", package)
        bad = "0 0 1\n"
    (package / "input_validators/format.ctd").write_text(grammar)
    result, report = verify(package, data_dir, "--parts", "input")
    assert result.exit_code == 0, result.output
    checks = {c["validator"]: c for c in report["input_validators"]}
    assert checks["input_validators/format.ctd"]["ok"], checks
    assert checks["input_validators/format.ctd"]["skipped"] is None

    (package / "data/secret/9.in").write_text(bad)
    (package / "data/secret/9.ans").write_text("0\n")
    result, report = verify(package, data_dir, "--parts", "input")
    assert result.exit_code == 1
    checks = {c["validator"]: c for c in report["input_validators"]}
    assert [r.split(":")[0] for r in checks["input_validators/format.ctd"]["rejected"]] == [
        "data/secret/9.in"]
