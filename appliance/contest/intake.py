"""Taking a submission in: every check before it is stored, and a clear refusal otherwise.

Accepted: stored with its event in one transaction, acknowledged after the commit (the
store's `submit`). Refused (unknown team, problem or language, a source too large, the
contest not running by the server's clock): recorded as refused with its reason, so the
audit shows it, and `SubmissionRefused` says why.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from sqlite_utils import Database

from appliance.clics.times import iso_time
from appliance.contest.clock import Clock, ClockError
from appliance.contest.control import load_clock
from appliance.errors import ApplianceError
from appliance.store import Store, next_submission_key
from judge.languages import Language

MAX_SOURCE = 256 * 1024  # bytes, when the problem package states no code limit


class SubmissionRefused(ApplianceError):
    """A submission that was not accepted; the message is for the team."""


def contest_clock(store: Store, contest_id: str) -> Clock:
    """The contest's clock as stored (schedule, pauses, extensions)."""
    try:
        return load_clock(store, contest_id)
    except ClockError as exc:
        raise SubmissionRefused(str(exc)) from exc


def refusal(store: Store, clock: Clock, languages: Mapping[str, Language], *, contest_id: str,
            team_id: str, problem_id: str, language_id: str, source: bytes,
            now: datetime) -> str | None:
    """Why this submission cannot be taken, or None when it can."""
    if not store.query("SELECT 1 FROM teams WHERE id = ?", [team_id]):
        return f"unknown team {team_id!r}"
    if not store.query("SELECT 1 FROM contest_teams WHERE team_id = ? AND contest_id = ?",
                       [team_id, contest_id]):
        return f"team {team_id!r} is not in contest {contest_id!r}"
    if not store.query("SELECT 1 FROM problems WHERE id = ? AND contest_id = ?",
                       [problem_id, contest_id]):
        other = store.query("SELECT contest_id FROM problems WHERE id = ?", [problem_id])
        return (f"problem {problem_id!r} is contest {other[0]['contest_id']!r}'s, not "
                f"{contest_id!r}'s" if other else f"problem {problem_id!r} is not in this contest")
    reason = source_refusal(languages, language_id, source)
    if reason:
        return reason
    accepts, reason = clock.accepts_submissions(now)
    return None if accepts else reason


def source_refusal(languages: Mapping[str, Language], language_id: str,
                   source: bytes) -> str | None:
    """Why this source cannot be judged (language, size), or None: any submission's check,
    a contest's or practice's."""
    if language_id not in languages:
        return f"unknown language {language_id!r}"
    if not source:
        return "the source is empty"
    return size_refusal(len(source))


def size_refusal(size: int, limit: int = MAX_SOURCE) -> str | None:
    """Why a source of `size` bytes is too large, saying its size and the limit, or None:
    the one wording of the size limit, whoever checks it (the intake, the web's 413)."""
    if size <= limit:
        return None
    return f"the source is {byte_size(size)}; at most {byte_size(limit)} are accepted"


def byte_size(size: int) -> str:
    """A size as people read it: `262,144 bytes (256 KiB)`, `10,485,760 bytes (10 MiB)`."""
    exact = f"{size:,} byte{'' if size == 1 else 's'}"
    for unit, scale in (("MiB", 1 << 20), ("KiB", 1 << 10)):
        if size >= scale:
            return f"{exact} ({f'{size / scale:.1f}'.removesuffix('.0')} {unit})"
    return exact


def take_submission(store: Store, languages: Mapping[str, Language], *, contest_id: str,
                    team_id: str, problem_id: str, language_id: str, source: bytes,
                    file_name: str, now: datetime, at: datetime | None = None,
                    others: Mapping[str, bytes] | None = None, entry_point: str | None = None,
                    clics_id: str | None = None, account_id: str | None = None) -> int:
    """Store an acceptable submission (its internal id, after commit) or record and raise a
    refusal.
    `account_id` is the account that made it (a team's, or an admin's for a team).

    `at` is the submission's own time when a proxy or an admin gives one: it is scored at
    that contest time, even when it arrives after the end, and refused when that time lies
    outside the contest. A client's `clics_id` already taken raises the store's
    `DuplicateId`, and nothing is recorded."""
    clock = contest_clock(store, contest_id)
    at = at or now
    reason = refusal(store, clock, languages, contest_id=contest_id, team_id=team_id,
                     problem_id=problem_id, language_id=language_id, source=source, now=at)
    contest_time = clock.contest_time(at) or 0.0
    if reason is None:
        return store.submit(contest_id=contest_id, team_id=team_id, problem_id=problem_id,
                            language_id=language_id, source=source, file_name=file_name,
                            time=iso_time(at.timestamp()), contest_time=contest_time,
                            others=others, entry_point=entry_point,
                            clics_id=clics_id, arrival=iso_time(now.timestamp()),
                            account_id=account_id)
    known = (store.query("SELECT 1 FROM teams WHERE id = ?", [team_id])
             and store.query("SELECT 1 FROM problems WHERE id = ?", [problem_id]))
    if known:  # the row needs a real team and problem; other refusals leave only the reason
        source_hash = store.blobs.put_bytes(source)

        def record(db: Database) -> None:
            key = next_submission_key(db)
            db.execute(
                "INSERT INTO submissions (id, clics_id, contest_id, team_id, problem_id, "
                "language_id, source_hash, file_name, time, contest_time, status, "
                "refused_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'refused', ?)",
                [key, str(key), contest_id, team_id, problem_id, language_id, source_hash,
                 file_name, iso_time(at.timestamp()), contest_time, reason])

        store.write(record)
    raise SubmissionRefused(reason)
