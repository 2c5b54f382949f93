"""The balloon queue: one balloon per team and problem, for the team's first accepted
submission on it, derived from the judgements every time it is read (so a rejudging
changes it with no bookkeeping of its own); only what runners did is stored (delivered, by
whom and when; a balloon taken back).

A balloon's state: `pending` (accepted, not delivered yet), `delivered`, `take back` (it
was delivered, and a rejudging took the accepted verdict away: go and fetch it) and
`withdrawn` (no accepted verdict any more and no balloon out: nothing to carry). When the
contest says no balloons during the freeze, balloons of submissions made in the frozen
part wait until the board is thawed."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime

from appliance.clics.times import reltime
from appliance.contest.control import load_clock
from appliance.errors import ApplianceError
from appliance.store import Store

PENDING, DELIVERED, TAKE_BACK, WITHDRAWN = "pending", "delivered", "take back", "withdrawn"
ACTIONS = ("deliver", "undo", "returned")  # what a runner marks


class BalloonError(ApplianceError):
    """A runner's mark that does not fit the balloon's state (delivered twice, say)."""


@dataclass(frozen=True)
class Solve:
    """A submission whose verdict was accepted at some time; `accepted` if it still is."""

    submission_id: int
    team_id: str
    problem_id: str
    contest_time: float
    time: str
    accepted: bool


@dataclass(frozen=True)
class Delivery:
    """What runners did with one team's balloon for one problem."""

    delivered_by: str
    delivered_at: str
    returned_by: str | None = None
    returned_at: str | None = None

    @property
    def out(self) -> bool:
        """Whether the balloon is at the team's desk."""
        return self.returned_at is None


@dataclass(frozen=True)
class Balloon:
    """One entry of the queue, as runners and the jury read it."""

    team_id: str
    problem_id: str
    submission_id: int
    contest_time: float
    time: str
    state: str
    first_to_solve: bool = False
    team_first: bool = False
    delivery: Delivery | None = None

    @property
    def take_back(self) -> bool:
        """Whether its accepted verdict was taken away."""
        return self.state in (TAKE_BACK, WITHDRAWN)


def balloons(solves: Iterable[Solve], deliveries: Mapping[tuple[str, str], Delivery],
             hidden_teams: frozenset[str] = frozenset(),
             held_from: float | None = None) -> list[Balloon]:
    """The queue, by time: per (team, problem) the earliest submission accepted now, else
    the earliest ever accepted (a take back). First to solve is the earliest balloon of a
    problem among teams not hidden (ties share it); a team's first solve its earliest
    balloon. `held_from`: the contest time from which balloons are held back (the freeze,
    when the contest says so)."""
    chosen: dict[tuple[str, str], Solve] = {}
    for solve in sorted(solves, key=lambda s: (not s.accepted, s.contest_time,
                                               s.submission_id)):
        chosen.setdefault((solve.team_id, solve.problem_id), solve)
    live = [s for s in chosen.values() if s.accepted]
    first_of_problem: dict[str, float] = {}
    first_of_team: dict[str, float] = {}
    for s in live:
        if s.team_id not in hidden_teams:
            first_of_problem[s.problem_id] = min(first_of_problem.get(s.problem_id, s.contest_time),
                                                 s.contest_time)
        first_of_team[s.team_id] = min(first_of_team.get(s.team_id, s.contest_time),
                                       s.contest_time)
    result = []
    for key, s in chosen.items():
        delivery = deliveries.get(key)
        out = delivery is not None and delivery.out
        if s.accepted:
            if held_from is not None and s.contest_time >= held_from and not out:
                continue
            state = DELIVERED if out else PENDING
        else:
            state = TAKE_BACK if out else WITHDRAWN
        result.append(Balloon(
            s.team_id, s.problem_id, s.submission_id, s.contest_time, s.time, state,
            first_to_solve=s.accepted and s.team_id not in hidden_teams
            and s.contest_time == first_of_problem.get(s.problem_id),
            team_first=s.accepted and s.contest_time == first_of_team.get(s.team_id),
            delivery=delivery))
    return sorted(result, key=lambda b: (b.contest_time, b.submission_id))


def mark(balloon: Balloon | None, action: str, who: str, now: str) -> Delivery | None:
    """What a runner's mark makes of a balloon's delivery (None: no balloon out, nothing
    recorded), or BalloonError saying why the mark does not fit."""
    if action not in ACTIONS:
        raise BalloonError(f"unknown action {action!r}: one of {', '.join(ACTIONS)}")
    if balloon is None:
        raise BalloonError("no balloon: the team has no accepted submission on this problem")
    name = f"the balloon of team {balloon.team_id} for problem {balloon.problem_id}"
    done = balloon.delivery
    if action == "deliver":
        if balloon.state == DELIVERED and done is not None:
            raise BalloonError(f"{name} was already delivered by {done.delivered_by} at "
                               f"{done.delivered_at}")
        if balloon.state != PENDING:
            raise BalloonError(f"{name} is {balloon.state}: nothing to deliver")
        return Delivery(who, now)
    if action == "undo":
        if balloon.state not in (DELIVERED, TAKE_BACK):
            raise BalloonError(f"{name} was not delivered: nothing to undo")
        return None
    if balloon.state != TAKE_BACK or done is None:
        raise BalloonError(f"{name} is {balloon.state}: nothing to take back")
    return replace(done, returned_by=who, returned_at=now)


