"""The dispatcher: takes submissions from the durable queue under a lease and judges them.

One thread per sandbox slot. A judging error (Docker, a dead container) gives the
submission back for another attempt, up to `max_attempts`, then JE with the reason; a
worker whose lease ran out (it was slow, or killed and restarted) cannot record a second
judgement, because the queue checks the lease on completion. Leases are short and renewed
while a judging runs (`appliance.judging.heartbeat`). Restarting after a crash is `recover()`
(expired leases, and at once those of this host's owners that are gone) then `run()`. On
stop, `give_back_in_hand` queues the submissions in hand again without counting the attempt;
their judgings, cut short when the sandboxes are removed, record nothing and warn of nothing.

On several engines (`appliance.judging.fleet`) a dispatcher serves one engine: it claims only while
its engine is active and up, and records which engine judged. The rule for a failure: a
judging that fails while its engine no longer answers is the engine's fault, not the
submission's, so the submission is given back without counting the attempt and this
dispatcher stops; another engine judges it. Only failures on an engine that still answers
count towards the attempts that end in JE.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
import time
from collections.abc import Callable, Mapping
from pathlib import Path

from appliance.contest.submission_files import stored_files
from appliance.judging.custom_runs import (
    KEEP_OUTPUT,
    RunClaim,
    RunQueue,
    run_report,
    samples_of,
    waiting_runs,
)
from appliance.judging.differences import text_head
from appliance.judging.heartbeat import LEASE_S, Heartbeat, owner_gone
from appliance.judging.queue import Claim, JudgeQueue
from appliance.judging.slot_use import SlotUse
from appliance.problems.judging import build_validator, submission_for
from appliance.problems.load import Problem, load_problem, with_time_limit
from appliance.problems.subtasks import judged_score
from appliance.store import Store
from judge.errors import JudgeError, LanguageError, SandboxError
from judge.judging import Submission, TestCase, judge_submission
from judge.languages import Language
from judge.pool import Pool
from judge.programs import BuiltProgram
from judge.verdicts import Verdict

log = logging.getLogger(__name__)


class Dispatcher:
    """Judges queued submissions on a pool, a slot per thread."""

    def __init__(self, store: Store, pool: Pool, library: Path,
                 languages: Mapping[str, Language], worker: str, lease_s: float = LEASE_S,
                 max_attempts: int = 3, clock: Callable[[], float] = time.time,
                 engine: str | None = None,
                 engine_error: Callable[[], str | None] = lambda: None,
                 slots: SlotUse | None = None) -> None:
        self.store, self.pool, self.library, self.languages = store, pool, library, languages
        self.queue = JudgeQueue(store)
        self.runs = RunQueue(store)
        self.worker, self.lease_s, self.max_attempts, self.clock = (worker, lease_s,
                                                                    max_attempts, clock)
        self.engine, self.engine_error = engine, engine_error
        self.engine_lost = threading.Event()  # set when a judging failed with the engine
        self._packages: dict[tuple[str, float | None], tuple[Problem, BuiltProgram | None]] \
            = {}
        self._runs_in_hand: set[tuple[int, int]] = set()  # (run, attempt) being run
        self._lock = threading.Lock()
        self.slots = slots or SlotUse(pool.size)  # kept by the caller across pools
        self.heartbeat = Heartbeat(self.queue, lease_s, clock=clock)
        self._given_back: set[tuple[int, int]] = set()  # (submission, attempt) given back

    def recover(self) -> int:
        """Give back the submissions whose lease expired, or whose owner on this host is
        gone (a crashed dispatcher's)."""
        return self.queue.recover(self.clock(), owner_gone) + self.runs.recover(self.clock(),
                                                                                owner_gone)

    def give_back_in_hand(self, reason: str) -> int:
        """Queue again, uncounted, every submission being judged now (the server stops);
        how many. Their judgings may go on, but record nothing."""
        given = 0
        for claim in self.heartbeat.in_hand():
            self._given_back.add((claim.submission_id, claim.attempt))
            self.heartbeat.release(claim)
            if self.queue.give_back(claim, reason):
                log.info("submission %s given back to the queue: %s", claim.submission_id,
                         reason)
                given += 1
        return given

    def _was_given_back(self, claim: Claim) -> bool:
        return (claim.submission_id, claim.attempt) in self._given_back

    def judge_one(self, slot: int = 0) -> bool:
        """Claim and judge one submission on `slot`, else (none waits) one custom run;
        False when nothing was waiting."""
        if self.engine_lost.is_set():
            return False
        claim = self.queue.claim(self.worker, self.lease_s, self.clock(), self.engine)
        if claim is None:
            return self.run_one(slot)
        with self.slots.busy(slot), self.heartbeat.hold(claim):
            try:
                self._judge(claim)
            except (JudgeError, LanguageError, OSError) as exc:
                if self._was_given_back(claim):  # cut short on purpose: nothing to say
                    return True
                log.warning("submission %s: %s", claim.submission_id, exc)
                if isinstance(exc, SandboxError):  # e.g. building the validator
                    self.pool.count_failure("judging")
                self._failed(claim, str(exc))
        return True

    def _failed(self, claim: Claim, reason: str) -> None:
        """Give the submission back if the engine is gone (see the module's rule), else
        count the attempt."""
        self.heartbeat.release(claim)  # its end is written now: no renewal races the write
        gone = self.engine_error()
        if gone is not None:
            log.warning("submission %s given back: %s", claim.submission_id, gone)
            self.engine_lost.set()
            self.queue.give_back(claim, f"{reason} ({gone})")
            return
        self.queue.fail(claim, reason, self.max_attempts, self.clock())

    def run_one(self, slot: int = 0) -> bool:
        """Claim and do one custom run on `slot` (only when no submission waits: the queue
        sees to it); False when none was waiting."""
        claim = self.runs.claim(self.worker, self.clock(), self.engine)
        if claim is None:
            return False
        key = (claim.run_id, claim.attempt)
        with self.slots.busy(slot):
            self._runs_in_hand.add(key)
            try:
                report = self._run(claim)
            except (JudgeError, LanguageError, OSError) as exc:
                log.warning("custom run %s: %s", claim.run_id, exc)
                report = {"verdict": Verdict.JE.value, "error": str(exc)}
            finally:
                self._runs_in_hand.discard(key)
            if self.pool.closed or self.engine_error() is not None:
                self.runs.give_back(claim)  # cut short by a stop or a lost engine
            elif report.get("verdict") == Verdict.JE.value:
                self.runs.fail(claim, report.get("error") or "judging error", self.clock())
            else:
                self.runs.complete(claim, report, self.clock())
        return True

    def _run(self, claim: RunClaim) -> dict:
        """Run a custom run's source on its input (no answer, no validator: what it printed is
        the result) or on the samples (judged as a submission's, every one of them)."""
        language = self.languages.get(claim.language_id)
        if language is None:
            return {"verdict": Verdict.JE.value,
                    "error": f"unknown language {claim.language_id!r}"}
        problem, validator = self._package(claim.package, claim.time_limit)
        blobs = self.store.blobs
        base = submission_for(problem, language, blobs.path(claim.source_hash).read_bytes(),
                              validator=validator)
        expected = None
        if claim.input_hash is None:
            tests = samples_of(problem)
            submission = dataclasses.replace(base, tests=tests, stop_on_failure=False,
                                             keep_output=KEEP_OUTPUT)
            expected = {t.name: (text_head(t.input), text_head(t.answer)) for t in tests}
        else:
            stdin = TestCase("stdin", blobs.path(claim.input_hash),
                             blobs.path(blobs.put_bytes(b"")))
            submission = _on_own_input(base, stdin)
        judgement = judge_submission(self.pool, blobs, submission)
        return run_report(judgement, claim.input_hash is None, expected)

    def _package(self, folder: str, time_limit: float | None
                 ) -> tuple[Problem, BuiltProgram | None]:
        """A library package (at a contest's time limit) and its built validator, loaded
        once per dispatcher."""
        with self._lock:
            key = (folder, time_limit)
            if key not in self._packages:
                problem = load_problem(self.library / folder)
                if time_limit:
                    problem = with_time_limit(problem, float(time_limit))
                validator = build_validator(self.pool, self.store.blobs, problem,
                                            self.languages)
                self._packages[key] = (problem, validator)
            return self._packages[key]

    def _judge(self, claim: Claim) -> None:
        language = self.languages.get(claim.language_id)
        if language is None:
            self.heartbeat.release(claim)
            self.queue.fail(claim, f"unknown language {claim.language_id!r}", 1, self.clock())
            return
        problem, validator = self._problem(claim.problem_id)
        blobs = self.store.blobs
        source = blobs.path(claim.source_hash).read_bytes()
        files = stored_files(claim.file_name, claim.source_hash, claim.other_files)
        others = {name: blobs.path(digest).read_bytes()
                  for name, digest in files.items() if name != claim.file_name}
        submission = submission_for(problem, language, source, validator=validator,
                                    extra_files=others)
        judgement = judge_submission(self.pool, blobs, dataclasses.replace(
            submission, keep_output=KEEP_OUTPUT))  # each test's output, for the jury
        if self._was_given_back(claim):
            return  # it is queued again; this judging, maybe cut short, counts for nothing
        if judgement.verdict is Verdict.JE:
            self._failed(claim, judgement.error or "judging error")
            return
        score = judged_score(problem, judgement.tests) if problem.scoring else None
        if score is not None and score.errors:  # the package's validator broke its rules
            self._failed(claim, "; ".join(score.errors))
        else:
            self.heartbeat.release(claim)  # its end is written now: no renewal races the write
            self.queue.complete(claim, judgement, self.clock(), self.engine, score)

    def _problem(self, problem_id: str) -> tuple[Problem, BuiltProgram | None]:
        """A problem's package and built validator, loaded once per dispatcher."""
        (row,) = self.store.query("SELECT package, time_limit FROM problems WHERE id = ?",
                                  [problem_id])
        return self._package(row["package"], row["time_limit"])

    def run(self, stop: threading.Event, until_empty: bool = False, idle_s: float = 0.2) -> None:
        """Judge until `stop` is set (or, with `until_empty`, until nothing is left).

        An idle slot waits on the store's doorbell, so a submission stored by this process
        starts judging the moment it is committed; work queued by another process is found
        at the next poll, `idle_s` later at most."""

        def work(slot: int) -> None:
            doorbell = self.store.doorbell
            while not stop.is_set() and not self.engine_lost.is_set():
                rings = doorbell.rings  # a submission stored from now on wakes this slot
                if self.judge_one(slot):
                    continue
                if until_empty and not self._unfinished():
                    stop.set()
                    return
                doorbell.wait(rings, idle_s)

        threads = [threading.Thread(target=work, args=(i,), name=f"dispatch-{i}")
                   for i in range(self.pool.size)]
        beating = threading.Event()
        heart = threading.Thread(target=self.heartbeat.run, args=(beating,),
                                 name="heartbeat", daemon=True)
        heart.start()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        beating.set()
        heart.join()

    def _unfinished(self) -> int:
        (row,) = self.store.query("SELECT count(*) AS n FROM submissions "
                                  "WHERE status IN ('queued', 'judging')")
        return int(row["n"]) + waiting_runs(self.store)


def _on_own_input(base: Submission, stdin: TestCase) -> Submission:
    """A submission run once on the team's input: its limits and sandbox, no validator (any
    output is what the run shows), its output kept."""
    return dataclasses.replace(
        base, tests=(stdin,), stop_on_failure=False, validator=None, validator_args=(),
        test_flags={}, test_validator_args={}, test_args={}, interactive=False, passes=1,
        keep_output=KEEP_OUTPUT)

