"""The registry of Docker engines that judge: one row per engine URL in the store.

The jury's decisions (add, drain, remove) are written here by `podium engine ...` from a
shell or by `podium serve --engine`; the server follows the table, and writes each engine's
health (up, last error). The queue refuses a claim for an engine that is not active and up
in the same transaction as the claim, so a committed drain stops new work at once.

An engine's shown state: `down` when the server cannot reach it, else the jury's state —
`active`, `draining` (no new work; its running submissions finish), `drained` (none left).
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlite_utils import Database

from appliance.errors import ApplianceError
from appliance.store import Store

STATES = ("active", "draining", "drained")


class EngineError(ApplianceError):
    """An engine that is not registered, or a request about it that cannot be done."""


@dataclass(frozen=True)
class Engine:
    """A Docker engine as the registry knows it."""

    url: str
    slots: int
    state: str = "active"
    cert_path: str | None = None
    up: bool = False
    last_error: str | None = None
    checked_at: float | None = None
    busy: int = 0  # submissions it is judging now (under a live lease)
    judged: int = 0  # judgements it recorded
    # language id -> version line as `podium engine add` found them (None: not checked)
    toolchains: Mapping[str, str] | None = None

    @property
    def shown_state(self) -> str:
        """What the console and `podium engine list` show (see the module's docstring)."""
        return "down" if not self.up and self.state != "drained" else self.state

    def to_json(self) -> dict:
        return {"url": self.url, "state": self.shown_state, "slots": self.slots,
                "busy": self.busy, "judged": self.judged, "last_error": self.last_error,
                "checked_at": self.checked_at}


def toolchain_mismatches(reference: Mapping[str, str], candidate: Mapping[str, str],
                         theirs_is: str = "on the new engine", ours_is: str = "here"
                         ) -> list[str]:
    """What differs between two engines' toolchains (language id -> version line), one
    sentence per language naming both versions (`theirs_is`, `ours_is`: where each was
    seen); none means their timings and verdicts are comparable."""
    problems = []
    for language, version in sorted(reference.items()):
        theirs = candidate.get(language)
        if theirs is None:
            problems.append(f"{language}: missing {theirs_is} ({ours_is}: {version})")
        elif theirs != version:
            problems.append(f"{language}: {theirs!r} {theirs_is}, {version!r} {ours_is}")
    return problems


def engines(store: Store) -> list[Engine]:
    """Every registered engine in the order added, with its busy and judged counts."""
    now = time.time()
    busy = {r["engine"]: r["n"] for r in store.query(
        "SELECT engine, count(*) AS n FROM submissions WHERE status = 'judging' AND "
        "engine IS NOT NULL AND lease_until > ? GROUP BY engine", [now])}
    judged = {r["engine"]: r["n"] for r in store.query(
        "SELECT engine, count(*) AS n FROM judgements WHERE engine IS NOT NULL "
        "GROUP BY engine")}
    return [Engine(url=r["url"], slots=r["slots"], state=r["state"], cert_path=r["cert_path"],
                   up=bool(r["up"]), last_error=r["last_error"], checked_at=r["checked_at"],
                   busy=busy.get(r["url"], 0), judged=judged.get(r["url"], 0),
                   toolchains=json.loads(r["toolchains"]) if r["toolchains"] else None)
            for r in store.query("SELECT * FROM engines ORDER BY added_at, rowid")]


def find_engine(store: Store, url: str) -> Engine:
    """The registered engine at `url`; a clear error naming the others if there is none."""
    found = [e for e in engines(store) if e.url == url]
    if not found:
        known = ", ".join(e.url for e in engines(store)) or "none"
        raise EngineError(f"no engine {url!r} is registered (registered: {known})")
    return found[0]


def register(store: Store, url: str, slots: int, cert_path: str | None = None,
             toolchains: Mapping[str, str] | None = None) -> None:
    """Add the engine, or update its slots and make it active again (after a drain);
    `toolchains` (as checked by `podium engine add`) replace those kept, if given."""
    added = datetime.now(UTC).isoformat(timespec="milliseconds")
    found = json.dumps(dict(toolchains), sort_keys=True) if toolchains else None
    store.write(lambda db: db.execute(
        "INSERT INTO engines (url, slots, cert_path, added_at, toolchains) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET slots = excluded.slots, "
        "state = 'active', cert_path = excluded.cert_path, "
        "toolchains = coalesce(excluded.toolchains, toolchains)",
        [url, slots, cert_path, added, found]))


def drain(store: Store, url: str, now: float | None = None) -> None:
    """Stop new work on the engine; its running submissions finish (see `settle_drain`)."""
    find_engine(store, url)
    store.write(lambda db: db.execute(
        "UPDATE engines SET state = 'draining' WHERE url = ? AND state = 'active'", [url]))
    settle_drain(store, url, now)


def settle_drain(store: Store, url: str, now: float | None = None) -> int:
    """Mark a draining engine drained once it judges nothing (no live lease held for it);
    how many it still judges. A dead engine's leases run out, so its drain ends too."""

    def settle(db: Database) -> int:
        (running,) = db.execute(
            "SELECT count(*) FROM submissions WHERE status = 'judging' AND engine = ? "
            "AND lease_until > ?", [url, time.time() if now is None else now]).fetchone()
        if not running:
            db.execute("UPDATE engines SET state = 'drained' WHERE url = ? AND "
                       "state = 'draining'", [url])
        return int(running)

    return store.write(settle)


def remove(store: Store, url: str) -> None:
    """Forget the engine; the server stops its slots (running submissions finish first)."""
    find_engine(store, url)
    store.write(lambda db: db.execute("DELETE FROM engines WHERE url = ?", [url]))


def mark_health(store: Store, url: str, error: str | None) -> None:
    """Record what the server saw of the engine: up (no error) or down with the reason."""
    store.write(lambda db: db.execute(
        "UPDATE engines SET up = ?, last_error = coalesce(?, last_error), checked_at = ? "
        "WHERE url = ?", [int(error is None), error, time.time(), url]))


def note_error(store: Store, url: str, error: str) -> None:
    """Keep an engine's latest failure (a judging it could not do) for the console."""
    store.write(lambda db: db.execute("UPDATE engines SET last_error = ? WHERE url = ?",
                                      [error[:500], url]))
