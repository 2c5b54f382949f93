"""The durable judge queue: submissions are claimed with a lease, judged, and recorded once.

A claim is identified by (submission, worker, attempt); every claim increments `attempt`, so a
worker whose lease expired and was claimed again cannot record anything: its `complete`,
`extend` and `fail` find another lease recorded and return False / None.

Fairness rule (`pick_team`, pure): among teams with claimable work, take the team with
  1. the fewest submissions under a live lease (being judged now), then
  2. the least recently served (its latest claim is the oldest; never served comes first),
  3. then the one whose oldest waiting submission is oldest;
and claim that team's oldest waiting submission. Teams thus take turns: a team that floods
100 submissions delays another team's single submission by at most one claim. Practice
submissions (no team) take their turns together as one more team, so practice never holds
a contest's teams up by more than one team's share.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlite_utils import Database

from appliance.clics.events import judgement_event, run_event
from appliance.clics.times import iso_time
from appliance.problems.subtasks import JudgedScore
from appliance.store import Store, clics_submission_id, logged, submission_contest
from judge.judging import Judgement
from judge.verdicts import Verdict


@dataclass(frozen=True)
class TeamWaiting:
    """One team's standing in the queue, as the fair choice sees it."""

    team_id: str | None  # None: the practice archive's submissions, together
    oldest_id: int  # its oldest claimable submission
    judging: int = 0  # its submissions under a live lease
    last_served: int = 0  # the serving number of its latest claim; 0 = never served


def pick_team(waiting: Sequence[TeamWaiting]) -> TeamWaiting | None:
    """The team to serve next (see the module's fairness rule); None when nothing waits."""
    return min(waiting, key=lambda t: (t.judging, t.last_served, t.oldest_id), default=None)


@dataclass(frozen=True)
class Claim:
    """A worker's lease on one submission, with what it needs to judge it."""

    submission_id: int
    worker: str
    attempt: int
    claimed_at: float
    lease_until: float
    contest_id: str
    team_id: str | None
    problem_id: str
    language_id: str
    source_hash: str
    file_name: str
    other_files: str | None = None  # JSON: name -> blob hash


MESSAGE_LIMIT = 2000  # characters of a run's message kept (a validator may say a lot)
COMPILE_OUTPUT_LIMIT = 64 * 1024  # characters of the compiler's output kept
OUTPUT_LIMIT = 64 * 1024  # characters of a run's program output kept (with its full size)
# Terminal escapes (colours, cursor moves) and control characters other than tab and newline:
# a compiler may colour its diagnostics, and a page or a console shows them as text.
_TERMINAL_CODES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"
                             r"|\x1b[@-_]?|[\x00-\x08\x0b-\x1f\x7f]")
_CLAIMABLE = "(status = 'queued' OR (status = 'judging' AND lease_until <= :now))"


