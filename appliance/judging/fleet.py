"""Judging on several Docker engines: one warm pool and one dispatcher per engine, following
the registry (`appliance.judging.engines`) that `podium engine ...` changes from a shell.

The queue and its leases stay in the appliance; an engine only runs containers. Each engine
has a member thread: join (ping, import the judge image, clear leftovers, warm its slots,
and for an engine added by `podium engine add` check it again: a hello world and every
toolchain's version as kept when it was added; one that changed is refused, named, and
tried again every REFUSED_RETRY_S), judge, and watch (ping every HEALTH_S). Each engine
judges on its own slots alone, so a slow or dead one delays none of the others, and a
submission is judged start to end on the one engine that claimed it.

An engine that stops answering is marked down, its dispatcher stops claiming, a judging that
failed with it is given back uncounted (see `appliance.judging.dispatcher`), and a lease it
still holds expires so another engine claims the submission. The member keeps trying; an
engine that answers again rejoins on its own.

Stopping (the server stops): no member claims any more; the submissions in hand may finish
within STOP_GRACE_S, the rest are given back to the queue uncounted, and the sandboxes are
removed, each step logged.
"""

from __future__ import annotations

import logging
import threading
from collections import Counter
from collections.abc import Mapping

from appliance.config import Config
from appliance.judging.admission import recheck
from appliance.judging.dispatcher import Dispatcher
from appliance.judging.engines import (
    Engine,
    EngineError,
    engines,
    find_engine,
    mark_health,
    note_error,
    settle_drain,
)
from appliance.judging.heartbeat import LEASE_S, lease_owner
from appliance.judging.slot_use import SlotUse, combined
from appliance.metrics.collectors import JudgingFigures
from appliance.store import Store
from judge.engines import engine_client, ping, shares_files
from judge.errors import JudgeError
from judge.languages import Language
from judge.pool import DOCKER_ERRORS, Pool

log = logging.getLogger(__name__)

HEALTH_S = 1.0  # how often each engine is pinged and the registry re-read
RETRY_S = 2.0  # wait between attempts to (re)join an engine that does not answer
REFUSED_RETRY_S = 30.0  # wait before checking again an engine refused on rejoining
STOP_GRACE_S = 4.0  # on stop, how long the submissions in hand may take to finish


class Member:
    """One engine's life in this server, on a thread of its own."""

    def __init__(self, fleet: Fleet, url: str, slots: int, cert_path: str | None) -> None:
        self.fleet, self.url, self.slots, self.cert_path = fleet, url, slots, cert_path
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, name=f"engine {url}", daemon=True)
        self.use = SlotUse(slots)  # across rejoins, so busy seconds only grow
        self.pool: Pool | None = None
        self.past_failures = Counter[str]()  # of the pools closed since

    def figures(self) -> JudgingFigures:
        """This engine's slots' use and sandbox failures since the server started."""
        pool = self.pool
        failures = self.past_failures + Counter(pool.failures if pool is not None else {})
        return JudgingFigures(self.use.figures(), dict(failures))

    @property
    def key(self) -> tuple[int, str | None]:
        return self.slots, self.cert_path

    def _run(self) -> None:
        said = None
        while not self.stop.is_set():
            error = self._serve()
            if error is not None:
                if error != said:  # once, not every RETRY_S
                    log.warning("engine %s: %s", self.url, error)
                mark_health(self.fleet.store, self.url, error)
            said = error
            refused = error is not None and error.startswith("refused")
            self.stop.wait(REFUSED_RETRY_S if refused else RETRY_S)

    def _serve(self) -> str | None:
        """Join the engine and judge on it until it is lost or this member is stopped; why
        it was lost (None when stopped)."""
        error = ping(self.url, self.cert_path)
        if error is not None:
            return error
        fleet = self.fleet
        try:
            pool = Pool(engine_client(self.url, self.cert_path), fleet.config.sandbox,
                        fleet.config.blobs_dir, size=self.slots,
                        shipped=not shares_files(self.url))
        except JudgeError as exc:
            return str(exc)
        try:
            pool.start()
            refused = self._recheck(pool)
        except (JudgeError, *DOCKER_ERRORS) as exc:
            pool.close()
            return f"cannot judge on this engine: {exc}"
        if refused is not None:
            pool.close()
            return refused
        dispatcher = Dispatcher(fleet.store, pool, fleet.config.library_dir, fleet.languages,
                                worker=lease_owner(self.url), lease_s=fleet.lease_s,
                                engine=self.url, engine_error=self._lost, slots=self.use)
        self.pool = pool
        mark_health(fleet.store, self.url, None)
        log.info("engine %s judges with %d slot(s)", self.url, self.slots)
        judging = threading.Thread(target=dispatcher.run, args=(self.stop,),
                                   name=f"dispatch {self.url}")
        judging.start()
        error = None
        while judging.is_alive():
            judging.join(HEALTH_S)
            if self.stop.is_set():
                self._wind_down(judging, dispatcher)
                break
            if error is None and not dispatcher.engine_lost.is_set():
                error = ping(self.url, self.cert_path)
                if error is not None:
                    mark_health(fleet.store, self.url, error)  # no claims from now on
                    dispatcher.engine_lost.set()
        pool.close()
        judging.join()
        self.past_failures.update(pool.failures)
        self.pool = None
        if dispatcher.engine_lost.is_set():
            return error or ping(self.url, self.cert_path) or "a judging failed with the engine"
        return None

    def _recheck(self, pool: Pool) -> str | None:
        """Why the engine may not judge after (re)joining (see `admission.recheck`)."""
        try:
            kept: Engine = find_engine(self.fleet.store, self.url)
        except EngineError:  # removed meanwhile: the fleet stops this member
            return None
        if not kept.toolchains:  # given to `podium serve --engine`, never checked
            return None
        log.info("engine %s: checking its toolchains again", self.url)
        return recheck(pool, pool.blobs, list(self.fleet.languages.values()),
                       kept.toolchains)

    def _wind_down(self, judging: threading.Thread, dispatcher: Dispatcher) -> None:
        """The member stops: let the submissions in hand finish within STOP_GRACE_S, give the
        rest back (their sandboxes are removed next)."""
        in_hand = len(dispatcher.heartbeat.in_hand())
        if in_hand:
            log.info("engine %s: no new claims; %d submission(s) in hand may finish within "
                     "%.0f s", self.url, in_hand, STOP_GRACE_S)
        judging.join(STOP_GRACE_S)
        if judging.is_alive():
            given = dispatcher.give_back_in_hand("the judge stopped")
            log.info("engine %s: %d unfinished submission(s) given back to the queue",
                     self.url, given)
        log.info("engine %s: removing its sandboxes", self.url)

    def _lost(self) -> str | None:
        """Why the engine cannot judge (it does not answer), noted for the console; None
        when it answers."""
        error = ping(self.url, self.cert_path)
        if error is not None:
            note_error(self.fleet.store, self.url, error)
        return error


