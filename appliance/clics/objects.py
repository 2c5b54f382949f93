"""Stored rows and events as CLICS Contest API objects: pure functions, no I/O.

The store keeps its own columns (seconds, verdicts, minutes of penalty); the API speaks
CLICS (RELTIMEs, judgement type ids, contest times). Every object the API serves, in an
endpoint or in the event feed, is made here, so both always agree.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import quote

from appliance.clics.events import SUBTASK_SCORES
from appliance.clics.times import abstime, reltime
from appliance.contest.clock import FINALIZED, THAWED, Clock
from judge.languages import Language
from judge.verdicts import Verdict

PASS_FAIL, SCORE = "pass-fail", "score"  # CLICS scoreboard types

JUDGEMENT_TYPES: tuple[dict[str, Any], ...] = (
    {"id": "AC", "name": "correct", "penalty": False, "solved": True},
    {"id": "WA", "name": "wrong answer", "penalty": True, "solved": False},
    {"id": "TLE", "name": "time limit exceeded", "penalty": True, "solved": False},
    {"id": "MLE", "name": "memory limit exceeded", "penalty": True, "solved": False},
    {"id": "OLE", "name": "output limit exceeded", "penalty": True, "solved": False},
    {"id": "RTE", "name": "run-time error", "penalty": True, "solved": False},
    {"id": "CE", "name": "compiler error", "penalty": False, "solved": False},
    {"id": "JE", "name": "judging error", "penalty": False, "solved": False},
)
assert {t["id"] for t in JUDGEMENT_TYPES} == {v.value for v in Verdict}


def _parse(time: str) -> datetime:
    return datetime.fromisoformat(time)


def _ms(value: float | None) -> float | None:
    """A duration in seconds rounded to the millisecond (CLICS `multipleOf: 0.001`)."""
    return None if value is None else round(value, 3)


@dataclass(frozen=True)
class ProblemLimits:
    """A problem's limits in the units CLICS states them: MiB, MiB and KiB."""

    memory_mib: int
    output_mib: int
    code_kib: int


@dataclass(frozen=True)
class ProblemFiles:
    """The files of a problem the API offers (2026-01's problem `statement` and
    `attachments`), by file name: its PDF statements and its attachments."""

    statements: tuple[str, ...] = ()
    attachments: tuple[str, ...] = ()


@dataclass(frozen=True)
class Context:
    """What turning rows into CLICS objects needs beyond the row itself."""

    contest_id: str
    clock: Clock
    test_counts: Mapping[str, int] = field(default_factory=dict)  # problem id -> tests
    limits: Mapping[str, ProblemLimits] = field(default_factory=dict)  # problem id -> limits
    files: Mapping[str, ProblemFiles] = field(default_factory=dict)  # problem id -> files

    def contest_time(self, time: str) -> str:
        """The contest time of a stored wall-clock time (0 before a start is set)."""
        value = self.clock.contest_time(_parse(time))
        return reltime(value or 0.0)


# --- contest, state ----------------------------------------------------------------------

def contest(row: Mapping[str, Any]) -> dict[str, Any]:
    """A contests row as the CLICS contest object."""
    data: dict[str, Any] = {
        "id": row["id"], "name": row["name"], "formal_name": row["formal_name"] or row["name"],
        "shortname": row["id"],
        "start_time": abstime(_parse(row["start_time"])) if row["start_time"] else None,
        "duration": reltime(float(row["duration"])),
        "scoreboard_type": row.get("scoreboard_type") or PASS_FAIL,
    }
    if data["scoreboard_type"] == PASS_FAIL:  # a score contest has no penalty time
        data["penalty_time"] = reltime(float(row["penalty_time"]))
    if row["scoreboard_freeze_duration"]:
        data["scoreboard_freeze_duration"] = reltime(float(row["scoreboard_freeze_duration"]))
    return data


# DOMjudge's own property of contests, which every client written against DOMjudge reads
# (its `submit` refuses a contest without it): Podium gives the contest's id.
SHORTNAME = "shortname"


