"""Custom runs ("run my code on my input"): a team, or an account practising, runs a source
on its own standard input, or on the problem's samples, in the same sandbox and under the
same limits as judging, and reads what it printed.

A run never counts: it is no submission row and writes no event, so no scoreboard, event
feed, submissions list, rejudging or archive can see it. It has a table and a queue of its
own (`custom_runs`, its migration), and the dispatcher claims a run only when no submission
is waiting: real submissions always go first. A run's lease is long (it is never renewed)
and a run that fails twice ends with the error as its result.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlite_utils import Database

from appliance.clics.times import iso_time
from appliance.contest.intake import byte_size, contest_clock, source_refusal
from appliance.errors import ApplianceError
from appliance.functions.code import require_harness
from appliance.judging.differences import SHOWN, difference_json
from appliance.judging.queue import readable_compile_output
from appliance.problems.judging import require_language
from appliance.problems.load import Problem
from appliance.store import Store
from appliance.store_schema import PRACTICE
from judge.errors import LanguageError
from judge.judging import Judgement
from judge.verdicts import Verdict

MAX_INPUT = 1 << 20  # bytes of a run's own standard input
KEEP_OUTPUT = SHOWN  # bytes of each test's output (and error) kept and shown
RUN_LEASE_S = 600.0  # a run's lease, never renewed: longer than any run on samples
MAX_ATTEMPTS = 2
SAMPLE_PREFIX = "sample/"
_CLAIMABLE = "(status = 'queued' OR (status = 'judging' AND lease_until <= ?))"


class RunRefused(ApplianceError):
    """A run that was not taken; the message is for the team."""


@dataclass(frozen=True)
class RunClaim:
    """A worker's lease on one custom run, with what it needs to run it."""

    run_id: int
    worker: str
    attempt: int
    package: str
    time_limit: float | None
    language_id: str
    source_hash: str
    file_name: str
    input_hash: str | None  # None: run on the problem's samples


def input_refusal(size: int, limit: int = MAX_INPUT) -> str | None:
    """Why a run's standard input of `size` bytes is too large (both sizes said), or None."""
    if size <= limit:
        return None
    return f"the input is {byte_size(size)}; a run takes at most {byte_size(limit)}"


def problem_refusal(problem: Problem, language_id: str, on_samples: bool) -> str | None:
    """Why this problem cannot run this language as asked, or None: the languages it takes
    (problem.yaml, a function problem's harnesses), and an interactive problem, whose
    program talks with the judge's interactor, runs on its samples only."""
    try:
        require_harness(problem.function, language_id)
        require_language(problem, language_id)
    except LanguageError as exc:
        return str(exc)
    if problem.interactive and not on_samples:
        return "an interactive problem's program talks with the judge: run it on the samples"
    if on_samples and not samples_of(problem):
        return "this problem has no samples to run on"
    return None


def samples_of(problem: Problem) -> tuple:
    """The problem's sample test cases, which a run on the samples uses."""
    return tuple(t for t in problem.tests if t.name.startswith(SAMPLE_PREFIX))


def allows_runs(store: Store, contest_id: str) -> bool:
    """Whether the contest offers custom runs (practice always; a contest when its
    organizer said so)."""
    rows = store.query("SELECT custom_runs FROM contests WHERE id = ?", [contest_id])
    return bool(rows and rows[0]["custom_runs"])


def set_custom_runs(store: Store, contest_id: str, on: bool) -> bool:
    """The organizer's choice for a contest; False when there is no such contest."""
    return store.write(lambda db: db.execute(
        "UPDATE contests SET custom_runs = ? WHERE id = ?", [int(on), contest_id]).rowcount == 1)


def take_run(store: Store, languages: Mapping[str, Any], problem: Problem, *,
             contest_id: str, team_id: str | None, account_id: str, problem_id: str,
             package: str, time_limit: float | None, language_id: str, source: bytes,
             file_name: str, stdin: bytes | None, now: datetime) -> int:
    """Queue a run (its id, after commit) or raise `RunRefused` saying why. `stdin` None runs
    on the samples. In a contest, only while it takes submissions and if it offers runs."""
    reason = (source_refusal(languages, language_id, source)
              or (input_refusal(len(stdin)) if stdin is not None else None)
              or problem_refusal(problem, language_id, stdin is None))
    if reason is None and not allows_runs(store, contest_id):
        reason = "this contest does not offer runs on your own input"
    if reason is None and contest_id != PRACTICE:
        accepts, why = contest_clock(store, contest_id).accepts_submissions(now)
        reason = None if accepts else why
    if reason:
        raise RunRefused(reason)
    source_hash = store.blobs.put_bytes(source)
    input_hash = store.blobs.put_bytes(stdin) if stdin is not None else None
    return store.write(lambda db: int(db.execute(
        "INSERT INTO custom_runs (contest_id, team_id, account_id, problem_id, package, "
        "time_limit, language_id, source_hash, file_name, input_hash, created) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [contest_id, team_id, account_id, problem_id, package, time_limit, language_id,
         source_hash, file_name, input_hash, iso_time(now.timestamp())]).lastrowid or 0),
        queues=True)  # an idle slot starts it at once


def custom_run(store: Store, run_id: int) -> dict | None:
    """A run as stored, its result parsed; None when there is none."""
    rows = store.query("SELECT id, contest_id, team_id, account_id, problem_id, language_id, "
                       "input_hash IS NULL AS on_samples, status, created, finished, result "
                       "FROM custom_runs WHERE id = ?", [run_id])
    if not rows:
        return None
    row = dict(rows[0])
    row["on_samples"] = bool(row["on_samples"])
    row["result"] = json.loads(row["result"]) if row["result"] else None
    return row


