"""A judge marks a submission ignored (a duplicate by mistake, a team's test sent to the wrong
problem, a submission made under a false account) and may undo it.

An ignored submission leaves the contest's CLICS views: the event feed says so the way
DOMjudge does and CLICS clients understand, a `delete` event of the submission (its
judgements go with it in every client: the CDS, the resolver, clics-archiver); the API's
submissions, judgements and runs, and the exported package, leave it out; the scoreboard
replays the log without it. Undo logs the submission again (`create`) with its current
judgement and runs, as if new to the client. Every mark and undo is kept with who, when and
why in `submission_ignores`, which the audit archive holds; the jury's pages and endpoints
still show the submission, marked."""

from __future__ import annotations

import json
from datetime import datetime

from sqlite_utils import Database

from appliance.clics.events import judgement_event, run_event, submission_event
from appliance.clics.times import iso_time, reltime
from appliance.contest.reads import submission_row
from appliance.errors import ApplianceError
from appliance.store import Store, logged

MAX_REASON = 500  # characters of a reason kept


class IgnoreError(ApplianceError):
    """A mark that does not fit: no such submission, already so, no reason given."""


class NoSuchSubmission(IgnoreError):
    """The contest has no submission of this id."""


class AlreadySo(IgnoreError):
    """Ignoring an ignored submission, or restoring one that is not."""


def set_ignored(store: Store, contest_id: str, clics_id: str, ignored: bool, by: str,
                reason: str, now: datetime) -> dict:
    """Mark the submission ignored (or, `ignored` False, restore it), with its events and
    the audit's row, in one transaction; its row as it is now."""
    reason = " ".join(reason.split())
    if not reason:
        raise IgnoreError("reason: say why (it is kept in the audit log)")
    if len(reason) > MAX_REASON:
        raise IgnoreError(f"reason: at most {MAX_REASON} characters, not {len(reason)}")
    row = submission_row(store, contest_id, clics_id)
    if row is None or row["status"] == "refused":
        raise NoSuchSubmission(f"no submission {clics_id!r} in contest {contest_id!r}")
    if bool(row["ignored"]) == ignored:
        raise AlreadySo(f"submission {clics_id} is {'already' if ignored else 'not'} ignored")
    time = iso_time(now.timestamp())

    def write(db: Database) -> None:
        db.execute("UPDATE submissions SET ignored = ? WHERE id = ?", [int(ignored), row["id"]])
        db.execute("INSERT INTO submission_ignores (submission_id, ignored, by, time, reason) "
                   "VALUES (?, ?, ?, ?, ?)", [row["id"], int(ignored), by, time, reason])
        if not logged(contest_id):
            return
        if ignored:
            store.append_event(db, "submissions", row["clics_id"], None, op="delete", time=time,
                               contest_id=contest_id)
        else:
            _log_again(store, db, row, time)

    store.write(write)
    return submission_row(store, contest_id, clics_id) or row


def _log_again(store: Store, db: Database, row: dict, time: str) -> None:
    """A restored submission's create event, then its current judgement's and runs'."""
    files = [{"filename": row["file_name"], "hash": row["source_hash"]}]
    files += [{"filename": n, "hash": h}
              for n, h in sorted(json.loads(row["other_files"] or "{}").items())]
    store.append_event(db, "submissions", row["clics_id"], submission_event(
        id=row["clics_id"], language_id=row["language_id"], problem_id=row["problem_id"],
        team_id=row["team_id"], time=row["time"], contest_time=reltime(row["contest_time"]),
        entry_point=row["entry_point"], files=files, account_id=row["account_id"]), time=time,
        contest_id=row["contest_id"])
    for judgement in db.query("SELECT * FROM judgements WHERE submission_id = ? AND "
                              "is_current = 1", [row["id"]]):
        store.append_event(db, "judgements", str(judgement["id"]),
                           judgement_event(judgement, row["clics_id"]), time=time,
                           contest_id=row["contest_id"])
        for run in db.query("SELECT * FROM runs WHERE judgement_id = ? ORDER BY ordinal",
                            [judgement["id"]]):
            store.append_event(db, "runs", str(run["id"]), run_event(
                id=run["id"], judgement_id=judgement["id"], ordinal=run["ordinal"],
                verdict=run["verdict"], time=judgement["end_time"], run_time=run["time"]),
                time=time, contest_id=row["contest_id"])


def ignore_log(store: Store, submission_id: int) -> list[dict]:
    """Every mark and undo of a submission (internal id), oldest first."""
    return store.query("SELECT ignored, by, time, reason FROM submission_ignores WHERE "
                       "submission_id = ? ORDER BY id", [submission_id])



def ignored_ids(store: Store, contest_id: str) -> set[str]:
    """The CLICS ids of the contest's submissions ignored now."""
    return {r["clics_id"] for r in store.query(
        "SELECT clics_id FROM submissions WHERE contest_id = ? AND ignored = 1", [contest_id])}


def ignored_submissions(store: Store, contest_id: str) -> list[dict]:
    """The contest's ignored submissions (CLICS id, team, problem) with the last mark's
    who, when and why, in submission order."""
    return store.query(
        "SELECT s.clics_id AS id, s.team_id, s.problem_id, i.by, i.time, i.reason "
        "FROM submissions s JOIN submission_ignores i ON i.id = (SELECT max(id) FROM "
        "submission_ignores WHERE submission_id = s.id) WHERE s.contest_id = ? AND "
        "s.ignored = 1 ORDER BY s.id", [contest_id])
