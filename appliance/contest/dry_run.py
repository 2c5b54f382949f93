"""A contest's dry run before its start: every jury submission of every problem judged on the
real pool as the contest will judge (the package's limits, its validator, one slot each),
`repeat` times, and per problem the slowest accepted time against the limit, the
submissions whose verdict differs from their folder, and how much times vary between runs.

A limit that holds on the jury's laptop may not on the contest machine; a verdict that
changes between two runs of one submission is a limit too close to a run's time. The report
is kept in the store (`dry_runs`, the newest one per contest counts) so the judges' console
shows it before the start.
"""

from __future__ import annotations

import concurrent.futures
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from appliance.contest.reads import problems_of
from appliance.doctor.calibration import spread
from appliance.problems.judging import build_validator
from appliance.problems.load import Problem, load_problem
from appliance.problems.verify import SubmissionCheck, _judge_one
from appliance.store import Store
from judge.errors import BuildError, LanguageError
from judge.languages import Language
from judge.pool import Pool

# Runs shorter than this say more about the clock's grain and start-up than about the
# machine: their spread is left out of a problem's.
SPREAD_FLOOR_S = 0.05


@dataclass(frozen=True)
class SubmissionRuns:
    """One jury submission judged `repeat` times: its verdict and time each time."""

    path: str
    expected: str
    language: str = ""
    verdicts: tuple[str, ...] = ()
    times: tuple[float, ...] = ()
    agrees: bool = True  # every run got a verdict its folder allows
    skipped: str = ""
    detail: str = ""  # the first run that disagreed: why

    @property
    def steady(self) -> bool:
        """The same verdict every time."""
        return len(set(self.verdicts)) <= 1

    @property
    def spread(self) -> float | None:
        return spread(self.times)

    def to_json(self) -> dict:
        return {"path": self.path, "expected": self.expected, "language": self.language,
                "verdicts": list(self.verdicts), "times": list(self.times),
                "agrees": self.agrees, "steady": self.steady, "spread": self.spread,
                "skipped": self.skipped or None, "detail": self.detail or None}


def runs_of(checks: Sequence[SubmissionCheck]) -> SubmissionRuns:
    """A submission's repeated checks (by `problems.verify`) as one entry."""
    first = checks[0]
    if first.skipped:
        return SubmissionRuns(first.path, first.expected, skipped=first.skipped)
    wrong = next((c for c in checks if not c.ok), None)
    return SubmissionRuns(
        first.path, first.expected, first.language,
        tuple(c.got.value if c.got else "JE" for c in checks), tuple(c.time for c in checks),
        agrees=wrong is None, detail="" if wrong is None else
        f"got {wrong.got.value if wrong.got else 'nothing'}" + (
            f": {wrong.detail}" if wrong.detail else ""))


@dataclass(frozen=True)
class ProblemDryRun:
    """One problem's part of the report."""

    problem_id: str
    label: str
    time_limit: float = 0.0
    ac_to_time_limit: float = 2.0  # the package's margin an accepted run should keep
    submissions: tuple[SubmissionRuns, ...] = ()
    error: str = ""  # the package would not load or its validator not build

    def _accepted_times(self) -> list[tuple[float, str]]:
        return [(t, s.path) for s in self.submissions if s.expected == "accepted"
                for t, v in zip(s.times, s.verdicts, strict=True) if v == "AC"]

    @property
    def slowest_accepted(self) -> float | None:
        return max(self._accepted_times(), default=(None, ""))[0]

    @property
    def slowest_at(self) -> str:
        return max(self._accepted_times(), default=(None, ""))[1]

    @property
    def margin(self) -> float | None:
        """How many times the slowest accepted run fits in the limit."""
        slowest = self.slowest_accepted
        return None if not slowest else self.time_limit / slowest

    @property
    def tight(self) -> bool:
        """The slowest accepted run keeps less than the package's margin (ac_to_time_limit)."""
        return self.margin is not None and self.margin < self.ac_to_time_limit

    @property
    def disagreeing(self) -> list[SubmissionRuns]:
        return [s for s in self.submissions if not s.agrees]

    @property
    def unsteady(self) -> list[SubmissionRuns]:
        return [s for s in self.submissions if not s.steady]

    def _spreads(self) -> list[tuple[float, str]]:
        return [(s.spread, s.path) for s in self.submissions
                if s.steady and s.spread is not None and min(s.times) >= SPREAD_FLOOR_S]

    @property
    def spread(self) -> float | None:
        """The largest spread of one submission's times over the runs (the same verdict
        each time, every run at least SPREAD_FLOOR_S)."""
        return max(self._spreads(), default=(None, ""))[0]

    @property
    def spread_at(self) -> str:
        return max(self._spreads(), default=(None, ""))[1]

    @property
    def ok(self) -> bool:
        return not self.error and not self.disagreeing and not self.unsteady

    def to_json(self) -> dict:
        return {"problem_id": self.problem_id, "label": self.label,
                "time_limit": self.time_limit, "ac_to_time_limit": self.ac_to_time_limit,
                "slowest_accepted": self.slowest_accepted, "slowest_at": self.slowest_at or None,
                "margin": self.margin, "tight": self.tight, "spread": self.spread,
                "spread_at": self.spread_at or None,
                "disagreeing": len(self.disagreeing), "unsteady": len(self.unsteady),
                "ok": self.ok, "error": self.error or None,
                "submissions": [s.to_json() for s in self.submissions]}


