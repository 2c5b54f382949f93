"""How busy each judging slot is: which slots judge now, and for how many seconds each has
judged in all. Worker utilisation is made of these; the dispatcher's threads report to it."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass


@dataclass(frozen=True)
class SlotFigures:
    """A snapshot: slots in all, slots judging now, busy seconds per slot (ongoing included)."""

    slots: int
    busy: int
    busy_seconds: tuple[float, ...]


class SlotUse:
    """Busy time per slot, safe to share between the dispatcher's threads."""

    def __init__(self, slots: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self._seconds = [0.0] * slots
        self._since: dict[int, float] = {}
        self._lock = threading.Lock()

    @contextmanager
    def busy(self, slot: int) -> Iterator[None]:
        """Count the time spent inside the block as busy time of `slot`."""
        with self._lock:
            self._since[slot] = self.clock()
        try:
            yield
        finally:
            with self._lock:
                self._seconds[slot] += self.clock() - self._since.pop(slot)

    def figures(self) -> SlotFigures:
        """The slots' use now; a judging under way counts up to this moment, so each slot's
        seconds only ever grow (a Prometheus counter)."""
        with self._lock:
            now = self.clock()
            seconds = [s + (now - self._since[i] if i in self._since else 0.0)
                       for i, s in enumerate(self._seconds)]
            return SlotFigures(len(seconds), len(self._since), tuple(seconds))


def combined(parts: Iterable[SlotFigures]) -> SlotFigures:
    """Several pools' slots as one list (the engines' slots, one after the other)."""
    parts = list(parts)
    return SlotFigures(sum(p.slots for p in parts), sum(p.busy for p in parts),
                       tuple(s for p in parts for s in p.busy_seconds))
