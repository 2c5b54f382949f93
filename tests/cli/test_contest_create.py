"""`podium contest create` run as the real command: over the demo's data folder an id that
exists is one line naming it (never a traceback), and the contest's length, freeze and
start are set from CLICS RELTIME and TIME text, as the served API shows them."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from appliance.config import Config
from appliance.store import Store
from tests.paths import PACKS, REPO
from tests.webserver import Client, server_thread
from web.serve import demo_contest


def podium(*args: str) -> subprocess.CompletedProcess:
    """The real `podium` command, as an organizer types it."""
    return subprocess.run([sys.executable, "-m", "cli", *args], cwd=REPO, capture_output=True,
                          text=True, timeout=120, env={**os.environ})


def demo_folder(data: Path) -> Path:
    """A data folder as `podium serve --demo` leaves it."""
    with Store.open(data) as store:
        demo_contest(store, Config.build(data_dir=data))
    return data


def rows(data: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(data / "podium.db") as db:
        return db.execute(sql).fetchall()


def test_creating_a_contest_in_the_demos_folder_names_the_ids_that_exist(
        tmp_path: Path) -> None:
    data = demo_folder(tmp_path / "data")
    events = rows(data, "SELECT count(*) FROM events")
    result = podium("contest", "create", "Cup", "--problem", str(PACKS / "sum"), "--teams", "2",
                    "--data", str(data))
    assert result.returncode == 2, result.stderr
    output = result.stdout + result.stderr
    assert "Traceback" not in output and "IntegrityError" not in output
    (line,) = result.stderr.strip().splitlines()
    assert "problem 'sum'" in line and "teams 'team001', 'team002'" in line
    assert "'jury'" in line and "'admin'" in line
    assert rows(data, "SELECT count(*) FROM events") == events
    assert rows(data, "SELECT id FROM contests WHERE id = 'cup'") == []


def test_creating_the_demo_again_names_the_contest(tmp_path: Path) -> None:
    data = demo_folder(tmp_path / "data")
    result = podium("contest", "create", "Demo", "--problem", str(PACKS / "hello"),
                    "--data", str(data))
    assert result.returncode == 2
    (line,) = result.stderr.strip().splitlines()
    assert "contest 'demo'" in line and "Traceback" not in result.stderr


def test_length_freeze_and_start_are_set_and_served(tmp_path: Path) -> None:
    data = tmp_path / "data"
    result = podium("contest", "create", "Cup", "--problem", str(PACKS / "sum"), "--teams", "2",
                    "--duration", "2:30:00", "--scoreboard-freeze-duration", "0:20:00",
                    "--start-time", "2030-05-01T10:00:00+02:00", "--data", str(data))
    assert result.returncode == 0, result.stderr
    with server_thread(data, "cup") as base:
        contest = Client(base).get("/api/contests/cup").json()
    assert contest["duration"] == "2:30:00.000"
    assert contest["scoreboard_freeze_duration"] == "0:20:00.000"
    assert datetime.fromisoformat(contest["start_time"]) == datetime(2030, 5, 1, 8, tzinfo=UTC)


def test_bad_times_are_one_line_each(tmp_path: Path) -> None:
    data = tmp_path / "data"
    cases = {("--duration", "5h"): "--duration: '5h' is not a time h:mm:ss",
             ("--duration", "1:00:00", "--scoreboard-freeze-duration", "2:00:00"):
                 "scoreboard-freeze-duration: must lie between 0:00:00 and the duration 1:00:00",
             ("--duration", "0:00:00"): "duration: must be longer than 0:00:00",
             ("--start-time", "tomorrow"): "--start-time: 'tomorrow' is not an ISO 8601 time",
             ("--start-time", "2030-05-01T10:00:00"): "needs its offset from UTC"}
    for options, message in cases.items():
        result = podium("contest", "create", "Cup", "--problem", str(PACKS / "sum"), *options,
                        "--data", str(data))
        assert result.returncode == 2, options
        (line,) = result.stderr.strip().splitlines()
        assert message in line, (options, line)
    assert not (data / "podium.db").exists() or rows(
        data, "SELECT id FROM contests WHERE id = 'cup'") == []


def test_the_demo_has_a_balloon_runner_and_seats(tmp_path: Path) -> None:
    data = demo_folder(tmp_path / "data")
    sheet = (data / "demo-logins.txt").read_text()
    (line,) = [row for row in sheet.splitlines() if row.startswith("balloons")]
    assert line.split()[1] == "balloon"
    assert rows(data, "SELECT type FROM accounts WHERE username = 'balloons'") == [("balloon",)]
    assert rows(data, "SELECT location FROM teams WHERE id = 'team001'") == [("A-1",)]


def test_the_demo_login_sheet_keeps_its_columns_aligned(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        sheet = demo_contest(store, Config.build(data_dir=tmp_path))
    lines = sheet.splitlines()
    assert lines[0].split() == ["account", "type", "password"]
    assert any(line.split()[1] == "balloon" for line in lines)  # 7 wide, past "type"
    starts = {len(line) - len(line.split()[-1]) for line in lines}
    assert len(starts) == 1, sheet  # every password starts in the same column
    types = {re.match(r"\S+ +", line).end() for line in lines}  # where each type starts
    assert len(types) == 1, sheet
    assert (tmp_path / "demo-logins.txt").read_text() == sheet
