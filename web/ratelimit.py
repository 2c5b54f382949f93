"""A sliding-window limit per key (a team's submissions, a login name's failures): pure, the
caller passes the time, so it is tested without waiting."""

from __future__ import annotations

import math
from collections import deque


class SlidingWindow:
    """At most `limit` hits per key in any `window_s` seconds."""

    def __init__(self, limit: int, window_s: float) -> None:
        self.limit, self.window_s = limit, window_s
        self._hits: dict[str, deque[float]] = {}

    def retry_after(self, key: str, now: float) -> int:
        """Whole seconds until `key` may be hit again; 0 when it may now."""
        hits = self._expire(key, now)
        if len(hits) < self.limit:
            return 0
        return max(1, math.ceil(hits[0] + self.window_s - now))

    def hit(self, key: str, now: float) -> int:
        """Count a hit unless the limit is reached; 0 when counted, else the seconds to wait."""
        wait = self.retry_after(key, now)
        if wait == 0:
            self._hits.setdefault(key, deque()).append(now)
        return wait

    def clear(self, key: str) -> None:
        """Forget a key's hits (a successful login wipes its failures)."""
        self._hits.pop(key, None)

    def _expire(self, key: str, now: float) -> deque[float]:
        hits = self._hits.get(key)
        if hits is None:
            return deque()
        while hits and hits[0] <= now - self.window_s:
            hits.popleft()
        if not hits:
            del self._hits[key]
        return hits
