"""Clarifications: a team asks the jury, the jury answers that team or everyone, and the
jury announces to all. Names and event shape from the CLICS clarification object."""

from __future__ import annotations

from dataclasses import dataclass

from appliance.clics.events import clarification_event
from appliance.contest.visibility import Viewer, sees_clarification
from appliance.errors import ApplianceError
from appliance.store import Store

MAX_TEXT = 4000  # characters of one clarification


class ClarificationError(ApplianceError):
    """A clarification that cannot be sent, and why."""


@dataclass(frozen=True)
class Clarification:
    """One clarification as the jury sees it."""

    id: int
    from_team_id: str | None
    to_team_id: str | None
    reply_to_id: int | None
    problem_id: str | None
    text: str
    time: str
    answered: bool = False


def _send(store: Store, contest_id: str, *, text: str, time: str, contest_time: float | None,
          from_team: str | None = None, to_team: str | None = None,
          reply_to: int | None = None, problem: str | None = None) -> int:
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

    def write(db) -> int:
        cid = int(db.execute(
            "INSERT INTO clarifications (contest_id, from_team_id, to_team_id, reply_to_id, "
            "problem_id, text, time, contest_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [contest_id, from_team, to_team, reply_to, problem, text, time, contest_time]
        ).lastrowid or 0)
        store.append_event(db, "clarifications", str(cid), clarification_event(
            id=cid, from_team_id=from_team, to_team_id=to_team, reply_to_id=reply_to,
            problem_id=problem, text=text, time=time), time=time)
        return cid

    return store.write(write)


def ask(store: Store, contest_id: str, team: str, text: str, time: str,
        contest_time: float | None = None, problem: str | None = None) -> int:
    """A team's question to the jury."""
    return _send(store, contest_id, text=text, time=time, contest_time=contest_time,
                 from_team=team, problem=problem)


def answer(store: Store, question_id: int, text: str, time: str, to_all: bool = False,
           contest_time: float | None = None) -> int:
    """The jury's answer to the asking team, or to every team."""
    rows = store.query("SELECT contest_id, from_team_id, problem_id FROM clarifications "
                       "WHERE id = ?", [question_id])
    if not rows or rows[0]["from_team_id"] is None:
        raise ClarificationError(f"no question {question_id} from a team")
    q = rows[0]
    return _send(store, q["contest_id"], text=text, time=time, contest_time=contest_time,
                 to_team=None if to_all else q["from_team_id"], reply_to=question_id,
                 problem=q["problem_id"])


def announce(store: Store, contest_id: str, text: str, time: str,
             contest_time: float | None = None, problem: str | None = None) -> int:
    """A jury announcement to every team."""
    return _send(store, contest_id, text=text, time=time, contest_time=contest_time,
                 problem=problem)


def clarifications_of(store: Store, contest_id: str) -> list[dict]:
    """The contest's clarifications as stored, by id."""
    return store.query("SELECT * FROM clarifications WHERE contest_id = ? ORDER BY id",
                       [contest_id])


def clarification_row(store: Store, clarification_id: int) -> dict | None:
    """One clarification as stored, None if there is none."""
    rows = store.query("SELECT * FROM clarifications WHERE id = ?", [clarification_id])
    return rows[0] if rows else None


def for_jury(store: Store, contest_id: str) -> list[Clarification]:
    """Every clarification, unanswered questions first (oldest first), then the rest."""
    rows = store.query(
        "SELECT c.*, EXISTS (SELECT 1 FROM clarifications r WHERE r.reply_to_id = c.id) "
        "AS answered FROM clarifications c WHERE contest_id = ? ORDER BY id", [contest_id])
    items = [Clarification(r["id"], r["from_team_id"], r["to_team_id"], r["reply_to_id"],
                           r["problem_id"], r["text"], r["time"], bool(r["answered"]))
             for r in rows]
    waiting = [c for c in items if c.from_team_id and not c.answered]
    return waiting + [c for c in items if c not in waiting]


def for_team(store: Store, contest_id: str, team: str) -> list[Clarification]:
    """What a team may see: its own questions, answers to it, and everything sent to all."""
    viewer = Viewer.team(team)
    seen = [c for c in for_jury(store, contest_id)
            if sees_clarification(viewer, c.from_team_id, c.to_team_id)]
    return sorted(seen, key=lambda c: c.id)
