"""Rejudging with review: the new judgements wait beside the current ones, the differences
are listed, and only a judge's apply makes them count (cancel leaves everything as it was).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from appliance.clics.events import judgement_event
from appliance.clics.times import iso_time
from appliance.errors import ApplianceError
from appliance.judging.queue import retire_current
from appliance.store import Store, clics_submission_id, submission_contest


class RejudgingError(ApplianceError):
    """A rejudging that cannot be started, applied or cancelled now, and why."""


@dataclass(frozen=True)
class Change:
    """One submission of a rejudging: its current verdict and the rejudged one (None: not
    judged yet); the submission by its CLICS id."""

    submission_id: str
    before: str | None
    after: str | None

    @property
    def differs(self) -> bool:
        return self.after is not None and self.after != self.before


def select_submissions(store: Store, contest_id: str, *, submission: str | None = None,
                       problem: str | None = None, team: str | None = None,
                       language: str | None = None) -> list[int]:
    """The judged submissions a rejudging's scope takes (all given filters together; the
    submission by its CLICS id), as internal ids."""
    where, params = ["contest_id = ?", "status = 'judged'"], [contest_id]
    for column, value in (("clics_id", submission), ("problem_id", problem), ("team_id", team),
                          ("language_id", language)):
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    rows = store.query(f"SELECT id FROM submissions WHERE {' AND '.join(where)} ORDER BY id",
                       params)  # noqa: S608 - fixed column names
    return [row["id"] for row in rows]


def start_rejudging(store: Store, contest_id: str, submission_ids: list[int],
                    reason: str = "") -> int:
    """Queue these submissions again under a new rejudging; its id."""
    if not submission_ids:
        raise RejudgingError("no judged submission matches: nothing to rejudge")

    def write(db) -> int:
        busy = db.execute(f"SELECT clics_id FROM submissions WHERE id IN "
                          f"({','.join('?' * len(submission_ids))}) AND (status != 'judged' "
                          "OR rejudging_id IS NOT NULL)", submission_ids).fetchall()
        if busy:
            raise RejudgingError(f"submission {busy[0][0]} is being judged or rejudged")
        rid = int(db.execute("INSERT INTO rejudgings (contest_id, reason, created) "
                             "VALUES (?, ?, ?)", [contest_id, reason, _now()]).lastrowid or 0)
        db.execute(f"UPDATE submissions SET status = 'queued', attempt = 0, last_error = NULL, "
                   f"rejudging_id = ? WHERE id IN ({','.join('?' * len(submission_ids))})",
                   [rid, *submission_ids])
        return rid

    return store.write(write, queues=True)


def rejudging_row(store: Store, contest_id: str, rejudging_id: int) -> dict | None:
    """One rejudging of the contest (reason, state, created), None if it has no such one."""
    rows = store.query("SELECT * FROM rejudgings WHERE id = ? AND contest_id = ?",
                       [rejudging_id, contest_id])
    return rows[0] if rows else None


def rejudging_ids(store: Store, contest_id: str) -> list[int]:
    """The contest's rejudgings, newest first."""
    return [r["id"] for r in store.query(
        "SELECT id FROM rejudgings WHERE contest_id = ? ORDER BY id DESC", [contest_id])]


def changes(store: Store, rejudging_id: int) -> list[Change]:
    """Each submission of the rejudging with its current and rejudged verdict."""
    rows = store.query(
        "SELECT s.clics_id AS submission_id, "
        "(SELECT verdict FROM judgements WHERE submission_id = s.id AND is_current = 1) "
        "AS before, (SELECT verdict FROM judgements WHERE submission_id = s.id AND "
        "rejudging_id = ? ORDER BY id DESC LIMIT 1) AS after FROM submissions s "
        "WHERE s.rejudging_id = ? OR s.id IN (SELECT submission_id FROM judgements "
        "WHERE rejudging_id = ?) ORDER BY s.id", [rejudging_id] * 3)
    return [Change(r["submission_id"], r["before"], r["after"]) for r in rows]


def rejudging_state(stored: str, found: list[Change]) -> str:
    """What a rejudging is at, as a judge needs to know it: `judging` (some submission
    still waits for its new judgement), `judged` (all have one: review, then apply or
    cancel), `applied` or `cancelled`. The store keeps `running` for the first two."""
    if stored != "running":
        return stored
    return "judging" if any(c.after is None for c in found) else "judged"


def current_state(store: Store, rejudging_id: int, found: list[Change]) -> str:
    """What rejudging `rejudging_id` is at (`rejudging_state`), looked up by its id alone, as
    the command line names it; RejudgingError if there is no such rejudging."""
    rows = store.query("SELECT state FROM rejudgings WHERE id = ?", [rejudging_id])
    if not rows:
        raise RejudgingError(f"no rejudging {rejudging_id}")
    return rejudging_state(rows[0]["state"], found)


def apply_rejudging(store: Store, rejudging_id: int) -> int:
    """Make the rejudged verdicts current (once every submission is judged); how many
    changed."""
    pending = [c for c in changes(store, rejudging_id) if c.after is None]
    if pending:
        raise RejudgingError(f"{len(pending)} submission(s) of rejudging {rejudging_id} are "
                             "not judged yet")

    def write(db) -> int:
        _running(db, rejudging_id)
        time = _now()
        rows = list(db.query("SELECT * FROM judgements WHERE rejudging_id = ? AND id IN "
                             "(SELECT max(id) FROM judgements WHERE rejudging_id = ? "
                             "GROUP BY submission_id)", [rejudging_id, rejudging_id]))
        for row in rows:
            retire_current(store, db, row["submission_id"], time)
            db.execute("UPDATE judgements SET is_current = 1 WHERE id = ?", [row["id"]])
            store.append_event(db, "judgements", str(row["id"]),
                               judgement_event({**row, "is_current": 1},
                                               clics_submission_id(db, row["submission_id"])),
                               op="update",
                               time=time, contest_id=submission_contest(db, row["submission_id"]))
        db.execute("UPDATE rejudgings SET state = 'applied' WHERE id = ?", [rejudging_id])
        return len(rows)

    return store.write(write)


def cancel_rejudging(store: Store, rejudging_id: int) -> None:
    """Drop the rejudging: current judgements stay; submissions still waiting go back."""

    def write(db) -> None:
        _running(db, rejudging_id)
        db.execute("UPDATE submissions SET status = 'judged', rejudging_id = NULL, "
                   "worker = NULL, lease_until = NULL WHERE rejudging_id = ? AND "
                   "status = 'queued'", [rejudging_id])
        db.execute("UPDATE rejudgings SET state = 'cancelled' WHERE id = ?", [rejudging_id])

    store.write(write)


def _running(db, rejudging_id: int) -> None:
    row = db.execute("SELECT state FROM rejudgings WHERE id = ?", [rejudging_id]).fetchone()
    if row is None:
        raise RejudgingError(f"no rejudging {rejudging_id}")
    if row[0] != "running":
        raise RejudgingError(f"rejudging {rejudging_id} is already {row[0]}")


def _now() -> str:
    return iso_time(time.time())
