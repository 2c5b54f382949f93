"""`podium serve --workers N`: N web processes on one port, and one judging process.

Python serves HTTP on one core per process, so a site with more cores runs more processes.
Each worker is a full web server (`web.serve.Site`) with its own socket bound to the same
port with SO_REUSEPORT: the kernel spreads new connections over the workers' sockets (a
connection stays with its worker). The master holds the port from the start (bound, never
listening, so it takes no connection), judges the queue (the fleet's threads: exactly one
process judges) and restarts a worker that dies. Nothing is shared between the processes
but the store: each worker follows the event log into its own live board, so the event
feed, `/live` and the scoreboards are the same from every worker (within one poll, 100 ms).

Shared through the data folder too: the rate limits (submissions, runs, prints, failed
logins: a file per limit changed under a lock, `web/ratelimit.py`, so a team spread over the
workers gets the rate once), the reveal's steps (stored, `scoreboard/revealed.py`: a step
taken through one worker shows on every worker's board) and logouts (the revoked sessions'
file is read again when it changes). What stays per worker: caches (the Basic credentials',
the similarity reports, kept answers) and this process's figures in `/metrics`.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from aiohttp import web

from appliance.config import Config

log = logging.getLogger(__name__)

RESTART_PAUSE_S = 1.0  # between a worker's death and its restart (a crash loop stays slow)
STOP_WAIT_S = 30.0  # a worker still running this long after SIGTERM is killed
WORKER_HEADER = "X-Podium-Worker"  # which worker answered (its number, 1..N)
WORKER = web.AppKey("worker", str)  # set in an app served by one worker of several


def default_workers() -> int:
    """The web processes that fit this machine: one per core it may use."""
    return len(os.sched_getaffinity(0))


def hold_port(host: str, port: int) -> socket.socket:
    """A socket bound to host:port with SO_REUSEPORT and never listening: it keeps the port
    (the workers' sockets join it) and names it when `port` is 0."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    held = socket.socket(family, socket.SOCK_STREAM)
    held.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    held.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    held.bind((host, port))
    return held


def worker_argv(config: Config, contest_ids: Sequence[str], host: str, port: int,
                number: int, secure_cookies: bool) -> list[str]:
    """The command line of worker `number` (a fresh interpreter: no threads forked)."""
    argv = [sys.executable, "-m", "web.worker", "--data", str(config.data_dir),
            "--host", host, "--port", str(port), "--number", str(number)]
    for contest_id in contest_ids:
        argv += ["--contest", contest_id]
    return argv + (["--secure-cookies"] if secure_cookies else [])


class Workers:
    """The worker processes of a master, started, watched (restarted when one dies) and
    stopped."""

    def __init__(self, argv_of, count: int) -> None:
        self.argv_of, self.count = argv_of, count
        self.processes: dict[int, subprocess.Popen] = {}
        self.stopping = False

    def start(self) -> None:
        for number in range(1, self.count + 1):
            self._start(number)

    def _start(self, number: int) -> None:
        repo = Path(__file__).resolve().parent.parent
        self.processes[number] = subprocess.Popen(self.argv_of(number), cwd=repo)
        log.info("web worker %d started (pid %d)", number, self.processes[number].pid)

    async def watch(self) -> None:
        """Restart a worker that exits while the master runs."""
        while not self.stopping:
            for number, process in list(self.processes.items()):
                if process.poll() is not None and not self.stopping:
                    log.error("web worker %d (pid %d) exited with %s; restarting it",
                              number, process.pid, process.returncode)
                    await asyncio.sleep(RESTART_PAUSE_S)
                    if not self.stopping:
                        self._start(number)
            await asyncio.sleep(0.5)

    def stop(self) -> None:
        """SIGTERM to every worker, then wait (killing one that outlasts STOP_WAIT_S)."""
        self.stopping = True
        for process in self.processes.values():
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + STOP_WAIT_S
        for number, process in self.processes.items():
            try:
                process.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                log.error("web worker %d did not stop in %.0f s: killed", number, STOP_WAIT_S)
                process.kill()
                process.wait()
