"""Sliding-window limits per key (a team's submissions, a login name's failures). The rule is
pure (`SlidingWindow`: the caller passes the time, so it is tested without waiting);
`SharedWindow` keeps its hits in a file of the data folder, so every web worker of
`podium serve --workers N` counts against the same limit (a team spread over the workers gets
the rate once, not N times)."""

from __future__ import annotations

import fcntl
import json
import logging
import math
import os
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

log = logging.getLogger(__name__)

RATES_DIR = "rate-limits"  # in the data folder: one file (and its lock) per limit


class SlidingWindow:
    """At most `limit` hits per key in any `window_s` seconds."""

    def __init__(self, limit: int, window_s: float,
                 hits: Mapping[str, Iterable[float]] | None = None) -> None:
        self.limit, self.window_s = limit, window_s
        self._hits: dict[str, deque[float]] = {key: deque(sorted(times))
                                               for key, times in (hits or {}).items() if times}

    def retry_after(self, key: str, now: float) -> int:
        """Whole seconds until `key` may be hit again; 0 when it may now."""
        hits = self._expire(key, now)
        if len(hits) < self.limit:
            return 0
        return max(1, math.ceil(min(hits[0], now) + self.window_s - now))

    def hit(self, key: str, now: float) -> int:
        """Count a hit unless the limit is reached; 0 when counted, else the seconds to wait."""
        wait = self.retry_after(key, now)
        if wait == 0:
            self._hits.setdefault(key, deque()).append(now)
        return wait

    def clear(self, key: str) -> None:
        """Forget a key's hits (a successful login wipes its failures)."""
        self._hits.pop(key, None)

    def hits(self, now: float) -> dict[str, list[float]]:
        """The hits still in the window at `now`, by key (what a shared window keeps)."""
        kept = {key: list(self._expire(key, now)) for key in list(self._hits)}
        return {key: times for key, times in kept.items() if times}

    def _expire(self, key: str, now: float) -> deque[float]:
        """A key's hits in the window; one later than a window from now (the wall clock
        was set back) is dropped too, so it never blocks a key for longer than a window."""
        hits = self._hits.get(key)
        if hits is None:
            return deque()
        while hits and hits[0] <= now - self.window_s:
            hits.popleft()
        while hits and hits[-1] > now + self.window_s:
            hits.pop()
        if not hits:
            del self._hits[key]
        return hits


class SharedWindow:
    """A `SlidingWindow` shared by every process of one data folder: its hits in
    `path` (JSON, key -> times), changed only under an exclusive `flock` of a lock file
    beside it and replaced by a rename, so a reader never sees half a file and two workers'
    hits are counted one after the other. Times are the wall clock's (`time.time()`): the
    workers share no monotonic start. A look (`retry_after`) takes no lock."""

    def __init__(self, path: Path, limit: int, window_s: float) -> None:
        self.path, self.limit, self.window_s = path, limit, window_s
        self._lock = path.with_suffix(".lock")
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)

    def retry_after(self, key: str, now: float) -> int:
        """Whole seconds until `key` may be hit again, as every worker counts; 0 when it may."""
        return self._window().retry_after(key, now)

    def hit(self, key: str, now: float) -> int:
        """Count a hit unless the limit is reached; 0 when counted, else the seconds to wait."""
        with self._locked():
            window = self._window()
            wait = window.hit(key, now)
            if wait == 0:
                self._save(window.hits(now))
        return wait

    def clear(self, key: str) -> None:
        """Forget a key's hits, for every worker."""
        with self._locked():
            hits = self._read()
            if hits.pop(key, None) is not None:
                self._save(hits)

    @contextmanager
    def _locked(self) -> Iterator[None]:
        fd = os.open(self._lock, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)  # the lock goes with the descriptor

    def _window(self) -> SlidingWindow:
        return SlidingWindow(self.limit, self.window_s, self._read())

    def _read(self) -> dict[str, list[float]]:
        try:
            kept = json.loads(self.path.read_bytes())
        except FileNotFoundError:
            return {}
        except ValueError:
            log.warning("%s: not a rate limit's JSON; its hits are forgotten", self.path)
            return {}
        if not isinstance(kept, dict):
            log.warning("%s: not a rate limit's JSON; its hits are forgotten", self.path)
            return {}
        return {str(key): [float(t) for t in times if isinstance(t, int | float)]
                for key, times in kept.items() if isinstance(times, list)}

    def _save(self, hits: Mapping[str, list[float]]) -> None:
        new = self.path.with_suffix(".new")
        fd = os.open(new, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as out:
            json.dump(hits, out, separators=(",", ":"))
        new.replace(self.path)


def shared_window(data_dir: Path, name: str, limit: int, window_s: float) -> SharedWindow:
    """The limit `name` of a data folder (`rate-limits/<name>.json`)."""
    return SharedWindow(data_dir / RATES_DIR / f"{name}.json", limit, window_s)
