"""Contest set-up into the real store: a CLICS contest package, or a quick contest."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from appliance.passwords import verify_password
from cli.main import main
from tests.paths import PACKS, REPO

FIXTURE = REPO / "tests/fixtures/contests/clics"


def contest_package(root: Path) -> Path:
    """The CLICS fixture with real problem packages in place of its stubs."""
    shutil.copytree(FIXTURE, root)
    for problem in ("hello", "sum"):
        shutil.rmtree(root / "problems" / problem)
        shutil.copytree(PACKS / problem, root / "problems" / problem)
    return root


def rows(data: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(data / "podium.db") as db:
        return db.execute(sql).fetchall()


def invoke(*args: str):
    return CliRunner().invoke(main, list(args))


def test_a_contest_package_is_imported_with_its_events(tmp_path: Path) -> None:
    data = tmp_path / "data"
    result = invoke("contest", "import", str(contest_package(tmp_path / "c")), "--data",
                    str(data))
    assert result.exit_code == 0, result.output
    assert result.output.startswith("spring24: 2 problems, 2 teams")
    assert rows(data, "SELECT id, duration, scoreboard_freeze_duration, penalty_time "
                      "FROM contests WHERE id != 'practice'") == [("spring24", 18000, 3600, 1200)]
    assert rows(data, "SELECT label, id FROM problems ORDER BY ordinal") == [("A", "hello"),
                                                                          ("B", "sum")]
    assert dict(rows(data, "SELECT type, count(*) FROM events GROUP BY type")) == {
        "contests": 1, "problems": 2, "organizations": 2, "groups": 2, "teams": 2}
    (stored,), = rows(data, "SELECT password_hash FROM accounts WHERE username = 'team1'")
    assert verify_password(stored, "till-wise-under")
    assert not verify_password(stored, "wrong")


def test_importing_the_same_contest_twice_changes_nothing(tmp_path: Path) -> None:
    package, data = contest_package(tmp_path / "c"), tmp_path / "data"
    assert invoke("contest", "import", str(package), "--data", str(data)).exit_code == 0
    events = rows(data, "SELECT count(*) FROM events")
    again = invoke("contest", "import", str(package), "--data", str(data))
    assert again.exit_code == 2 and "already imported" in again.output
    assert rows(data, "SELECT count(*) FROM events") == events


def test_a_broken_problem_package_leaves_no_contest_behind(tmp_path: Path) -> None:
    package, data = contest_package(tmp_path / "c"), tmp_path / "data"
    (package / "problems/sum/data/secret/01.ans").unlink()
    result = invoke("contest", "import", str(package), "--data", str(data))
    assert result.exit_code == 2 and "01.in: has no answer file" in result.output
    assert not (data / "podium.db").exists() or rows(
        data, "SELECT * FROM contests WHERE id != 'practice'") == []


def test_a_quick_contest_prints_logins_that_work(tmp_path: Path) -> None:
    data = tmp_path / "data"
    result = invoke("contest", "create", "Demo Cup", "--problem", str(PACKS / "sum"),
                    "--problem", str(PACKS / "hello"), "--teams", "3", "--data", str(data))
    assert result.exit_code == 0, result.output
    lines = [line.split("│") for line in result.output.splitlines() if "team00" in line
             or "jury" in line or "admin" in line]
    logins = {cells[1].strip(): cells[3].strip() for cells in lines}
    assert set(logins) == {"team001", "team002", "team003", "jury", "admin"}
    for username, password in logins.items():
        (stored,), = rows(data, f"SELECT password_hash FROM accounts WHERE username = "
                                f"'{username}'")
        assert verify_password(stored, password)
    assert rows(data, "SELECT label, id FROM problems ORDER BY ordinal") == [("A", "sum"),
                                                                          ("B", "hello")]


@pytest.mark.parametrize("teams", ["0", "x"])
def test_a_quick_contest_needs_a_team_count(tmp_path: Path, teams: str) -> None:
    result = invoke("contest", "create", "X", "--problem", str(PACKS / "sum"), "--teams",
                    teams, "--data", str(tmp_path))
    assert result.exit_code == 2


def test_problems_yaml_time_limit_is_stored_and_bad_file_names_only_warn(tmp_path: Path) -> None:
    """DOMjudge's time limits live in problems.yaml; its example `hello` holds a submission
    named `test-file name#\\.bogus ext`, which the format says to treat as absent."""
    package, data = contest_package(tmp_path / "c"), tmp_path / "data"
    (package / "problems.yaml").write_text(
        (package / "problems.yaml").read_text().replace("time_limit: 2", "time_limit: 3.5"))
    bogus = package / "problems/hello/submissions/compiler_error/test-file name#\\.bogus ext"
    bogus.parent.mkdir(parents=True, exist_ok=True)
    bogus.write_text("int main(\n")
    result = invoke("contest", "import", str(package), "--data", str(data))
    assert result.exit_code == 0, result.output
    assert "test-file name#\\\\.bogus ext' ignored: its name is not a valid file name" \
        in result.stderr
    assert result.stdout.startswith("spring24: 2 problems")
    assert rows(data, "SELECT id, time_limit FROM problems WHERE contest_id = 'spring24' "
                      "ORDER BY ordinal") == [("hello", 1.0), ("sum", 3.5)]


def test_a_taken_id_leaves_nothing_half_imported(tmp_path: Path) -> None:
    package, data = contest_package(tmp_path / "c"), tmp_path / "data"
    assert invoke("contest", "import", str(package), "--data", str(data)).exit_code == 0
    other = contest_package(tmp_path / "d")
    (other / "contest.json").write_text((other / "contest.json").read_text().replace(
        '"spring24"', '"autumn24"'))
    (other / "teams.json").write_text('[{"id": "t9", "name": "Nine"}]')
    (other / "accounts.yaml").write_text("- {username: nine, type: judge}\n")
    events = rows(data, "SELECT count(*) FROM events")
    result = invoke("contest", "import", str(other), "--data", str(data))
    assert result.exit_code == 2 and "already imported: problems 'hello', 'sum'" in result.output
    assert rows(data, "SELECT count(*) FROM events") == events
    assert rows(data, "SELECT id FROM teams WHERE id = 't9'") == []
