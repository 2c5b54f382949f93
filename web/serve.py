"""`podium serve`: one process that serves the contest over HTTP and judges its queue.

The dispatcher runs in threads beside the event loop (the Docker SDK blocks); the loop
tails the event log into the live scoreboard. SIGINT or SIGTERM stops within seconds, each
step logged: no new claims, HTTP closed and every open stream ended, the submissions in hand
finished within a grace period or given back to the queue, the sandboxes removed. A SIGKILL
loses nothing either: the next start takes back at once the leases this host's dead
processes held (`appliance.judging.heartbeat`).
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from aiohttp import web

from appliance.config import Config
from appliance.contest.control import control
from appliance.contest.package import Account, ContestPackage
from appliance.contest.reads import contest_ids, contest_row
from appliance.contest.setup import import_contest, quick_contest
from appliance.doctor.findings import flagged
from appliance.doctor.machine import examine
from appliance.errors import ApplianceError
from appliance.judging.custom_runs import set_custom_runs
from appliance.judging.engines import register
from appliance.judging.fleet import Fleet
from appliance.judging.heartbeat import owner_gone
from appliance.judging.queue import JudgeQueue
from appliance.metrics.collectors import JudgingFigures
from appliance.passwords import generate_password
from appliance.problems.library import import_package
from appliance.store import Store
from judge.languages import load_languages
from web.app import build_app
from web.floods import HEADER_TIMEOUT_S, GuardedSite, raise_file_limit
from web.state import Podium
from web.workers import Workers, hold_port, worker_argv

log = logging.getLogger(__name__)

PACKS = Path(__file__).resolve().parent.parent / "problem_packs"
DEMO_PROBLEMS = ("hello", "sum", "floats", "divisors", "strings", "paths", "multilang",
                 "guessing")
DEMO_ID = "demo"
DEMO_TEAMS = 5
LOGINS_FILE = "demo-logins.txt"


class ServeError(ApplianceError):
    """The server cannot start, and why."""


def demo_contest(store: Store, config: Config) -> str:
    """Import and start the demo contest unless it is there, with the other demo packages in
    the library (open in practice); the logins sheet as text (also kept in the data folder,
    0600, for the next start)."""
    sheet = config.data_dir / LOGINS_FILE
    if contest_row(store, DEMO_ID) is not None:
        return sheet.read_text() if sheet.exists() else "(the logins were printed at first start)\n"
    package = demo_floor(quick_contest("Demo", [PACKS / name for name in DEMO_PROBLEMS],
                                       DEMO_TEAMS, duration_s=5 * 3600, freeze_s=3600))
    import_contest(store, package, config.library_dir)
    control(store, DEMO_ID, "start", datetime.now(UTC))
    set_custom_runs(store, DEMO_ID, True)  # the demo shows Run beside Submit
    for folder in sorted(PACKS.iterdir()):  # the rest open in practice at once
        if folder.name not in DEMO_PROBLEMS and (folder / "problem.yaml").is_file():
            import_package(folder, config.library_dir)
    text = login_sheet(package.accounts)
    fd = os.open(sheet, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as out:
        out.write(text)
    return text


def login_sheet(accounts: Sequence[Account]) -> str:
    """Accounts and passwords as aligned plain-text columns (the terminal and the kept file),
    each as wide as its longest entry (a `balloon` type is wider than its heading)."""
    rows = [("account", "type", "password"),
            *((a.username, a.type, a.password or "") for a in accounts)]
    widths = [max(len(row[i]) for row in rows) for i in range(2)]
    return "".join(f"{name:{widths[0]}} {kind:{widths[1]}} {password}\n"
                   for name, kind, password in rows)


def demo_floor(package: ContestPackage) -> ContestPackage:
    """The demo's floor: each team at a seat of row A, and a balloon runner's account
    (`balloons`, printed with the other logins) for the runners' page."""
    teams = tuple(replace(t, location=f"A-{i}") for i, t in enumerate(package.teams, start=1))
    runner = Account(id="balloons", username="balloons", type="balloon",
                     password=generate_password())
    return replace(package, teams=teams, accounts=(*package.accounts, runner))


