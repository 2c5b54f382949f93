"""The scoreboard of a stored contest, rebuilt from the event log: the same events always
give the same scoreboard, whatever crashed or restarted on the way."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime

from appliance.clics.events import SUBTASK_SCORES
from appliance.clics.times import parse_reltime
from appliance.contest.reads import teams_of
from appliance.scoreboard.board import (
    Event,
    JudgementEvent,
    Problem,
    Scoreboard,
    SubmissionEvent,
    Team,
    Timing,
)
from appliance.scoreboard.scores import ScoreBoard, rules_of
from appliance.store import Store
from judge.verdicts import Verdict


def scoreboard_events(rows: Iterable[dict]) -> Iterator[Event]:
    """Scoreboard events from event-log rows in order (`data` decoded): each submission, and
    each judgement that became current (the update that retires an old one is followed by
    its successor). A submission the log leaves deleted (ignored by a judge,
    `contest/ignoring.py`: its last submissions event a delete) counts for nothing."""
    rows = list(rows)
    last = {row.get("id") or (row["data"] or {}).get("id"): row["op"]
            for row in rows if row["type"] == "submissions"}
    gone = {sid for sid, op in last.items() if op == "delete"}
    for row in rows:
        data = row["data"] or {}
        if (data.get("id") if row["type"] == "submissions" else data.get("submission_id")) \
                in gone:
            continue
        if row["type"] == "submissions" and row["op"] == "create":
            yield SubmissionEvent(data["id"], data["team_id"], data["problem_id"],
                                  parse_reltime(data["contest_time"]))
        elif row["type"] == "judgements" and data.get("current"):
            yield JudgementEvent(data["submission_id"], Verdict(data["judgement_type_id"]),
                                 data.get("score"), data.get(SUBTASK_SCORES))


def scoreboard_from_rows(contest: dict, teams: Iterable[dict], problems: Iterable[dict],
                         events: Iterable[dict],
                         groups: Mapping[str, tuple[str, ...]] | None = None,
                         length_s: float | None = None) -> Scoreboard | ScoreBoard:
    """A fresh scoreboard from a contest's rows (as the store keeps them, or as an audit
    archive holds them) and its event log in order; hidden teams take no place on it. A
    score contest's is a `ScoreBoard` with the contest's rules."""
    start = (datetime.fromisoformat(contest["start_time"]).timestamp()
             if contest["start_time"] else 0.0)
    timing = Timing(start=start, duration=float(length_s or contest["duration"]),
                    freeze_duration=float(contest["scoreboard_freeze_duration"] or 0),
                    penalty_minutes=int(contest["penalty_time"]) // 60)
    board_teams = [Team(r["id"], r["display_name"] or r["name"], (groups or {}).get(r["id"], ()))
                   for r in teams if not r.get("hidden")]
    board_problems = sorted((Problem(r["id"], r["label"], r["ordinal"], r.get("max_score"))
                             for r in problems if r["contest_id"] == contest["id"]),
                            key=lambda p: p.ordinal)
    if contest.get("scoreboard_type") == "score":
        return ScoreBoard.from_events(board_teams, board_problems, timing,
                                      scoreboard_events(events), rules_of(contest))
    return Scoreboard.from_events(board_teams, board_problems, timing,
                                  scoreboard_events(events))


def scoreboard_from_store(store: Store, contest_id: str,
                          length_s: float | None = None) -> Scoreboard | ScoreBoard:
    """Replay the store's event log into a fresh scoreboard of one contest; `length_s` is
    the contest's length with its extensions (the freeze is its last part)."""
    (contest,) = store.query("SELECT * FROM contests WHERE id = ?", [contest_id])
    rows = store.query("SELECT type, id, op, data FROM events WHERE contest_id = ? AND type IN "
                       "('submissions', 'judgements') ORDER BY seq", [contest_id])
    groups: dict[str, tuple[str, ...]] = {}
    for row in store.query("SELECT team_id, group_id FROM team_groups ORDER BY group_id"):
        groups[row["team_id"]] = (*groups.get(row["team_id"], ()), row["group_id"])
    return scoreboard_from_rows(
        contest, teams_of(store, contest_id),
        store.query("SELECT * FROM problems WHERE contest_id = ?", [contest_id]),
        ({**r, "data": json.loads(r["data"]) if r["data"] else None} for r in rows), groups,
        length_s)
