"""Which failed test a team sees whole (input, answer, its output, the first difference):
samples always, a 2025-09 `full_feedback` group, every test of a practice problem whose
keywords say `full-feedback`; never a secret test otherwise, never an interactive input."""

from __future__ import annotations

import shutil
from pathlib import Path

from appliance.contest.visibility import Viewer
from appliance.judging.feedback import failed_test, open_groups
from appliance.problems.load import load_problem
from tests.paths import FIXTURES, REPO

SUM = REPO / "problem_packs" / "sum"
TEAM = Viewer("team", "team001", "team001")


def runs(*rows: tuple[str, str, str | None]) -> list[dict]:
    """Runs as the store keeps them: test name, verdict, kept output."""
    return [{"test_name": name, "verdict": verdict, "output": output,
             "output_size": len(output or "")} for name, verdict, output in rows]


def test_a_failed_sample_shows_input_answer_and_output_with_the_difference() -> None:
    problem = load_problem(SUM)
    shown = failed_test(TEAM, problem, runs(("sample/1", "AC", "3\n"),
                                            ("sample/2", "WA", "-10\n")), practice=False)
    assert shown is not None and shown["test_name"] == "sample/2"
    assert (shown["input"], shown["answer"], shown["stdout"]) == ("-5 5\n", "0\n", "-10\n")
    assert shown["difference"]["output_start"] == 0 and shown["difference"]["line"] == 1


def test_a_failed_secret_test_stays_secret_in_a_contest_and_in_plain_practice() -> None:
    problem = load_problem(SUM)
    failed = runs(("sample/1", "AC", "3\n"), ("sample/2", "AC", "0\n"),
                  ("secret/01", "WA", "7\n"))
    assert failed_test(TEAM, problem, failed, practice=False) is None
    assert failed_test(TEAM, problem, failed, practice=True) is None
    assert failed_test(Viewer("jury"), problem, failed, practice=False)["test_name"] == \
        "secret/01"


def test_a_practice_problem_keyworded_full_feedback_opens_every_test(tmp_path: Path) -> None:
    package = tmp_path / "sum"
    shutil.copytree(SUM, package)
    yaml = package / "problem.yaml"
    yaml.write_text(yaml.read_text().replace("[easy, arithmetic]",
                                             "[easy, arithmetic, full-feedback]"))
    problem = load_problem(package)
    failed = runs(("sample/1", "AC", "3\n"), ("secret/01", "WA", "7\n"))
    assert open_groups(problem, practice=True) == {"secret"}
    shown = failed_test(TEAM, problem, failed, practice=True)
    assert shown is not None and shown["input"] == (package / "data/secret/01.in").read_text()
    assert failed_test(TEAM, problem, failed, practice=False) is None  # the archive's word


def test_a_2025_full_feedback_group_opens_its_tests(tmp_path: Path) -> None:
    package = tmp_path / "guess"
    shutil.copytree(FIXTURES / "packages" / "scoring2025", package)
    with (package / "data" / "secret" / "g2" / "test_group.yaml").open("a") as f:
        f.write("full_feedback: true\n")
    problem = load_problem(package)
    assert open_groups(problem, practice=False) == {"secret/g2"}
    shown = failed_test(TEAM, problem, runs(("secret/g1/1", "WA", "1\n"),
                                            ("secret/g2/1", "WA", "1\n")), practice=False)
    assert shown is not None and shown["test_name"] == "secret/g2/1"


def test_an_interactive_problem_shows_no_input() -> None:
    problem = load_problem(REPO / "problem_packs" / "guessing")
    assert failed_test(TEAM, problem, runs(("sample/1", "WA", "x\n")), practice=True) is None


def test_a_run_judged_before_outputs_were_kept_shows_nothing() -> None:
    assert failed_test(TEAM, load_problem(SUM), runs(("sample/1", "WA", None)),
                       practice=False) is None