def choose_contest(store: Store, wanted: str | None) -> str:
    """One contest (a command that reads one): the one named, else the only one there is."""
    ids = choose_contests(store, wanted)
    if len(ids) > 1:
        raise ServeError(f"several contests ({', '.join(ids)}): choose one with --contest")
    return ids[0]


def choose_contests(store: Store, wanted: str | None) -> list[str]:
    """The contests to serve: the one named, else every one there is (in the order made)."""
    ids = contest_ids(store)
    if wanted is not None:
        if wanted not in ids:
            raise ServeError(f"no contest {wanted!r}; there are: {', '.join(ids) or 'none'}")
        return [wanted]
    if not ids:
        raise ServeError("no contest to serve: import one (podium contest import DIR), create "
                         "one (podium contest create), or start with --demo")
    return ids


@dataclass
class Judging:
    """The judging for the server's lifetime: the engines it is given are registered, then
    the fleet judges on every registered engine (see `appliance.judging.fleet`)."""

    config: Config
    store: Store
    stop: threading.Event
    thread: threading.Thread | None = None
    fleet: Fleet | None = None

    def start(self) -> None:
        for spec in self.config.engines:
            register(self.store, spec.url, spec.slots, spec.cert_path)
        self.fleet = Fleet(self.store, self.config, load_languages())
        given_back = JudgeQueue(self.store).recover(time.time(), owner_gone)
        if given_back:
            log.info("recovery: %d submission(s) given back to the queue from an earlier "
                     "run (its judge is gone or its lease expired)", given_back)
        self.thread = threading.Thread(target=self.fleet.run, args=(self.stop,),
                                       name="judging", daemon=True)
        self.thread.start()

    def error(self) -> str | None:
        """Why nothing judges, if nothing does."""
        return None if self.fleet is None else self.fleet.error()

    def figures(self) -> JudgingFigures | None:
        """The slots' use and the sandbox failures so far, over every engine; None before
        the judging started."""
        return None if self.fleet is None else self.fleet.figures()

    def join(self, timeout: float) -> None:
        self.stop.set()
        if self.thread is not None:
            self.thread.join(timeout)


class Site:
    """The HTTP side of a server: the app on a socket and the event-log follower."""

    def __init__(self, config: Config, contest_ids: str | Sequence[str],
                 secure_cookies: bool = False, worker: str | None = None) -> None:
        ids = [contest_ids] if isinstance(contest_ids, str) else list(contest_ids)
        self.store = Store.open(config.data_dir)
        self.podium = Podium.open(self.store, ids[0], config.library_dir, load_languages())
        self.podiums = [self.podium, *(self.podium.for_contest(c) for c in ids[1:])]
        self.app = build_app(self.podium, config.data_dir, secure_cookies,
                             tuple(self.podiums[1:]), worker)
        self.stop = asyncio.Event()
        # the keep-alive timer runs from a connection's start until its request's headers
        # are in: a request whose headers never end is closed after HEADER_TIMEOUT_S
        self.runner = web.AppRunner(self.app, access_log=None, handle_signals=False,
                                    keepalive_timeout=HEADER_TIMEOUT_S)
        self.port = 0
        self._followers: list[asyncio.Task] = []

    async def start(self, host: str, port: int, reuse_port: bool = False) -> None:
        gate = self.podium.streams
        asyncio.get_running_loop().set_exception_handler(gate.flood_log.loop_errors)
        log.info("connections: %s", gate.caps.describe())
        self._followers = [asyncio.create_task(p.live.follow(self.stop)) for p in self.podiums]
        await self.runner.setup()
        site = GuardedSite(self.runner, host, port, gate.caps, gate.flood_log, reuse_port)
        await site.start()
        self.port = site.port  # the real one when port is 0

    async def close_http(self) -> None:
        """Stop serving: the socket closed, every open stream ended (the app's on_shutdown),
        the event-log follower stopped. The store stays open for the judging's last writes."""
        await self.runner.cleanup()
        self.stop.set()
        for follower in self._followers:
            await follower

    async def close(self) -> None:
        await self.close_http()
        self.store.close()


