"""Leases kept short and alive: who holds them, the heartbeat that renews them, and whether
their holder on this machine is gone.

A lease lasts LEASE_S and is renewed every HEARTBEAT_S while its judging runs, so a
dispatcher that dies (a thread, a process, a machine) leaves work that another claims within
one lease period, however long a judging takes. A lease names its owner as
`host:pid:start` (the process's start, so a reused pid is not mistaken for it) and, on
several engines, the engine after a space; a server or `podium dispatch` that starts takes
back at once the leases of owners on this host that are gone (`owner_gone`), without waiting
for them to expire.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache

from appliance.judging.queue import Claim, JudgeQueue
from judge.pool import pid_alive

log = logging.getLogger(__name__)

LEASE_S = 30.0  # how long a claim holds without being renewed
HEARTBEAT_S = 5.0  # how often the leases of the work in hand are renewed


def lease_owner(engine: str | None = None) -> str:
    """This process as a lease's owner: `host:pid:start`, then ` engine` if given."""
    me = f"{socket.gethostname()}:{os.getpid()}:{_started(os.getpid())}"
    return me if engine is None else f"{me} {engine}"


def owner_gone(worker: str | None) -> bool:
    """Whether a lease's owner is a process of this host that no longer runs (its pid is
    free, or taken by a process that started at another time). Owners elsewhere, and names
    not in `lease_owner`'s form, are never judged gone: their leases expire."""
    parts = (worker or "").split(" ", 1)[0].split(":")
    if len(parts) != 3 or not parts[1].isdigit() or parts[0] != socket.gethostname():
        return False
    started = _started(int(parts[1]))
    return started is None or started != parts[2]


@cache
def _boot_time() -> float | None:
    try:
        with open("/proc/stat") as stat:
            return next(float(line.split()[1]) for line in stat if line.startswith("btime "))
    except (OSError, StopIteration, ValueError, IndexError):
        return None


def _started(pid: int) -> str | None:
    """When process `pid` started (Unix time, to the clock tick), as text; None when there is
    no such process. Where /proc cannot say, "0" for any live process."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except FileNotFoundError:
        return None
    except (OSError, IndexError):
        return "0" if pid_alive(pid) else None
    boot = _boot_time()
    if boot is None:
        return "0"
    return f"{boot + int(fields[19]) / os.sysconf('SC_CLK_TCK'):.2f}"


class Heartbeat:
    """The claims a dispatcher has in hand, their leases renewed every `every_s` on a thread
    of their own while `run` lasts."""

    def __init__(self, queue: JudgeQueue, lease_s: float = LEASE_S,
                 every_s: float | None = None, clock: Callable[[], float] = time.time) -> None:
        """`every_s` defaults to HEARTBEAT_S, or a third of a shorter lease."""
        self.queue, self.lease_s, self.clock = queue, lease_s, clock
        self.every_s = every_s if every_s is not None else min(HEARTBEAT_S, lease_s / 3)
        self._in_hand: dict[int, Claim] = {}
        self._lock = threading.Lock()

    @contextmanager
    def hold(self, claim: Claim) -> Iterator[None]:
        """Keep `claim`'s lease alive while the block runs."""
        with self._lock:
            self._in_hand[claim.submission_id] = claim
        try:
            yield
        finally:
            with self._lock:
                self._in_hand.pop(claim.submission_id, None)

    def in_hand(self) -> list[Claim]:
        """The claims being judged now."""
        with self._lock:
            return list(self._in_hand.values())

    def release(self, claim: Claim) -> None:
        """Stop renewing `claim` (it was given back) before its judging ends."""
        with self._lock:
            held = self._in_hand.get(claim.submission_id)
            if held is not None and (held.worker, held.attempt) == (claim.worker, claim.attempt):
                del self._in_hand[claim.submission_id]

    def beat(self) -> int:
        """Renew the lease of every claim in hand; how many were renewed. A lease found to
        be another's (it expired and was claimed again) is dropped with a warning; one whose
        judging ended meanwhile (released before its end was written) is dropped quietly."""
        renewed = 0
        for claim in self.in_hand():
            fresh = self.queue.extend(claim, self.lease_s, self.clock())
            with self._lock:
                held = self._in_hand.get(claim.submission_id) is claim
                if held and fresh is None:
                    del self._in_hand[claim.submission_id]
                elif held:
                    self._in_hand[claim.submission_id] = fresh
            if fresh is None and not held:
                continue  # its judging ended while this beat renewed it
            if fresh is None:
                log.warning("submission %s: the lease was lost (another judge holds it)",
                            claim.submission_id)
            else:
                renewed += 1
        return renewed

    def run(self, stop: threading.Event) -> None:
        """Beat every `every_s` until `stop`; a failed renewal is logged and retried."""
        while not stop.wait(self.every_s):
            try:
                self.beat()
            except Exception:  # noqa: BLE001 - the next beat may succeed; the lease is long
                log.exception("renewing the leases failed; trying again")
