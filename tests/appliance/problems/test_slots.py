"""Verify's slots: urgent judgings first, the validators' checks only in slots left free."""

from __future__ import annotations

import threading

import pytest

from appliance.problems.slots import Slots

WAIT = 10.0  # seconds: a generous bound on a thread's hand-over, never a timing assertion


def test_map_gives_results_in_order_and_raises_a_jobs_error() -> None:
    with Slots(2) as slots:
        assert list(slots.map(lambda n: n * n, [3, 1, 2])) == [9, 1, 4]
        failing = slots.submit(lambda: 1 // 0)
        with pytest.raises(ZeroDivisionError):
            failing.result(WAIT)


def test_urgent_jobs_queued_after_filler_run_before_it() -> None:
    order: list[str] = []
    release = threading.Event()
    with Slots(1) as slots:
        blocker = slots.submit(release.wait)  # the only slot is busy
        filler = slots.submit(order.append, "filler", filler=True)
        urgent = slots.submit(order.append, "urgent")
        release.set()
        for future in (blocker, filler, urgent):
            future.result(WAIT)
    assert order == ["urgent", "filler"]


def test_filler_keeps_free_the_slots_the_next_phase_announced_needs() -> None:
    started = threading.Event()
    release = threading.Event()
    with Slots(2) as slots:
        # a phase of one long job, announcing two urgent jobs to follow: both slots are
        # theirs, so the filler does not start in the free slot
        phase = slots.map(lambda _: release.wait(WAIT), [0], then=2)
        filler = slots.submit(started.set, filler=True)
        assert not started.wait(0.2)
        release.set()
        list(phase)
        slots.map(lambda n: n, [1, 2])  # the next phase, announcing nothing after it
        assert started.wait(WAIT)
        filler.result(WAIT)


def test_filler_takes_a_slot_the_next_phase_leaves_free() -> None:
    release = threading.Event()
    filled = threading.Event()
    with Slots(2) as slots:
        phase = slots.map(lambda _: release.wait(WAIT), [0], then=1)
        slots.submit(filled.set, filler=True)
        assert filled.wait(WAIT)  # one slot runs the phase's tail, the other fills
        release.set()
        list(phase)


def test_a_job_queued_ahead_runs_after_the_phase_and_before_filler_unless_cancelled() -> None:
    order: list[str] = []
    release = threading.Event()
    with Slots(1) as slots:
        phase = slots.map(lambda _: release.wait(WAIT), [0], then=1)
        filler = slots.submit(order.append, "filler", filler=True)
        cancelled = slots.submit(order.append, "cancelled", ahead=True)
        assert cancelled.cancel()
        ahead = slots.submit(order.append, "ahead", ahead=True)
        urgent = slots.submit(order.append, "urgent")
        release.set()
        list(phase)
        for future in (urgent, ahead, filler):
            future.result(WAIT)
    assert order == ["urgent", "ahead", "filler"]