def timing_warnings(config: Config, root: Path = Path("/"), docker: bool = True) -> list[str]:
    """What `podium doctor` would flag on this machine (without its calibration), one line
    each: the judges should know before the contest that timings may vary."""
    return [f"doctor: {finding.line()}" for finding in flagged(examine(config, root, docker))]


async def serve(config: Config, contest_id: str | Sequence[str], host: str, port: int,
                judge: bool, secure_cookies: bool = False, workers: int = 1) -> None:
    """Serve until SIGINT/SIGTERM, judging the queue unless `judge` is False; with several
    `workers`, in that many web processes while this one judges (`web.workers`)."""
    if workers > 1:
        ids = [contest_id] if isinstance(contest_id, str) else list(contest_id)
        await serve_workers(config, ids, host, port, judge, secure_cookies, workers)
        return
    raise_file_limit()  # before anything counts on it (the caps of web.floods)
    site = Site(config, contest_id, secure_cookies)
    judging = Judging(config, site.store, threading.Event())
    if judge:
        for line in await asyncio.to_thread(timing_warnings, config):
            log.warning("%s", line)
        for podium in site.podiums:
            podium.pool_size = sum(spec.slots for spec in config.engines)
            podium.judging_error = judging.error
            podium.judging_figures = judging.figures
        judging.start()
    await site.start(host, port)
    loop = asyncio.get_running_loop()
    done = asyncio.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, done.set)
    try:
        await done.wait()
    finally:
        await stop(site, judging)


async def stop(site: Site, judging: Judging) -> None:
    """Stop the server, each step logged: no new claims; HTTP and its open streams closed
    while the judging winds down (see `appliance.judging.fleet`); the store closed."""
    began = time.monotonic()
    log.info("stopping: no new claims, closing HTTP")
    judging.stop.set()

    async def http() -> None:
        await site.close_http()
        log.info("stopping: HTTP closed (%.1f s)", time.monotonic() - began)

    async def judge() -> None:
        if judging.thread is not None:
            await asyncio.to_thread(judging.join, 60.0)
            log.info("stopping: judging stopped, sandboxes removed (%.1f s)",
                     time.monotonic() - began)

    await asyncio.gather(http(), judge())
    site.store.close()
    log.info("stopped in %.1f s", time.monotonic() - began)


async def serve_workers(config: Config, contest_ids: Sequence[str], host: str, port: int,
                        judge: bool, secure_cookies: bool, count: int) -> None:
    """The master of `count` web workers on one port: it holds the port, judges (the only
    process that does), restarts a worker that dies, and stops them all on SIGINT/SIGTERM."""
    held = hold_port(host, port)
    port = held.getsockname()[1]
    store = Store.open(config.data_dir)
    judging = Judging(config, store, threading.Event())
    if judge:
        for line in await asyncio.to_thread(timing_warnings, config):
            log.warning("%s", line)
        judging.start()
    workers = Workers(lambda number: worker_argv(config, contest_ids, host, port, number,
                                                 secure_cookies), count)
    workers.start()
    log.info("%d web workers on port %d; this process (pid %d) %s", count, port,
             os.getpid(), "judges" if judge else "does not judge (--no-judge)")
    watcher = asyncio.create_task(workers.watch())
    loop = asyncio.get_running_loop()
    done = asyncio.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, done.set)
    began = 0.0
    try:
        await done.wait()
    finally:
        began = time.monotonic()
        log.info("stopping: no new claims, stopping the web workers")
        judging.stop.set()
        await asyncio.gather(asyncio.to_thread(workers.stop),
                             asyncio.to_thread(judging.join, 60.0))
        watcher.cancel()
        store.close()
        held.close()
        log.info("stopped in %.1f s", time.monotonic() - began)
