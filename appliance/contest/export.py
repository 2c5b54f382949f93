"""A contest as a CLICS Contest Package (2026-01): the files a package holds, name -> bytes.

`contest.json` (singular, as the spec says), `problems.json` with each problem package at
`problems/<id>/package.zip` (named by its `package` file reference), `teams.json` (with
each team's seat as DOMjudge's `room` or CLICS's `location`, `floor/location.py`),
`organizations.json`, `groups.json`, `accounts.json` (no passwords), `submissions.json` with
each submission's files at `submissions/<id>/files.zip`, `judgements.json`, `runs.json`,
`clarifications.json`, `api.json` and `event-feed.ndjson` (the store's event log as the API's
feed serves it to an admin, in the 2026-01 shape; its tokens and times are this store's own,
so it is the one file an export of a re-imported contest does not repeat). Every object is
made by `appliance.clics.objects`, as the API serves it, so a package and the API never
disagree, and `podium contest import` reads the package back (`appliance.contest.package`).
The same store gives the same bytes: JSON with sorted keys, zips dated 1980-01-01.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from appliance.accounts import accounts_of
from appliance.clics import objects
from appliance.contest.clarifications import clarifications_of
from appliance.contest.control import load_clock
from appliance.contest.reads import (
    contest_row,
    groups_of,
    judgements_of,
    organizations_of,
    problems_of,
    runs_of,
    submissions_of,
    team_groups,
    teams_of,
)
from appliance.contest.submission_files import files_zip, stored_files
from appliance.events import events_after
from appliance.floor.location import location_fields
from appliance.problems.library import export_package
from appliance.problems.load import load_problem
from appliance.store import Store

API_VERSION = "2026-01"
API = {"version": API_VERSION, "version_url": f"https://ccs-specs.icpc.io/{API_VERSION}/contest_api",
       "provider": {"name": "Podium"}}


def _json(value: Any) -> bytes:
    return json.dumps(value, indent=1, sort_keys=True, ensure_ascii=False).encode() + b"\n"


def package_files(store: Store, contest_id: str, library: Path) -> dict[str, bytes]:
    """The contest package of `contest_id` as file name -> bytes (the contest must exist)."""
    row = contest_row(store, contest_id)
    assert row is not None, contest_id
    contest = objects.contest(row)
    if contest["scoreboard_type"] == objects.SCORE:  # Podium's rules, read back by import
        contest.update(score_mode=row["score_mode"], score_tiebreak=row["score_tiebreak"])
    files: dict[str, bytes] = {"api.json": _json(API), "contest.json": _json(contest)}
    problems, counts = [], {}
    for problem in problems_of(store, contest_id):
        folder = library / problem["package"]
        counts[problem["id"]] = len(load_problem(folder).tests)
        with tempfile.TemporaryDirectory() as temp:
            files[f"problems/{problem['id']}/package.zip"] = export_package(
                folder, Path(temp, "package.zip")).read_bytes()
        problems.append(problem)
    ctx = objects.Context(contest_id, load_clock(store, contest_id), counts)
    files["problems.json"] = _json([
        {**objects.problem(p, ctx), "package": [{"filename": "package.zip",
                                                 "mime": "application/zip"}]}
        for p in problems])
    groups = team_groups(store)
    files["teams.json"] = _json([{**objects.team(t, groups.get(t["id"], ())),
                                  **location_fields(t["location"])}
                                 for t in teams_of(store, contest_id)])
    files["organizations.json"] = _json([objects.organization(o)
                                         for o in organizations_of(store, contest_id)])
    files["groups.json"] = _json([objects.group(g) for g in groups_of(store, contest_id)])
    files["accounts.json"] = _json([objects.account(a) for a in accounts_of(store, contest_id)])
    submissions = submissions_of(store, contest_id)
    files["submissions.json"] = _json([
        {**objects.submission(s, ctx), "files": [{"filename": "files.zip",
                                                  "mime": "application/zip"}]}
        for s in submissions])
    for s in submissions:
        stored = stored_files(s["file_name"], s["source_hash"], s["other_files"])
        files[f"submissions/{s['clics_id']}/files.zip"] = files_zip(
            {name: store.blobs.path(digest).read_bytes() for name, digest in stored.items()})
    judgements = judgements_of(store, contest_id)
    files["judgements.json"] = _json([objects.judgement(j, ctx) for j in judgements])
    ends = {j["id"]: j["end_time"] for j in judgements}
    files["runs.json"] = _json([objects.run(r, ends[r["judgement_id"]], ctx)
                                for r in runs_of(store, list(ends))])
    files["clarifications.json"] = _json([objects.clarification(c, ctx)
                                          for c in clarifications_of(store, contest_id)])
    files[EVENT_FEED] = b"".join(_feed_lines(store, contest_id, ctx))
    return files


EVENT_FEED = "event-feed.ndjson"


def _feed_lines(store: Store, contest_id: str, ctx: objects.Context) -> list[bytes]:
    """Every event of the contest's log as a CLICS event-feed line, as the audit's own copy
    takes it."""
    lines, seq = [], 0
    while rows := events_after(store, contest_id, seq):
        seq = rows[-1]["seq"]
        lines += [json.dumps(objects.feed_event(r, json.loads(r["data"]) if r["data"] else None,
                                                ctx), separators=(",", ":")).encode() + b"\n"
                  for r in rows]
    return lines