@dataclass
class DryRun:
    """The whole report."""

    contest_id: str
    repeat: int
    slots: int
    started: str = ""
    finished: str = ""
    problems: list[ProblemDryRun] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(p.ok for p in self.problems)

    def to_json(self) -> dict:
        return {"contest_id": self.contest_id, "repeat": self.repeat, "slots": self.slots,
                "started": self.started, "finished": self.finished, "ok": self.ok,
                "problems": [p.to_json() for p in self.problems]}


Progress = Callable[[str], None]


def dry_run(store: Store, contest_id: str, library: Path, pool: Pool,
            languages: Mapping[str, Language], repeat: int = 2,
            progress: Progress = lambda _: None) -> DryRun:
    """Judge every jury submission of the contest's problems `repeat` times on `pool`, the
    slots all busy as in a contest; the report (not stored: `save` does)."""
    report = DryRun(contest_id, repeat, pool.size, started=_now())
    with concurrent.futures.ThreadPoolExecutor(max_workers=pool.size) as workers:
        for row in problems_of(store, contest_id):
            report.problems.append(_problem(row, library, pool, store, languages, repeat,
                                            workers, progress))
    report.finished = _now()
    return report


def _problem(row: dict, library: Path, pool: Pool, store: Store,
             languages: Mapping[str, Language], repeat: int,
             workers: concurrent.futures.Executor, progress: Progress) -> ProblemDryRun:
    """One problem: loaded and its validator built as the dispatcher does, then each
    submission judged `repeat` times (round after round, so a drift shows as spread)."""
    found = ProblemDryRun(row["id"], row["label"])
    try:
        problem: Problem = load_problem(library / row["package"])
        validator = build_validator(pool, store.blobs, problem, languages)
    except (BuildError, LanguageError, OSError) as exc:
        return ProblemDryRun(row["id"], row["label"], error=str(exc))
    entries = [e for _ in range(repeat) for e in problem.submissions]
    checks = list(workers.map(
        lambda entry: _judge_one(problem, entry, validator, problem.limits, pool, store.blobs,
                                 languages, lambda name: progress(f"{row['label']} {name}")),
        entries))
    by_path: dict[str, list[SubmissionCheck]] = {}
    for check in checks:
        by_path.setdefault(check.path, []).append(check)
    return ProblemDryRun(found.problem_id, found.label, problem.limits.time,
                         problem.time_rule.ac_to_time_limit,
                         tuple(runs_of(c) for c in by_path.values()))


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def save(store: Store, report: DryRun) -> int:
    """Keep the report in the store; its id."""
    def insert(db) -> int:
        cursor = db.execute(
            "INSERT INTO dry_runs (contest_id, started_at, finished_at, repeat, ok, report) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [report.contest_id, report.started, report.finished, report.repeat,
             int(report.ok), json.dumps(report.to_json())])
        return int(cursor.lastrowid)
    return store.write(insert)


def latest(store: Store, contest_id: str) -> dict | None:
    """The newest dry run of the contest, as `DryRun.to_json` wrote it; None if none ran."""
    rows = store.query("SELECT report FROM dry_runs WHERE contest_id = ? ORDER BY id DESC "
                       "LIMIT 1", [contest_id])
    return json.loads(rows[0]["report"]) if rows else None