def state(clock: Clock, now: datetime) -> dict[str, Any]:
    """The CLICS state object at `now`: when each milestone passed, null until it has."""
    started = frozen = ended = thawed = finalized = None
    time = clock.contest_time(now)
    if clock.start is not None and time is not None and time >= 0:
        started = clock.start
        end = clock.end_time(now)
        if end is not None and now >= end:
            ended = end
        if clock.freeze_s > 0 and time >= clock.length_s - clock.freeze_s and end is not None:
            frozen = end - timedelta(seconds=clock.freeze_s)
        for event in clock.events:
            if event.at is not None and event.at <= now:
                if event.kind == THAWED:
                    thawed = event.at
                elif event.kind == FINALIZED:
                    finalized = event.at
    if thawed is not None and frozen is None:
        thawed = None  # CLICS: thawed only after a freeze
    return {"started": _opt(started), "frozen": _opt(frozen), "ended": _opt(ended),
            "thawed": _opt(thawed), "finalized": _opt(finalized),
            "end_of_updates": _opt(finalized if finalized and (thawed or not frozen) else None)}


def _opt(moment: datetime | None) -> str | None:
    return abstime(moment) if moment is not None else None


# Properties each endpoint's objects have, for the access endpoint (as the functions below
# make them).
PROPERTIES: dict[str, tuple[str, ...]] = {
    "contest": ("id", "name", "formal_name", SHORTNAME, "start_time", "duration",
                "scoreboard_freeze_duration", "scoreboard_type", "penalty_time"),
    "state": ("started", "frozen", "ended", "thawed", "finalized", "end_of_updates"),
    "judgement-types": ("id", "name", "penalty", "solved"),
    "languages": ("id", "name", "entry_point_required", "extensions"),
    "problems": ("id", "label", "name", "ordinal", "rgb", "time_limit", "memory_limit",
                 "output_limit", "code_limit", "test_data_count", "max_score", "statement",
                 "attachments"),
    "groups": ("id", "name"),
    "organizations": ("id", "name", "formal_name", "country"),
    "teams": ("id", "name", "label", "display_name", "organization_id", "group_ids", "hidden"),
    "accounts": ("id", "username", "type", "team_id"),
    "submissions": ("id", "language_id", "problem_id", "team_id", "account_id", "time",
                    "contest_time", "entry_point", "files"),
    "judgements": ("id", "submission_id", "judgement_type_id", "score", "current",
                   "start_time", "start_contest_time", "end_time", "end_contest_time",
                   "max_run_time"),
    "runs": ("id", "judgement_id", "ordinal", "judgement_type_id", "time", "contest_time",
             "run_time"),
    "clarifications": ("id", "from_team_id", "to_team_ids", "to_group_ids", "to_team_id",
                       "reply_to_id", "problem_id", "text", "time", "contest_time"),
    "awards": ("id", "citation", "team_ids"),
}
# The scoreboard and the event feed are served too, but `access` lists only the types of the
# spec's notification table: a client reading each listed endpoint as JSON (xcpcio's
# archiver) would otherwise wait on the endless feed.


CAPABILITIES: dict[str, list[str]] = {  # by account type; "public" without an account
    "public": [], "team": ["team_submit", "post_clar"], "judge": ["admin_clar"],
    "admin": ["admin_submit", "proxy_submit", "admin_clar"], "analyst": [], "staff": [],
    "balloon": [],
}


def access(account_type: str) -> dict[str, Any]:
    """The CLICS access object of an account type (or "public")."""
    hidden = {"accounts", "submissions", "judgements", "runs"} if account_type == "public" \
        else set()
    capabilities = CAPABILITIES.get(account_type, [])
    return {"capabilities": capabilities,
            "endpoints": [{"type": kind, "properties": list(props)}
                          for kind, props in PROPERTIES.items() if kind not in hidden]}


# --- fixed sets --------------------------------------------------------------------------

def languages(items: Iterable[Language]) -> list[dict[str, Any]]:
    """The CLICS language objects. No language requires an entry point: Java's main class
    may be given, else it is the class the compiler made with main (so no
    `entry_point_name`, which 2026-01 allows only beside a required one)."""
    result = []
    for lang in items:
        result.append({"id": lang.id, "name": lang.name, "entry_point_required": False,
                       "extensions": list(dict.fromkeys(lang.extensions))})
    return result


# --- rows --------------------------------------------------------------------------------

def problem(row: Mapping[str, Any], ctx: Context) -> dict[str, Any]:
    data: dict[str, Any] = {"id": row["id"], "label": row["label"], "name": row["name"],
                            "ordinal": row["ordinal"], "rgb": row["rgb"],
                            "test_data_count": ctx.test_counts.get(row["id"], 0)}
    if row.get("time_limit") is not None:
        data["time_limit"] = _ms(float(row["time_limit"]))
    if row.get("max_score") is not None:  # a scoring problem's
        data["max_score"] = row["max_score"]
    limits = ctx.limits.get(row["id"])
    if limits is not None:
        data.update(memory_limit=limits.memory_mib, output_limit=limits.output_mib,
                    code_limit=limits.code_kib)
    files = ctx.files.get(row["id"], ProblemFiles())
    base = f"contests/{ctx.contest_id}/problems/{row['id']}"
    if files.statements:
        data["statement"] = [file_ref(f"{base}/statement/{name}", name, PDF)
                             for name in files.statements]
    if files.attachments:
        data["attachments"] = [file_ref(f"{base}/attachments/{name}", name,
                                        mimetypes.guess_type(name)[0] or OCTETS)
                               for name in files.attachments]
    return data


