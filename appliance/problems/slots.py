"""Verify's judgings over the pool's slots, the urgent ones first and the rest as filler.

A package's verify has a critical path (the runs that bound the time limit, then the runs
that need it) and work nothing waits for (the validators' checks of the data). A plain
executor runs them in the order given, so a slot may idle at a phase's end while the
filler work waited at the front. Here a slot takes the oldest urgent job (the running
phase's); with none queued, a job of the next phase queued ahead of time (`ahead`: the
caller judges whether its result still holds once the phase ends); then filler, unless
the slots the filler holds would delay the urgent jobs announced (what the caller queues
once the running phase ends, given with the phase: a slot free at a phase's tail takes
filler only if the next phase leaves it one).
"""

from __future__ import annotations

import collections
import concurrent.futures
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class Slots:
    """`size` worker threads, one per sandbox slot (a context manager: waits on exit)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._urgent: collections.deque = collections.deque()
        self._filler: collections.deque = collections.deque()
        self._ahead: collections.deque = collections.deque()
        self._filling = 0  # filler jobs being run
        self._expected = 0
        self._closed = False
        self._changed = threading.Condition()
        self._threads = [threading.Thread(target=self._work, name=f"verify-{i}", daemon=True)
                         for i in range(size)]
        for thread in self._threads:
            thread.start()

    def submit(self, fn: Callable[..., R], *args: Any, filler: bool = False,
               ahead: bool = False) -> concurrent.futures.Future[R]:
        """Queue `fn(*args)`: urgent, unless `filler` or `ahead` (one of the jobs announced
        for the next phase, started early; cancel its future to run it in its phase)."""
        future: concurrent.futures.Future[R] = concurrent.futures.Future()
        with self._changed:
            if self._closed:
                raise RuntimeError("the slots are closed")
            if filler:
                self._filler.append((future, fn, args))
            elif ahead:
                self._ahead.append((future, fn, args))
            else:
                self._urgent.append((future, fn, args))
            self._changed.notify()
        return future

    def map(self, fn: Callable[[T], R], items: Iterable[T], then: int = 0) -> Iterator[R]:
        """`fn` on each item as urgent jobs (a phase); their results in the items' order.
        `then`: how many urgent jobs the caller queues once these are done (filler keeps
        their slots free)."""
        futures = [self.submit(fn, item) for item in items]
        with self._changed:
            self._expected = max(0, then)
            self._changed.notify_all()
        return (future.result() for future in futures)

    def _next(self):
        """The job a free slot takes now, None when closed and drained (holds the lock)."""
        while True:
            if self._urgent:
                return False, self._urgent.popleft()
            while self._ahead:
                job = self._ahead.popleft()
                if not job[0].cancelled():  # it no longer stands for an announced one
                    self._expected = max(0, self._expected - 1)
                    return False, job
            if self._filler and self._filling + min(self._expected, self.size) < self.size:
                self._filling += 1
                return True, self._filler.popleft()
            if self._closed and not self._filler and not self._ahead:
                return None
            self._changed.wait()

    def _work(self) -> None:
        while True:
            with self._changed:
                taken = self._next()
            if taken is None:
                return
            filler, (future, fn, args) = taken
            try:
                if future.set_running_or_notify_cancel():
                    try:
                        future.set_result(fn(*args))
                    except BaseException as exc:  # noqa: BLE001 - handed to the caller
                        future.set_exception(exc)
            finally:
                if filler:
                    with self._changed:
                        self._filling -= 1
                        self._changed.notify_all()

    def close(self) -> None:
        """Run what is queued (filler too, announced jobs forgotten), then stop the threads."""
        with self._changed:
            self._closed = True
            self._expected = 0
            self._changed.notify_all()
        for thread in self._threads:
            thread.join()

    def __enter__(self) -> Slots:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