class JudgeQueue:
    """Claims, leases and results of judging, all written through the store's writer."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def claim(self, worker: str, lease_s: float, now: float,
              engine: str | None = None) -> Claim | None:
        """Lease the next submission fairly (queued, or whose lease expired); None if none.

        With `engine`, only while that engine's row says it is active and up, checked in
        the same transaction: once a drain (or a removal) is committed, no claim for that
        engine can follow it."""
        def take(db: Database) -> Claim | None:
            if engine is not None and db.execute(
                    "SELECT 1 FROM engines WHERE url = ? AND state = 'active' AND up = 1",
                    [engine]).fetchone() is None:
                return None
            return _claim(db, worker, lease_s, now, engine)

        return self.store.write(take)

    def extend(self, claim: Claim, lease_s: float, now: float) -> Claim | None:
        """Push the lease to now + lease_s; None if the lease is no longer this claim's."""
        until = now + lease_s

        def update(db: Database) -> Claim | None:
            cursor = db.execute(
                "UPDATE submissions SET lease_until = ? WHERE id = ? AND status = 'judging' "
                "AND worker = ? AND attempt = ?",
                [until, claim.submission_id, claim.worker, claim.attempt])
            return dataclasses.replace(claim, lease_until=until) if cursor.rowcount else None

        return self.store.write(update)

    def complete(self, claim: Claim, judgement: Judgement, now: float,
                 engine: str | None = None, score: JudgedScore | None = None) -> bool:
        """Record the judgement as the current one, if the lease is still this claim's
        (`engine`: the Docker engine that judged it, kept with the judgement; `score`: a
        scoring problem's, with its subtasks')."""

        def record(db: Database) -> bool:
            if not _holds(db, claim):
                return False
            _record_judgement(self.store, db, claim, judgement, now, engine, score)
            return True

        return self.store.write(record)

    def fail(self, claim: Claim, reason: str, max_attempts: int, now: float) -> bool:
        """Queue the submission again, or record JE with the reason after max_attempts."""

        def record(db: Database) -> bool:
            if not _holds(db, claim):
                return False
            if claim.attempt >= max_attempts:
                error = f"gave up after {claim.attempt} attempts: {reason}"
                _record_judgement(self.store, db, claim, Judgement(Verdict.JE, error=error), now)
            else:
                db.execute("UPDATE submissions SET status = 'queued', worker = NULL, "
                           "lease_until = NULL, engine = NULL, last_error = ? WHERE id = ?",
                           [reason, claim.submission_id])
            return True

        return self.store.write(record, queues=True)

    def give_back(self, claim: Claim, reason: str) -> bool:
        """Queue the submission again without counting this attempt: the judging failed
        because its engine went away, not because of the submission."""
        return self.store.write(lambda db: _holds(db, claim) and db.execute(
            "UPDATE submissions SET status = 'queued', worker = NULL, lease_until = NULL, "
            "engine = NULL, attempt = attempt - 1, last_error = ? WHERE id = ?",
            [reason, claim.submission_id]).rowcount == 1, queues=True)

    def recover(self, now: float, gone: Callable[[str], bool] = lambda worker: False) -> int:
        """Queue again every submission whose lease expired or whose owner is `gone` (run at
        start: `appliance.judging.heartbeat.owner_gone`); return how many."""
        def give_back(db: Database) -> int:
            leased = db.execute("SELECT id, worker, lease_until FROM submissions "
                                "WHERE status = 'judging'").fetchall()
            ids = [sid for sid, worker, until in leased
                   if until is None or until <= now or gone(worker)]
            for sid in ids:
                db.execute("UPDATE submissions SET status = 'queued', worker = NULL, "
                           "lease_until = NULL, engine = NULL WHERE id = ?", [sid])
            return len(ids)

        return self.store.write(give_back, queues=True)

    def rejudge(self, submission_id: int) -> bool:
        """Queue a judged submission again; its current judgement stays until replaced."""
        return self.store.write(lambda db: db.execute(
            "UPDATE submissions SET status = 'queued', attempt = 0, last_error = NULL "
            "WHERE id = ? AND status = 'judged'", [submission_id]).rowcount == 1, queues=True)


def _claim(db: Database, worker: str, lease_s: float, now: float,
           engine: str | None = None) -> Claim | None:
    """Read the queue's standing, let `pick_team` choose, and take the lease."""
    args = {"now": now}
    oldest = db.execute(f"SELECT team_id, min(id) FROM submissions WHERE {_CLAIMABLE} "
                        "GROUP BY team_id", args).fetchall()
    if not oldest:
        return None
    judging = dict(db.execute("SELECT team_id, count(*) FROM submissions WHERE status = "
                              "'judging' AND lease_until > :now GROUP BY team_id", args))
    served = dict(db.execute("SELECT team_id, max(served_seq) FROM submissions "
                             "WHERE served_seq IS NOT NULL GROUP BY team_id"))
    team = pick_team([TeamWaiting(team_id, oldest_id, judging.get(team_id, 0),
                                  served.get(team_id, 0)) for team_id, oldest_id in oldest])
    assert team is not None
    row = db.execute(
        "UPDATE submissions SET status = 'judging', worker = :worker, claimed_at = :now, "
        "lease_until = :until, attempt = attempt + 1, engine = :engine, "
        "served_seq = (SELECT coalesce(max(served_seq), 0) + 1 FROM submissions) "
        "WHERE id = :id RETURNING id, worker, attempt, claimed_at, lease_until, contest_id, "
        "team_id, problem_id, language_id, source_hash, file_name, other_files",
        {"worker": worker, "now": now, "until": now + lease_s, "id": team.oldest_id,
         "engine": engine},
    ).fetchall()
    return Claim(*row[0])


