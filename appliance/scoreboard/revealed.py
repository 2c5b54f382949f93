"""The reveal's steps in the store (migration `reveal_steps`): the cell each step showed, in
order. Every web worker shows the stored cells on its own board, so the reveal is one
sequence whichever worker a step's request reaches, and survives a restart.

A step is taken as a compare-and-set: it is stored only as the step after the last one its
worker had shown, so two workers racing for the same step store one of them; the other
shows the winner's cell and chooses again."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from appliance.store import Store


@dataclass(frozen=True)
class StoredStep:
    """One stored step: its number (from 1) and the cell it showed."""

    step: int
    team_id: str
    problem_id: str


def steps_after(store: Store, contest_id: str, step: int = 0) -> list[StoredStep]:
    """The contest's steps past `step`, in order."""
    return [StoredStep(r["step"], r["team_id"], r["problem_id"]) for r in store.query(
        "SELECT step, team_id, problem_id FROM reveal_steps WHERE contest_id = ? AND step > ? "
        "ORDER BY step", [contest_id, step])]


def take_step(store: Store, contest_id: str, after: int, team_id: str, problem_id: str,
              by: str, now: datetime) -> bool:
    """Store the cell as step `after + 1` unless a step past `after` is stored already
    (another worker's): whether it was stored."""
    def write(db) -> bool:
        (last,) = db.execute("SELECT coalesce(max(step), 0) FROM reveal_steps "
                             "WHERE contest_id = ?", [contest_id]).fetchone()
        if last != after:
            return False
        db.execute("INSERT INTO reveal_steps (contest_id, step, team_id, problem_id, by, time) "
                   "VALUES (?, ?, ?, ?, ?, ?)", [contest_id, after + 1, team_id, problem_id,
                                                 by, now.isoformat(timespec="seconds")])
        return True

    return store.write(write)
