"""The contest clock run from the store: stored changes, their events, and intake obeying them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from appliance.contest.clock import ClockError, State
from appliance.contest.control import control, load_clock
from appliance.contest.intake import SubmissionRefused, take_submission
from appliance.contest.setup import import_contest, quick_contest
from appliance.store import Store
from judge.languages import load_languages
from tests.paths import PACKS

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


@pytest.fixture
def store(tmp_path: Path):
    with Store.open(tmp_path / "data") as opened:
        import_contest(opened, quick_contest("Cup", [PACKS / "sum"], 1, duration_s=3600),
                       tmp_path / "library")
        yield opened


def submit(store: Store, minutes: float) -> int:
    return take_submission(store, load_languages(), contest_id="cup", team_id="team001",
                           problem_id="sum", language_id="python3", source=b"print(1)\n",
                           file_name="a.py", now=at(minutes))


def test_a_paused_contest_refuses_submissions_until_resumed(store) -> None:
    control(store, "cup", "start", at(0), start=at(10))
    with pytest.raises(SubmissionRefused, match="not started yet"):
        submit(store, 5)
    submit(store, 20)
    control(store, "cup", "pause", at(30))
    with pytest.raises(SubmissionRefused, match="paused"):
        submit(store, 35)
    control(store, "cup", "resume", at(40))
    sid = submit(store, 45)
    # ten paused minutes do not count: 45 - 10 (start) - 10 (pause) = 25 minutes in
    assert store.query("SELECT contest_time FROM submissions WHERE id = ?", [sid]) == [
        {"contest_time": 1500.0}]


def test_the_clock_is_the_same_after_reopening_the_store(store, tmp_path: Path) -> None:
    control(store, "cup", "start", at(0))
    control(store, "cup", "extend", at(5), seconds=600)
    with Store.open(tmp_path / "data") as again:
        clock = load_clock(again, "cup")
    assert clock.length_s == 4200
    assert clock.state(at(65)) is State.FROZEN  # the whole hour is frozen in a quick contest
    assert clock.state(at(71)) is State.ENDED


def test_each_change_is_a_state_event(store) -> None:
    control(store, "cup", "start", at(0))
    control(store, "cup", "pause", at(1))
    events = store.query("SELECT type, data FROM events WHERE type = 'state' ORDER BY seq")
    assert [e["type"] for e in events] == ["state", "state"]
    assert '"operation": "pause"' in events[1]["data"]


@pytest.mark.parametrize(("operation", "message"), [
    ("finalize", "must end before"), ("resume", "not paused"), ("thaw", "must end before"),
])
def test_operations_that_make_no_sense_are_refused(store, operation: str, message: str) -> None:
    control(store, "cup", "start", at(0))
    with pytest.raises(ClockError, match=message):
        control(store, "cup", operation, at(1))