def readable_compile_output(text: str) -> str:
    """The compiler's output as plain text: terminal codes gone, carriage returns as line ends,
    cut at `COMPILE_OUTPUT_LIMIT` characters with a line saying so."""
    plain = _TERMINAL_CODES.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    if len(plain) > COMPILE_OUTPUT_LIMIT:
        plain = plain[:COMPILE_OUTPUT_LIMIT] + "\n[compiler output cut at 64 KiB]"
    return plain


def _holds(db: Database, claim: Claim) -> bool:
    """Whether the lease recorded for the submission is still this claim's."""
    return db.execute(
        "SELECT 1 FROM submissions WHERE id = ? AND status = 'judging' AND worker = ? "
        "AND attempt = ?", [claim.submission_id, claim.worker, claim.attempt],
    ).fetchone() is not None


def _record_judgement(store: Store, db: Database, claim: Claim, judgement: Judgement,
                      now: float, engine: str | None = None,
                      score: JudgedScore | None = None) -> None:
    """Write the judgement, its runs and events, make it current, mark the submission judged.

    A judgement of a rejudging is kept beside the current one (not current) until a judge
    applies the rejudging (`appliance.contest.rejudging`). A practice judgement has no events."""
    end_time = iso_time(now)
    (rejudging_id,) = db.execute("SELECT rejudging_id FROM submissions WHERE id = ?",
                                 [claim.submission_id]).fetchone()
    log = logged(claim.contest_id)
    if rejudging_id is None:
        retire_current(store, db, claim.submission_id, end_time, log)
    judgement_id = db.execute(
        "INSERT INTO judgements (submission_id, verdict, is_current, start_time, end_time, "
        "max_run_time, error, attempt, rejudging_id, engine, compile_output, score, "
        "subtask_scores) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [claim.submission_id, judgement.verdict.value, int(rejudging_id is None),
         iso_time(claim.claimed_at), end_time, judgement.time, judgement.error or None,
         claim.attempt, rejudging_id, engine,
         readable_compile_output(judgement.compile_output) or None,
         None if score is None else score.total,
         None if score is None else json.dumps(score.subtasks)]).lastrowid
    row = next(db.query("SELECT * FROM judgements WHERE id = ?", [judgement_id]))
    if log:
        store.append_event(db, "judgements", str(judgement_id), judgement_event(
            row, clics_submission_id(db, claim.submission_id)), time=end_time,
            contest_id=claim.contest_id)
    for ordinal, test in enumerate(judgement.tests, start=1):
        run_id = db.execute(
            "INSERT INTO runs (judgement_id, ordinal, test_name, verdict, time, wall_time, "
            "memory, message, output, output_size) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [judgement_id, ordinal, test.name, test.verdict.value, test.time, test.wall_time,
             test.memory, test.message[:MESSAGE_LIMIT] or None,
             test.output[:OUTPUT_LIMIT], test.output_size]).lastrowid
        if log:
            store.append_event(db, "runs", str(run_id), run_event(
                id=run_id, judgement_id=judgement_id, ordinal=ordinal,
                verdict=test.verdict.value, time=end_time, run_time=test.time), time=end_time,
                contest_id=claim.contest_id)
    db.execute("UPDATE submissions SET status = 'judged', worker = NULL, lease_until = NULL, "
               "engine = NULL, last_error = ?, rejudging_id = NULL WHERE id = ?",
               [judgement.error or None, claim.submission_id])


def retire_current(store: Store, db: Database, submission_id: int, time: str,
                   log: bool = True) -> None:
    """Make a submission's current judgement no longer current, with its update event (when
    its contest is `logged`)."""
    previous = list(db.query("SELECT * FROM judgements WHERE submission_id = ? "
                             "AND is_current = 1", [submission_id]))
    db.execute("UPDATE judgements SET is_current = 0 WHERE submission_id = ? AND is_current = 1",
               [submission_id])
    for row in previous if log else ():
        store.append_event(db, "judgements", str(row["id"]),
                           judgement_event({**row, "is_current": 0},
                                           clics_submission_id(db, submission_id)),
                           op="update", time=time, contest_id=submission_contest(db, submission_id))