# --- the store ------------------------------------------------------------------------------

def solves_of(store: Store, contest_id: str) -> list[Solve]:
    """Every submission of the contest that was ever accepted by a judgement that counted
    (a normal one, or one of an applied rejudging), with whether it is accepted now."""
    rows = store.query(
        "SELECT s.id, s.team_id, s.problem_id, s.contest_time, s.time, "
        "EXISTS (SELECT 1 FROM judgements c WHERE c.submission_id = s.id AND "
        "c.is_current = 1 AND c.verdict = 'AC') AS accepted FROM submissions s "
        "WHERE s.contest_id = ? AND s.status != 'refused' AND s.team_id IS NOT NULL AND "
        "EXISTS (SELECT 1 FROM judgements j WHERE j.submission_id = s.id AND "
        "j.verdict = 'AC' AND (j.is_current = 1 OR j.rejudging_id IS NULL OR "
        "j.rejudging_id IN (SELECT id FROM rejudgings WHERE state = 'applied')))",
        [contest_id])
    return [Solve(r["id"], r["team_id"], r["problem_id"], float(r["contest_time"]), r["time"],
                  bool(r["accepted"])) for r in rows]


def deliveries_of(store: Store, contest_id: str) -> dict[tuple[str, str], Delivery]:
    """What runners recorded, by (team, problem)."""
    return {(r["team_id"], r["problem_id"]): Delivery(r["delivered_by"], r["delivered_at"],
                                                      r["returned_by"], r["returned_at"])
            for r in store.query("SELECT * FROM balloon_deliveries WHERE contest_id = ?",
                                 [contest_id])}


def held_from(store: Store, contest_id: str, now: datetime) -> float | None:
    """The contest time from which balloons wait for the thaw, None when none wait: the
    contest gives balloons during the freeze (the default), or the board is not frozen."""
    (row,) = store.query("SELECT balloons_during_freeze FROM contests WHERE id = ?",
                         [contest_id])
    clock = load_clock(store, contest_id)
    if row["balloons_during_freeze"] or not clock.scoreboard_frozen(now):
        return None
    return clock.length_s - clock.freeze_s


def queue_of(store: Store, contest_id: str, now: datetime) -> list[Balloon]:
    """The contest's balloon queue now."""
    hidden = frozenset(r["id"] for r in store.query("SELECT id FROM teams WHERE hidden = 1"))
    return balloons(solves_of(store, contest_id), deliveries_of(store, contest_id), hidden,
                    held_from(store, contest_id, now))


def record(store: Store, contest_id: str, team_id: str, problem_id: str, action: str,
           who: str, now: datetime) -> Balloon:
    """A runner's mark (deliver, undo, returned) checked against the queue and stored;
    the balloon as it is now. BalloonError when the mark does not fit."""
    def find() -> Balloon | None:
        return next((b for b in queue_of(store, contest_id, now)
                     if (b.team_id, b.problem_id) == (team_id, problem_id)), None)

    def write(db) -> None:
        delivery = mark(find(), action, who, now.isoformat(timespec="seconds"))
        db.execute("DELETE FROM balloon_deliveries WHERE contest_id = ? AND team_id = ? "
                   "AND problem_id = ?", [contest_id, team_id, problem_id])
        if delivery is not None:
            db.execute("INSERT INTO balloon_deliveries (contest_id, team_id, problem_id, "
                       "delivered_by, delivered_at, returned_by, returned_at) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?)",
                       [contest_id, team_id, problem_id, delivery.delivered_by,
                        delivery.delivered_at, delivery.returned_by, delivery.returned_at])

    store.write(write)  # read inside the write lock: two runners' marks are serialised
    balloon = find()
    assert balloon is not None
    return balloon


def to_json(balloon: Balloon, teams: Mapping[str, dict], problems: Mapping[str, dict]) -> dict:
    """A balloon as the API, the runners' page and the console read it."""
    team, problem = teams.get(balloon.team_id, {}), problems.get(balloon.problem_id, {})
    done = balloon.delivery
    return {"team_id": balloon.team_id,
            "team": team.get("display_name") or team.get("name") or balloon.team_id,
            "location": team.get("location"), "problem_id": balloon.problem_id,
            "label": problem.get("label"), "rgb": problem.get("rgb"),
            "submission_id": str(balloon.submission_id), "time": balloon.time,
            "contest_time": reltime(balloon.contest_time), "state": balloon.state,
            "take_back": balloon.take_back, "first_to_solve": balloon.first_to_solve,
            "team_first": balloon.team_first,
            "delivered_by": done.delivered_by if done else None,
            "delivered_at": done.delivered_at if done else None,
            "returned_by": done.returned_by if done else None,
            "returned_at": done.returned_at if done else None}
