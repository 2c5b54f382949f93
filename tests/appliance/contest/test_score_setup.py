"""Setting up a score contest: its rules read from contest.json, and what it refuses (a
problem that does not score, subtasks whose max_score do not add up, a rule it does not
know), each in one line naming the file and key, with nothing of the contest written."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

from click.testing import CliRunner

from cli.main import main
from tests.paths import PACKS, REPO

FIXTURE = REPO / "tests/fixtures/contests/clics"
PACKAGES = REPO / "tests/fixtures/packages"


def score_package(root: Path, problems: dict[str, Path], **contest: object) -> Path:
    """The CLICS fixture as a score contest of these problem packages (id -> folder)."""
    shutil.copytree(FIXTURE, root)
    data = json.loads((root / "contest.json").read_text())
    data.pop("penalty_time")
    data.update(scoreboard_type="score", **contest)
    (root / "contest.json").write_text(json.dumps(data))
    for stub in ("hello", "sum"):
        shutil.rmtree(root / "problems" / stub)
    (root / "problems.yaml").write_text("".join(
        f"- id: {pid}\n  label: {chr(65 + i)}\n" for i, pid in enumerate(problems)))
    for pid, folder in problems.items():
        shutil.copytree(folder, root / "problems" / pid)
    return root


def contests(data: Path) -> list[tuple]:
    if not (data / "podium.db").exists():
        return []
    with sqlite3.connect(data / "podium.db") as db:
        return db.execute("SELECT id, scoreboard_type, score_mode, score_tiebreak "
                          "FROM contests WHERE id != 'practice'").fetchall()


def test_a_score_contest_keeps_its_rules_and_problems_maxima(tmp_path: Path) -> None:
    data = tmp_path / "data"
    package = score_package(tmp_path / "c", {"guess": PACKAGES / "scoring2025",
                                             "subtasks": PACKAGES / "subtasks"},
                            score_mode="best_submission", score_tiebreak="none")
    result = CliRunner().invoke(main, ["contest", "import", str(package), "--data", str(data)])
    assert result.exit_code == 0, result.output
    assert contests(data) == [("spring24", "score", "best_submission", "none")]
    with sqlite3.connect(data / "podium.db") as db:
        assert db.execute("SELECT id, max_score FROM problems ORDER BY id").fetchall() == [
            ("guess", 100.0), ("subtasks", 100.0)]


def test_a_problem_that_does_not_score_is_refused_and_nothing_written(tmp_path: Path) -> None:
    data = tmp_path / "data"
    package = score_package(tmp_path / "c", {"guess": PACKAGES / "scoring2025",
                                             "sum": PACKS / "sum"})
    result = CliRunner().invoke(main, ["contest", "import", str(package), "--data", str(data)])
    assert result.exit_code == 2
    assert "problem 'sum'" in result.output and "problem.yaml: type: not a scoring problem" \
        in result.output and "scoreboard_type is score" in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert contests(data) == []


def test_subtasks_that_do_not_add_up_are_refused_naming_file_key_and_parts(
        tmp_path: Path) -> None:
    data = tmp_path / "data"
    short = tmp_path / "short"
    shutil.copytree(PACKAGES / "scoring2025", short)
    (short / "data/secret/g2/test_group.yaml").write_text(
        "max_score: 50\nscore_aggregation: sum\noutput_validator_args: [partial]\n")
    package = score_package(tmp_path / "c", {"short": short})
    result = CliRunner().invoke(main, ["contest", "import", str(package), "--data", str(data)])
    assert result.exit_code == 2
    assert ("data/secret/test_group.yaml: max_score: 100, but its subtasks' max_score add up "
            "to 90 (g1 40 + g2 50)") in result.output
    assert contests(data) == []


def test_an_unknown_score_rule_is_refused_naming_contest_json(tmp_path: Path) -> None:
    data = tmp_path / "data"
    package = score_package(tmp_path / "c", {"guess": PACKAGES / "scoring2025"},
                            score_mode="best_ever")
    result = CliRunner().invoke(main, ["contest", "import", str(package), "--data", str(data)])
    assert result.exit_code == 2
    assert "contest.json: score_mode: must be 'best_subtask' or 'best_submission', not " \
        "'best_ever'" in result.output
    assert contests(data) == []


def test_contest_create_scoring_makes_a_score_contest(tmp_path: Path) -> None:
    data = tmp_path / "data"
    result = CliRunner().invoke(main, [
        "contest", "create", "Olympiad", "--scoring", "--score-mode", "best_submission",
        "--problem", str(PACKAGES / "subtasks"), "--teams", "2", "--data", str(data)])
    assert result.exit_code == 0, result.output
    assert contests(data) == [("olympiad", "score", "best_submission", "time")]
    other = tmp_path / "other"
    refused = CliRunner().invoke(main, ["contest", "create", "Cup", "--scoring", "--problem",
                                        str(PACKS / "hello"), "--data", str(other)])
    assert refused.exit_code == 2 and "not a scoring problem" in refused.output
    assert contests(other) == []


def test_an_exported_score_contest_imports_back_with_its_rules(tmp_path: Path) -> None:
    data, again = tmp_path / "data", tmp_path / "again"
    created = CliRunner().invoke(main, [
        "contest", "create", "Olympiad", "--scoring", "--score-mode", "best_submission",
        "--score-tiebreak", "none", "--problem", str(PACKAGES / "subtasks"), "--teams", "2",
        "--data", str(data)])
    assert created.exit_code == 0, created.output
    out = tmp_path / "olympiad.zip"
    exported = CliRunner().invoke(main, ["export", "olympiad", "--out", str(out), "--data",
                                         str(data)])
    assert exported.exit_code == 0, exported.output
    unpacked = tmp_path / "unpacked"
    shutil.unpack_archive(out, unpacked)
    contest = json.loads((unpacked / "contest.json").read_text())
    assert contest["scoreboard_type"] == "score" and "penalty_time" not in contest
    imported = CliRunner().invoke(main, ["contest", "import", str(unpacked), "--data",
                                         str(again)])
    assert imported.exit_code == 0, imported.output
    assert contests(again) == [("olympiad", "score", "best_submission", "none")]
