"""The data of the events the store logs, one builder per CLICS type: every writer of the
event log (contest set-up, intake, the queue, rejudgings, clarifications, the clock) makes
its payload here, so the feed, the live board and the audit read one shape. Pure."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any


def contest_event(*, id: str, name: str, formal_name: str, start_time: str | None,
                  duration: str, scoreboard_freeze_duration: str, penalty_minutes: int,
                  scoreboard_type: str) -> dict[str, Any]:
    """A contest as set up (times as given: ISO text and RELTIMEs; penalty in minutes)."""
    return {"id": id, "name": name, "formal_name": formal_name, "start_time": start_time,
            "duration": duration, "scoreboard_freeze_duration": scoreboard_freeze_duration,
            "penalty_time": penalty_minutes, "scoreboard_type": scoreboard_type}


def problem_event(*, id: str, label: str, name: str, ordinal: int, rgb: str | None,
                  color: str | None, time_limit: float | None,
                  max_score: float | None = None) -> dict[str, Any]:
    """A problem as set up (`max_score`: a scoring problem's, given only then)."""
    data = {"id": id, "label": label, "name": name, "ordinal": ordinal, "rgb": rgb,
            "color": color, "time_limit": time_limit}
    if max_score is not None:
        data["max_score"] = max_score
    return data


def named_event(id: str, name: str) -> dict[str, Any]:
    """An organization or a group: an id and a name."""
    return {"id": id, "name": name}


def team_event(*, id: str, name: str, label: str, organization_id: str | None,
               group_ids: Iterable[str]) -> dict[str, Any]:
    return {"id": id, "name": name, "label": label, "organization_id": organization_id,
            "group_ids": list(group_ids)}


def submission_event(*, id: str, language_id: str, problem_id: str, team_id: str | None,
                     time: str, contest_time: str, entry_point: str | None,
                     files: list[dict[str, str]], account_id: str | None = None
                     ) -> dict[str, Any]:
    """A submission as taken in (`account_id`: who made it, when known); `files` names each
    file with its blob hash; `id` is its CLICS id."""
    return {"id": id, "language_id": language_id, "problem_id": problem_id,
            "team_id": team_id, "account_id": account_id, "time": time,
            "contest_time": contest_time,
            "entry_point": entry_point, "files": files}


def judgement_event(row: Mapping[str, Any], submission_id: str) -> dict[str, Any]:
    """A judgements row as CLICS event data; `submission_id` is the submission's CLICS id
    (the row holds the internal key). A scored one with its `score` and, for the
    scoreboard's replay (not CLICS: the feed leaves it out), its `subtask_scores`."""
    data = {"id": str(row["id"]), "submission_id": submission_id,
            "judgement_type_id": row["verdict"], "start_time": row["start_time"],
            "end_time": row["end_time"], "max_run_time": row["max_run_time"],
            "current": bool(row["is_current"])}
    if row.get("score") is not None:
        data["score"] = row["score"]
        data[SUBTASK_SCORES] = json.loads(row.get("subtask_scores") or "{}")
    return data


SUBTASK_SCORES = "subtask_scores"  # Podium's: a judgement's score per subtask


def run_event(*, id: int, judgement_id: int, ordinal: int, verdict: str, time: str,
              run_time: float) -> dict[str, Any]:
    """One test's run, stamped with its judgement's end."""
    return {"id": str(id), "judgement_id": str(judgement_id), "ordinal": ordinal,
            "judgement_type_id": verdict, "time": time, "run_time": run_time}


def clarification_event(*, id: str, from_team_id: str | None, to_team_id: str | None,
                        reply_to_id: str | None, problem_id: str | None, text: str,
                        time: str) -> dict[str, Any]:
    """A clarification as sent; `id` and `reply_to_id` are CLICS ids."""
    return {"id": id, "from_team_id": from_team_id, "to_team_id": to_team_id,
            "reply_to_id": reply_to_id,
            "problem_id": problem_id, "text": text, "time": time}


def state_event(*, operation: str, state: str, start_time: str | None,
                end_time: str | None) -> dict[str, Any]:
    """A clock operation (start, pause, extend, …) and the state it left."""
    return {"operation": operation, "state": state, "start_time": start_time,
            "end_time": end_time}
