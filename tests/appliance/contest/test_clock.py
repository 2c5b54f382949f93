"""The contest clock: states, contest time with pauses, extensions, and when submissions count."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from appliance.contest.clock import Clock, ClockError, State

START = datetime(2024, 4, 20, 10, 0, tzinfo=UTC)
HOUR = 3600.0


def at(minutes: float) -> datetime:
    """The wall-clock time `minutes` after the scheduled start."""
    return START + timedelta(minutes=minutes)


BASE = Clock(START, 5 * HOUR, 1 * HOUR)  # 10:00-15:00, frozen from 14:00
PAUSED = BASE.pause(at(60)).resume(at(90))  # half an hour lost: ends 15:30, freezes 14:30


@pytest.mark.parametrize(("clock", "minutes", "state"), [
    (BASE, -1, State.NOT_STARTED), (BASE, 0, State.STARTED), (BASE, 239, State.STARTED),
    (BASE, 240, State.FROZEN), (BASE, 299, State.FROZEN), (BASE, 300, State.ENDED),
    (PAUSED, 260, State.STARTED), (PAUSED, 270, State.FROZEN), (PAUSED, 329, State.FROZEN),
    (PAUSED, 330, State.ENDED), (BASE.extend(600), 305, State.FROZEN),
    (Clock(START, HOUR), 59, State.STARTED), (Clock(None, HOUR), 0, State.NOT_STARTED),
])
def test_state(clock: Clock, minutes: float, state: State) -> None:
    assert clock.state(at(minutes)) is state


@pytest.mark.parametrize(("clock", "minutes", "contest_minutes"), [
    (BASE, -10, -10), (BASE, 0, 0), (BASE, 90, 90), (BASE, 400, 400),
    (PAUSED, 60, 60), (PAUSED, 75, 60), (PAUSED, 90, 60), (PAUSED, 120, 90),
    (BASE.pause(at(60)), 200, 60),  # a pause still running stops contest time
])
def test_contest_time_leaves_out_paused_spans(clock: Clock, minutes: float,
                                             contest_minutes: float) -> None:
    assert clock.contest_time(at(minutes)) == contest_minutes * 60


@pytest.mark.parametrize(("clock", "minutes", "left"), [
    (BASE, -30, 30 * 60), (BASE, 0, 5 * HOUR), (BASE, 270, 30 * 60), (BASE, 301, 0),
    (PAUSED, 270, 60 * 60), (BASE.extend(-HOUR), 200, 40 * 60),
])
def test_countdown(clock: Clock, minutes: float, left: float) -> None:
    assert clock.countdown(at(minutes)) == left


@pytest.mark.parametrize(("clock", "minutes", "accepted", "reason"), [
    (BASE, -1, False, "the contest has not started yet"),
    (BASE, 0, True, ""), (BASE, 250, True, ""),
    (BASE, 300, False, "the contest has ended"),
    (BASE.pause(at(60)), 61, False, "the contest is paused"),
    (PAUSED, 320, True, ""),
    (Clock(None, HOUR), 0, False, "the contest has not started yet"),
])
def test_accepts_submissions(clock: Clock, minutes: float, accepted: bool, reason: str) -> None:
    assert clock.accepts_submissions(at(minutes)) == (accepted, reason)


def test_unscheduled_clock_has_no_times() -> None:
    clock = Clock(None, HOUR)
    assert (clock.contest_time(START), clock.countdown(START), clock.end_time(START)) == (
        None, None, None)


def test_end_time_moves_with_pauses_and_extensions() -> None:
    assert BASE.end_time(at(0)) == at(300)
    assert PAUSED.end_time(at(100)) == at(330)
    assert PAUSED.extend(15 * 60).end_time(at(100)) == at(345)


def test_operations_return_new_clocks_and_record_events() -> None:
    paused = BASE.pause(at(60))
    assert BASE.events == () and not BASE.paused()
    assert paused.paused()
    assert [(e.kind, e.at) for e in PAUSED.events] == [
        ("paused_at", at(60)), ("resumed_at", at(90))]
    assert [(e.kind, e.seconds) for e in BASE.extend(600).events] == [("extended_by", 600)]


def test_after_the_end_finalized_and_thawed_in_either_order() -> None:
    assert BASE.finalize(at(301)).state(at(302)) is State.FINALIZED
    assert BASE.thaw(at(301)).state(at(302)) is State.THAWED
    assert BASE.thaw(at(301)).finalize(at(302)).state(at(303)) is State.FINALIZED
    assert BASE.finalize(at(301)).thaw(at(302)).state(at(303)) is State.THAWED


@pytest.mark.parametrize(("clock", "minutes", "frozen"), [
    (BASE, 100, False), (BASE, 250, True), (BASE, 310, True),
    (BASE.thaw(at(305)), 310, False), (BASE.finalize(at(305)), 310, True),
    (Clock(START, HOUR), 70, False),
])
def test_scoreboard_frozen_from_freeze_to_thaw(clock: Clock, minutes: float,
                                               frozen: bool) -> None:
    assert clock.scoreboard_frozen(at(minutes)) is frozen


@pytest.mark.parametrize(("operation", "message"), [
    (lambda: BASE.pause(at(-5)), "only a running contest"),
    (lambda: BASE.pause(at(310)), "only a running contest"),
    (lambda: BASE.pause(at(5)).pause(at(6)), "already paused"),
    (lambda: BASE.resume(at(5)), "not paused"),
    (lambda: BASE.finalize(at(100)), "must end before it is finalized"),
    (lambda: BASE.thaw(at(100)), "must end before it is thawed"),
    (lambda: BASE.finalize(at(301)).finalize(at(302)), "already finalized"),
    (lambda: BASE.finalize(at(301)).extend(60), "results are final"),
    (lambda: BASE.extend(-5 * HOUR), "no time left"),
    (lambda: BASE.schedule(at(10), at(1)), "already started"),
])
def test_operations_that_make_no_sense_are_refused(operation, message: str) -> None:
    with pytest.raises(ClockError, match=message):
        operation()


def test_schedule_moves_the_start_before_it() -> None:
    moved = BASE.schedule(at(30), at(-10))
    assert moved.state(at(10)) is State.NOT_STARTED
    assert moved.countdown(at(10)) == 20 * 60
