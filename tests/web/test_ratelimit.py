"""The shared rate limit (`web/ratelimit.py`): hits counted by several processes on one data
folder add up to one limit, none lost to a race, and a wall clock set back blocks no key
for longer than a window."""

from __future__ import annotations

import multiprocessing
import time
from pathlib import Path

from web.ratelimit import SlidingWindow, shared_window

PROCESSES, TRIES, LIMIT = 4, 25, 30


def _hammer(data: str, start: float, counted) -> None:
    window = shared_window(Path(data), "submissions", LIMIT, 60.0)
    while time.time() < start:
        pass  # every process starts at once
    counted.put(sum(window.hit("team1", time.time()) == 0 for _ in range(TRIES)))


def test_processes_hitting_at_once_count_exactly_the_limit(tmp_path: Path) -> None:
    context = multiprocessing.get_context("fork")
    counted = context.Queue()
    start = time.time() + 0.3
    workers = [context.Process(target=_hammer, args=(str(tmp_path), start, counted))
               for _ in range(PROCESSES)]
    for worker in workers:
        worker.start()
    total = sum(counted.get(timeout=30) for _ in workers)
    for worker in workers:
        worker.join(10)
    assert total == LIMIT  # 100 tries, 30 taken: neither more (a lost write) nor fewer
    again = shared_window(tmp_path, "submissions", LIMIT, 60.0)
    assert again.retry_after("team1", time.time()) > 0
    assert again.retry_after("team2", time.time()) == 0


def test_one_worker_sees_another_workers_hits_and_clear(tmp_path: Path) -> None:
    one = shared_window(tmp_path, "login-names", 2, 300.0)
    two = shared_window(tmp_path, "login-names", 2, 300.0)
    assert one.hit("ada", 1000.0) == 0 and two.hit("ada", 1001.0) == 0
    assert one.hit("ada", 1002.0) == 298 and two.retry_after("ada", 1002.0) == 298
    two.clear("ada")
    assert one.retry_after("ada", 1003.0) == 0


def test_hits_from_a_clock_set_back_block_no_longer_than_a_window() -> None:
    window = SlidingWindow(1, 60.0, {"t": [10_000.0]})  # taken before the clock went back
    assert window.retry_after("t", 5_000.0) == 0
    late = SlidingWindow(1, 60.0, {"t": [5_030.0]})  # within a window ahead: waits at most it
    assert 0 < late.retry_after("t", 5_000.0) <= 60


def test_a_broken_file_forgets_its_hits_rather_than_failing(tmp_path: Path) -> None:
    window = shared_window(tmp_path, "runs", 1, 60.0)
    window.path.write_text("{not json")
    assert window.retry_after("t", 100.0) == 0
    assert window.hit("t", 100.0) == 0 and window.hit("t", 101.0) > 0
