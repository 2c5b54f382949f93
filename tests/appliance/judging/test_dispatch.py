"""The durable queue under a real dispatcher killed with SIGKILL: nothing is lost, nothing is
judged twice visibly, and the verdicts are those of an undisturbed run."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from appliance.scoreboard.board import (
    JudgementEvent,
    Problem,
    Scoreboard,
    SubmissionEvent,
    Team,
    Timing,
)
from appliance.scoreboard.standings import scoreboard_from_store
from appliance.store import Store
from judge.verdicts import Verdict
from tests.paths import PACKS, REPO

pytestmark = pytest.mark.docker

PODIUM = str(REPO / ".venv/bin/podium")
SUM = PACKS / "sum/submissions"
SOURCES = [  # (file, language, the verdict an undisturbed judge gives)
    ("accepted/sum.c", "c", "AC"), ("accepted/sum.py", "python3", "AC"),
    ("wrong_answer/sum_int32.c", "c", "WA"), ("run_time_error/sum_null.c", "c", "RTE"),
    ("accepted/sum.cpp", "cpp", "AC"), ("wrong_answer/sum_difference.py", "python3", "WA"),
]
COUNT = 36


def dispatch(data: Path) -> subprocess.Popen:
    return subprocess.Popen([PODIUM, "dispatch", "--until-empty", "--lease", "3", "--data",
                             str(data)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            start_new_session=True)


def test_killed_dispatchers_lose_nothing_and_judge_nothing_twice(tmp_path: Path) -> None:
    data = tmp_path / "data"
    created = subprocess.run([PODIUM, "contest", "create", "Crash", "--problem",
                              str(PACKS / "sum"), "--teams", "3", "--data", str(data)],
                             capture_output=True, text=True, timeout=120)
    assert created.returncode == 0, created.stdout + created.stderr
    expected = {}
    with Store.open(data) as store:
        for i in range(COUNT):
            name, language, verdict = SOURCES[i % len(SOURCES)]
            sid = store.submit(contest_id="crash", team_id=f"team00{i % 3 + 1}",
                               problem_id="sum", language_id=language,
                               source=(SUM / name).read_bytes(), file_name=Path(name).name,
                               time="2026-11-23T12:00:00+00:00", contest_time=60.0 * i)
            expected[sid] = verdict
        judged_after_kill = []
        for more in (1, 4):  # kill -9 mid-judging, twice, then let one finish
            process = dispatch(data)
            judged = store.query("SELECT count(*) AS n FROM judgements")[0]["n"]
            deadline = time.monotonic() + 120  # a loaded machine judges slowly
            while (store.query("SELECT count(*) AS n FROM judgements")[0]["n"] < judged + more
                   and time.monotonic() < deadline and process.poll() is None):
                time.sleep(0.05)
            time.sleep(0.3)  # into the next judging
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=30)
            judged_after_kill.append(
                store.query("SELECT count(*) AS n FROM judgements")[0]["n"])
        final = dispatch(data)
        output, _ = final.communicate(timeout=600)
        assert final.returncode == 0, output
        current = store.query("SELECT submission_id, verdict, count(*) AS n FROM judgements "
                              "WHERE is_current = 1 GROUP BY submission_id")
        left = store.query("SELECT count(*) AS n FROM submissions "
                           "WHERE status IN ('queued', 'judging')")[0]["n"]
        replayed = scoreboard_from_store(store, "crash")
        undisturbed = Scoreboard.from_events(
            [Team(f"team00{i}", f"Team {i}") for i in (1, 2, 3)], [Problem("sum", "A", 0)],
            Timing(0.0, 5 * 3600, 3600), [
                *(SubmissionEvent(str(sid), f"team00{(sid - 1) % 3 + 1}", "sum", 60.0 * (sid - 1))
                  for sid in expected),
                *(JudgementEvent(str(sid), Verdict(v)) for sid, v in expected.items())])
    assert 0 < judged_after_kill[0] < COUNT, "the first kill landed mid-run"
    assert left == 0
    assert all(row["n"] == 1 for row in current)
    assert {row["submission_id"]: row["verdict"] for row in current} == expected
    assert [r.to_json() for r in replayed.view(public=False)] == \
        [r.to_json() for r in undisturbed.view(public=False)]