PDF, OCTETS = "application/pdf", "application/octet-stream"


def file_ref(href: str, filename: str, mime: str) -> dict[str, str]:
    """A CLICS FILE object; the href's last part is the file name, quoted for a URL."""
    folder, _, name = href.rpartition("/")
    return {"href": f"{folder}/{quote(name, safe='')}", "filename": filename, "mime": mime}


def team(row: Mapping[str, Any], group_ids: Iterable[str] = ()) -> dict[str, Any]:
    return {"id": row["id"], "name": row["name"], "label": row.get("label") or row["id"],
            "display_name": row["display_name"], "organization_id": row["organization_id"],
            "group_ids": list(group_ids), "hidden": bool(row["hidden"])}


def organization(row: Mapping[str, Any]) -> dict[str, Any]:
    return {"id": row["id"], "name": row["name"], "formal_name": row["formal_name"],
            "country": row["country"]}


def group(row: Mapping[str, Any]) -> dict[str, Any]:
    return {"id": row["id"], "name": row["name"]}


CLICS_ACCOUNT_TYPES = {"balloon": "staff"}  # Podium's own types as CLICS names them


def account(row: Mapping[str, Any]) -> dict[str, Any]:
    """An account; a balloon runner is `staff` to CLICS, which has no word for it."""
    kind = CLICS_ACCOUNT_TYPES.get(row["type"], row["type"])
    return {"id": row["id"], "username": row["username"], "type": kind,
            "team_id": row["team_id"]}


NO_ENTRY_POINT = ("c", "cpp")  # CLICS: their submissions carry a null entry point


def entry_point(language_id: str, file_name: str, given: str | None = None) -> str | None:
    """The entry point given with the submission, else Java's main class from its file name
    (`Main.java` -> `Main`); always null for C and C++."""
    if language_id in NO_ENTRY_POINT:
        return None
    if given:
        return given
    if language_id == "java":
        return file_name.rsplit(".", 1)[0] or "Main"
    return None


def submission(row: Mapping[str, Any], ctx: Context) -> dict[str, Any]:
    """A submissions row as CLICS: known by its `clics_id` (the row's `id` is internal)."""
    sid = row["clics_id"]
    data: dict[str, Any] = {
        "id": sid, "language_id": row["language_id"], "problem_id": row["problem_id"],
        "team_id": row["team_id"], "account_id": row.get("account_id"),
        "time": abstime(_parse(row["time"])),
        "contest_time": reltime(float(row["contest_time"])),
        "files": [{"href": f"contests/{ctx.contest_id}/submissions/{sid}/files",
                   "filename": "files.zip", "mime": "application/zip"}],
    }
    data["entry_point"] = entry_point(row["language_id"], row["file_name"],
                                      row.get("entry_point"))
    return data


def judgement(row: Mapping[str, Any], ctx: Context) -> dict[str, Any]:
    """A judgements row as `judgements_of` reads it, with its submission's CLICS id."""
    data = {"id": str(row["id"]), "submission_id": row["submission_clics_id"],
            "judgement_type_id": row["verdict"], "current": bool(row["is_current"]),
            "start_time": abstime(_parse(row["start_time"])),
            "start_contest_time": ctx.contest_time(row["start_time"]),
            "end_time": abstime(_parse(row["end_time"])),
            "end_contest_time": ctx.contest_time(row["end_time"]),
            "max_run_time": _ms(row["max_run_time"])}
    if row.get("score") is not None:  # a scoring problem's
        data["score"] = row["score"]
    return data


def run(row: Mapping[str, Any], end_time: str, ctx: Context) -> dict[str, Any]:
    """A runs row; its time is its judgement's end (runs are recorded with it)."""
    return {"id": str(row["id"]), "judgement_id": str(row["judgement_id"]),
            "ordinal": row["ordinal"], "judgement_type_id": row["verdict"],
            "time": abstime(_parse(end_time)), "contest_time": ctx.contest_time(end_time),
            "run_time": _ms(float(row["time"]))}