def waiting_runs(store: Store) -> int:
    """Runs queued or being run."""
    (row,) = store.query("SELECT count(*) AS n FROM custom_runs "
                         "WHERE status IN ('queued', 'judging')")
    return int(row["n"])


class RunQueue:
    """Claims and results of custom runs, written through the store's writer."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def claim(self, worker: str, now: float, engine: str | None = None,
              lease_s: float = RUN_LEASE_S) -> RunClaim | None:
        """Lease the oldest claimable run, but only while no submission waits (the real ones
        go first) and, with `engine`, while that engine is active and up."""
        def take(db: Database) -> RunClaim | None:
            if engine is not None and db.execute(
                    "SELECT 1 FROM engines WHERE url = ? AND state = 'active' AND up = 1",
                    [engine]).fetchone() is None:
                return None
            if db.execute("SELECT 1 FROM submissions WHERE status = 'queued' OR "
                          "(status = 'judging' AND lease_until <= ?) LIMIT 1",
                          [now]).fetchone():
                return None
            rows = db.execute(
                f"UPDATE custom_runs SET status = 'judging', worker = ?, lease_until = ?, "
                f"attempt = attempt + 1 WHERE id = (SELECT min(id) FROM custom_runs WHERE "
                f"{_CLAIMABLE}) RETURNING id, worker, attempt, package, time_limit, "
                f"language_id, source_hash, file_name, input_hash",
                [worker, now + lease_s, now]).fetchall()
            return RunClaim(*rows[0]) if rows else None

        return self.store.write(take)

    def complete(self, claim: RunClaim, result: dict, now: float) -> bool:
        """Record the run's result, if the lease is still this claim's."""
        return self.store.write(lambda db: db.execute(
            "UPDATE custom_runs SET status = 'done', worker = NULL, lease_until = NULL, "
            "finished = ?, result = ? WHERE id = ? AND status = 'judging' AND worker = ? "
            "AND attempt = ?", [iso_time(now), json.dumps(result), claim.run_id, claim.worker,
                                claim.attempt]).rowcount == 1)

    def fail(self, claim: RunClaim, reason: str, now: float) -> bool:
        """Queue the run again, or end it with the error after MAX_ATTEMPTS."""
        if claim.attempt >= MAX_ATTEMPTS:
            return self.complete(claim, {"verdict": Verdict.JE.value, "error": reason,
                                         "compile_output": "", "tests": []}, now)
        return self.give_back(claim, count=True)

    def give_back(self, claim: RunClaim, count: bool = False) -> bool:
        """Queue the run again (uncounted unless `count`): its engine went, or the judge
        stops."""
        return self.store.write(lambda db: db.execute(
            "UPDATE custom_runs SET status = 'queued', worker = NULL, lease_until = NULL, "
            "attempt = attempt - ? WHERE id = ? AND status = 'judging' AND worker = ? AND "
            "attempt = ?", [0 if count else 1, claim.run_id, claim.worker,
                            claim.attempt]).rowcount == 1)

    def recover(self, now: float, gone: Callable[[str], bool] = lambda worker: False) -> int:
        """Queue again the runs whose lease expired or whose owner is `gone`; how many."""
        def give_back(db: Database) -> int:
            ids = [rid for rid, worker, until in db.execute(
                "SELECT id, worker, lease_until FROM custom_runs WHERE status = 'judging'")
                if until <= now or gone(worker)]
            for rid in ids:
                db.execute("UPDATE custom_runs SET status = 'queued', worker = NULL, "
                           "lease_until = NULL WHERE id = ?", [rid])
            return len(ids)

        return self.store.write(give_back)


def run_verdict(verdict: Verdict, on_samples: bool) -> str:
    """What a test of a run is called: on the samples, its verdict; on one's own input there
    is no answer to compare with, so a program that ended well "ran" (OK) whatever it
    printed, and the limits' verdicts (TLE, MLE, OLE, RTE) stand."""
    if not on_samples and verdict in (Verdict.AC, Verdict.WA):
        return "OK"
    return verdict.value


def run_report(judgement: Judgement, on_samples: bool,
               expected: Mapping[str, tuple[str, str]] | None = None) -> dict:
    """A judged run as its result (JSON): the verdict, the compiler's output, and per test its
    verdict, exit status, CPU time, peak memory, the start of its output and error with the
    output's size; on the samples also each one's input and expected answer (`expected`:
    test name -> (input, answer)) and where the output first differs from the answer."""
    tests = []
    for test in judgement.tests:
        entry = {"name": test.name, "verdict": run_verdict(test.verdict, on_samples),
                 "time": test.time, "memory": test.memory, "exit_code": test.exit_code,
                 "signal": test.signal, "stdout": test.output,
                 "stdout_size": test.output_size, "stderr": test.stderr,
                 "message": test.message}
        if expected and test.name in expected:
            entry["input"], entry["answer"] = expected[test.name]
            entry["difference"] = difference_json(test.output, entry["answer"])
        tests.append(entry)
    failed = next((t["verdict"] for t in tests if t["verdict"] not in ("AC", "OK")),
                  "AC" if on_samples else "OK")
    verdict = judgement.verdict.value if judgement.verdict in (Verdict.CE, Verdict.JE) \
        else failed
    return {"verdict": verdict, "error": judgement.error,
            "compile_output": readable_compile_output(judgement.compile_output),
            "time": judgement.time, "memory": judgement.memory, "tests": tests}
