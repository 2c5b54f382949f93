"""Clarifications: a team asks the jury, the jury answers that team or everyone, and the
jury announces to all. Names and event shape from the CLICS clarification object."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from appliance.clics.events import clarification_event
from appliance.contest.visibility import Viewer, sees_clarification
from appliance.errors import ApplianceError
from appliance.store import Store

MAX_TEXT = 4000  # characters of one clarification


class ClarificationError(ApplianceError):
    """A clarification that cannot be sent, and why."""


@dataclass(frozen=True)
class Clarification:
    """One clarification as the jury sees it, by CLICS ids."""

    id: str
    from_team_id: str | None
    to_team_id: str | None
    reply_to_id: str | None
    problem_id: str | None
    text: str
    time: str
    answered: bool = False


def _send(store: Store, contest_id: str, *, text: str, time: str, contest_time: float | None,
          from_team: str | None = None, to_team: str | None = None,
          reply_to: int | None = None, problem: str | None = None) -> str:
    text = text.strip()
    if not text:
        raise ClarificationError("a clarification needs some text")
    if len(text) > MAX_TEXT:
        raise ClarificationError(f"a clarification holds at most {MAX_TEXT} characters")
    if problem is not None and not store.query(
            "SELECT 1 FROM problems WHERE id = ? AND contest_id = ?", [problem, contest_id]):
        raise ClarificationError(f"problem {problem!r} is not in this contest")
    for team in (from_team, to_team):
        if team is not None and not store.query("SELECT 1 FROM teams WHERE id = ?", [team]):
            raise ClarificationError(f"unknown team {team!r}")
    return store.write(lambda db: insert_clarification(
        store, db, contest_id, from_team=from_team, to_team=to_team, reply_to=reply_to,
        problem=problem, text=text, time=time, contest_time=contest_time))


def insert_clarification(store: Store, db: Database, contest_id: str, *,
                         from_team: str | None, to_team: str | None, reply_to: int | None,
                         problem: str | None, text: str, time: str,
                         contest_time: float | None, clics_id: str | None = None) -> str:
    """A clarification's row and event inside a write already open; its CLICS id (the one
    given, as a contest package gives it, else the next free number as text)."""
    (used,) = db.execute("SELECT coalesce(max(id), 0) FROM clarifications").fetchone()
    key = int(used) + 1
    while db.execute("SELECT 1 FROM clarifications WHERE clics_id = ?",
                     [str(key)]).fetchone():
        key += 1
    given = clics_id or str(key)
    db.execute(
        "INSERT INTO clarifications (id, clics_id, contest_id, from_team_id, to_team_id, "
        "reply_to_id, problem_id, text, time, contest_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [key, given, contest_id, from_team, to_team, reply_to, problem, text, time,
         contest_time])
    replied = None if reply_to is None else db.execute(
        "SELECT clics_id FROM clarifications WHERE id = ?", [reply_to]).fetchone()[0]
    store.append_event(db, "clarifications", given, clarification_event(
        id=given, from_team_id=from_team, to_team_id=to_team, reply_to_id=replied,
        problem_id=problem, text=text, time=time), time=time, contest_id=contest_id)
    return given


def ask(store: Store, contest_id: str, team: str, text: str, time: str,
        contest_time: float | None = None, problem: str | None = None) -> str:
    """A team's question to the jury; its CLICS id."""
    return _send(store, contest_id, text=text, time=time, contest_time=contest_time,
                 from_team=team, problem=problem)


def answer(store: Store, question_id: str, text: str, time: str, to_all: bool = False,
           contest_time: float | None = None) -> str:
    """The jury's answer (its CLICS id) to the question of this CLICS id: to the asking team,
    or to every team."""
    rows = store.query("SELECT id, contest_id, from_team_id, problem_id FROM clarifications "
                       "WHERE clics_id = ?", [str(question_id)])
    if not rows or rows[0]["from_team_id"] is None:
        raise ClarificationError(f"no question {question_id} from a team")
    q = rows[0]
    return _send(store, q["contest_id"], text=text, time=time, contest_time=contest_time,
                 to_team=None if to_all else q["from_team_id"], reply_to=q["id"],
                 problem=q["problem_id"])


def announce(store: Store, contest_id: str, text: str, time: str,
             contest_time: float | None = None, problem: str | None = None) -> str:
    """A jury announcement to every team; its CLICS id."""
    return _send(store, contest_id, text=text, time=time, contest_time=contest_time,
                 problem=problem)


_ROWS = ("SELECT c.*, r.clics_id AS reply_to_clics_id, EXISTS (SELECT 1 FROM clarifications a "
         "WHERE a.reply_to_id = c.id) AS answered FROM clarifications c "
         "LEFT JOIN clarifications r ON r.id = c.reply_to_id")


def clarifications_of(store: Store, contest_id: str) -> list[dict]:
    """The contest's clarifications as stored, in the order they were sent, each with the
    CLICS id of the one it answers (`reply_to_clics_id`)."""
    return store.query(f"{_ROWS} WHERE c.contest_id = ? ORDER BY c.id", [contest_id])


def clarification_row(store: Store, clarification_id: str) -> dict | None:
    """One clarification (by CLICS id) as `clarifications_of` reads it, None if none."""
    rows = store.query(f"{_ROWS} WHERE c.clics_id = ?", [str(clarification_id)])
    return rows[0] if rows else None


def _in_order(store: Store, contest_id: str) -> list[Clarification]:
    return [Clarification(r["clics_id"], r["from_team_id"], r["to_team_id"],
                          r["reply_to_clics_id"], r["problem_id"], r["text"], r["time"],
                          bool(r["answered"]))
            for r in clarifications_of(store, contest_id)]


def for_jury(store: Store, contest_id: str) -> list[Clarification]:
    """Every clarification, unanswered questions first (oldest first), then the rest."""
    items = _in_order(store, contest_id)
    waiting = [c for c in items if c.from_team_id and not c.answered]
    return waiting + [c for c in items if c not in waiting]


def for_team(store: Store, contest_id: str, team: str) -> list[Clarification]:
    """What a team may see, in the order sent: its own questions, answers to it, and
    everything sent to all."""
    viewer = Viewer.team(team)
    return [c for c in _in_order(store, contest_id)
            if sees_clarification(viewer, c.from_team_id, c.to_team_id)]