def recipients(to_team_id: str | None) -> dict[str, Any]:
    """2026-01's recipients of a clarification (a team, or null for all and for questions),
    beside the `to_team_id` of earlier versions that DOMjudge's clients and the published
    schema still read."""
    return {"to_team_ids": [to_team_id] if to_team_id else None, "to_group_ids": None,
            "to_team_id": to_team_id}


def clarification(row: Mapping[str, Any], ctx: Context) -> dict[str, Any]:
    """A clarifications row as `clarifications_of` reads it: by CLICS id, the question it
    answers by its CLICS id (`reply_to_clics_id`)."""
    return {"id": row["clics_id"], "from_team_id": row["from_team_id"],
            **recipients(row["to_team_id"]),
            "reply_to_id": row["reply_to_clics_id"],
            "problem_id": row["problem_id"], "text": row["text"],
            "time": abstime(_parse(row["time"])), "contest_time": ctx.contest_time(row["time"])}


# --- event feed ----------------------------------------------------------------------------

def event_data(type: str, data: dict[str, Any] | None, time: str,
               ctx: Context) -> dict[str, Any] | None:
    """A stored event's data in CLICS shape (the store's events predate some CLICS fields)."""
    if data is None:
        return None
    if type == "contests":
        return {k: v for k, v in {
            "id": data["id"], "name": data["name"],
            "formal_name": data.get("formal_name") or data["name"],
            "start_time": (abstime(_parse(data["start_time"])) if data.get("start_time")
                           else None),
            "duration": _rel(data["duration"]),
            "scoreboard_freeze_duration": _rel(data.get("scoreboard_freeze_duration")),
            "scoreboard_type": data.get("scoreboard_type") or PASS_FAIL,
            "penalty_time": None if data.get("scoreboard_type") == SCORE else _rel(
                data.get("penalty_time", 20) * 60
                if isinstance(data.get("penalty_time", 20), int) else data["penalty_time"]),
        }.items() if v is not None or k == "start_time"}
    if type == "problems":
        row = {"rgb": None, **data}
        return problem(row, ctx)
    if type == "teams":
        return {**data, "label": data.get("label") or data["id"]}
    if type == "state":
        return state(ctx.clock, _parse(time))
    if type == "submissions":
        point = entry_point(data["language_id"], (data.get("files") or [{}])[0].get(
            "filename", ""), data.get("entry_point"))
        out = {k: v for k, v in data.items() if k not in ("files", "entry_point")}
        out["time"] = abstime(_parse(data["time"]))
        out["files"] = [{"href": f"contests/{ctx.contest_id}/submissions/{data['id']}/files",
                         "filename": "files.zip", "mime": "application/zip"}]
        out["entry_point"] = point
        out.setdefault("account_id", None)  # events logged before 2026-01's account_id
        return out
    if type == "judgements":
        data = {k: v for k, v in data.items() if k != SUBTASK_SCORES}  # Podium's, not CLICS
        return {**data, "start_time": abstime(_parse(data["start_time"])),
                "start_contest_time": ctx.contest_time(data["start_time"]),
                "end_time": abstime(_parse(data["end_time"])),
                "end_contest_time": ctx.contest_time(data["end_time"]),
                "max_run_time": _ms(data.get("max_run_time"))}
    if type == "runs":
        return {**data, "time": abstime(_parse(data["time"])),
                "contest_time": ctx.contest_time(data["time"]),
                "run_time": _ms(data.get("run_time"))}
    if type == "clarifications":
        return {**data, **recipients(data.get("to_team_id")),
                "time": abstime(_parse(data["time"])),
                "contest_time": ctx.contest_time(data["time"])}
    return data


def feed_event(row: Mapping[str, Any], data: dict[str, Any] | None,
               ctx: Context) -> dict[str, Any]:
    """One stored event (`row`: type, id, op, time, token; `data` its decoded payload) as a
    line of the CLICS event feed: the API's feed and the package's `event-feed.ndjson`."""
    kind = row["type"]
    return {"type": "contest" if kind == "contests" else kind,
            "id": None if kind in ("state", "contests") else row["id"],
            "data": None if row["op"] == "delete" else event_data(kind, data, row["time"], ctx),
            "token": row["token"]}


def _rel(value: Any) -> str | None:
    """A duration as stored in an event (seconds or a RELTIME already) as a RELTIME."""
    if value is None or isinstance(value, str):
        return value
    return reltime(float(value))
