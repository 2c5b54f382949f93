"""Verify's judgings over the pool's slots, the urgent ones first and the rest as filler.

A package's verify has a critical path (the runs that bound the time limit, then the runs
that need it) and work nothing waits for (the validators' checks of the data). A plain
executor runs them in the order given, so a slot may idle at a phase's end while the
filler work waited at the front. Here each job is urgent or filler: a slot takes the oldest
urgent job; with none queued it takes filler, unless the slots the filler holds would
delay the urgent jobs announced (what the caller queues once the running phase
ends, given with the phase: a slot free at a phase's tail takes filler only if the next
phase leaves it one).
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
        self._filling = 0  # filler jobs being run
        self._expected = 0
        self._closed = False
        self._changed = threading.Condition()
        self._threads = [threading.Thread(target=self._work, name=f"verify-{i}", daemon=True)
                         for i in range(size)]
        for thread in self._threads:
            thread.start()

    def submit(self, fn: Callable[..., R], *args: Any,
               filler: bool = False) -> concurrent.futures.Future[R]:
        """Queue `fn(*args)`; urgent unless `filler`."""
        future: concurrent.futures.Future[R] = concurrent.futures.Future()
        with self._changed:
            if self._closed:
                raise RuntimeError("the slots are closed")
            if filler:
                self._filler.append((future, fn, args))
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
            if self._filler and self._filling + min(self._expected, self.size) < self.size:
                self._filling += 1
                return True, self._filler.popleft()
            if self._closed and not self._filler:
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