class Fleet:
    """The engines this server judges on, as the registry lists them."""

    def __init__(self, store: Store, config: Config, languages: Mapping[str, Language],
                 lease_s: float = LEASE_S) -> None:
        self.store, self.config, self.languages, self.lease_s = (store, config, languages,
                                                                 lease_s)
        self.members: dict[str, Member] = {}

    def run(self, stop: threading.Event) -> None:
        """Follow the registry until `stop`: start, restart and stop members; settle drains.
        Every member is stopped (its running submissions finish) on the way out."""
        try:
            while not stop.is_set():
                self.follow()
                stop.wait(HEALTH_S)
        finally:
            for member in self.members.values():
                member.stop.set()
            for member in self.members.values():
                member.thread.join(120)

    def follow(self) -> None:
        """One look at the registry: every engine not drained has a member with its slots."""
        wanted = {}
        for engine in engines(self.store):
            if engine.state == "draining":
                settle_drain(self.store, engine.url)
            if engine.state != "drained":
                wanted[engine.url] = engine
        for url, member in list(self.members.items()):
            engine = wanted.get(url)
            if engine is None or (engine.slots, engine.cert_path) != member.key:
                member.stop.set()  # its running submissions finish first
            if member.stop.is_set() and not member.thread.is_alive():
                del self.members[url]
        for url, engine in wanted.items():
            if url not in self.members:
                member = Member(self, url, engine.slots, engine.cert_path)
                self.members[url] = member
                member.thread.start()

    def figures(self) -> JudgingFigures:
        """Every engine's slots (one list) and sandbox failures, for /metrics."""
        members = dict(self.members)  # the fleet's thread may change it meanwhile
        parts = [members[url].figures() for url in sorted(members)]
        failures = sum((Counter(p.failures) for p in parts), Counter[str]())
        return JudgingFigures(combined(p.slots for p in parts), dict(failures))

    def error(self) -> str | None:
        """Why nothing judges, when no engine is up (for the jury's queue figures)."""
        known = engines(self.store)
        if any(e.up and e.state != "drained" for e in known):
            return None
        if not known:
            return "no Docker engine is registered: podium engine add URL"
        return "no Docker engine judges: " + "; ".join(
            f"{e.url} {e.shown_state}" + (f" ({e.last_error})" if e.last_error else "")
            for e in known)
