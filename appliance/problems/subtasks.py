"""A scoring problem as a score contest sees it: its maximum, its subtasks and a judgement's
score per subtask, whichever way the package says how it scores.

A subtask is a test data group directly under `data/secret` (2025-09 `test_group.yaml`
with `max_score`; legacy `testdata.yaml` grader settings, where `sample` is one more unless
the root says `ignore_sample`); a package without groups has one subtask, `secret`. The
score of a judgement comes from its test results: 2025-09's result aggregation
(`aggregation.py`, a custom validator's `score.txt` read there) or the legacy grader's
(`scoring.py`). The contest's scoreboard keeps, per subtask, the best
across submissions when the contest says so, so the subtasks must add up to the problem's
maximum: `contest_errors` says where they do not. Pure apart from reading the package's
group files.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from appliance.problems import aggregation, scoring
from appliance.problems.load import Problem
from appliance.problems.report import LEGACY, V2025
from judge.judging import TestResult

SECRET = aggregation.SECRET


@dataclass(frozen=True)
class ProblemScoring:
    """What a problem can score: in total, and per subtask (name -> its maximum, in name
    order; None when the package leaves a subtask unbounded); `full_feedback`: the
    subtasks whose test cases' results teams see one by one (2025-09 `full_feedback`)."""

    max_score: float | None
    subtasks: dict[str, float | None] = field(default_factory=dict)
    full_feedback: frozenset[str] = frozenset()


@dataclass(frozen=True)
class SubtaskResult:
    """One subtask of a judgement, as a team's page shows it."""

    name: str  # "secret/g1"
    label: str  # "g1"
    score: float | None  # None: not judged (yet)
    max_score: float | None
    full_feedback: bool

    @property
    def fraction(self) -> float:
        return min(1.0, (self.score or 0.0) / self.max_score) if self.max_score else 0.0

    def holds(self, test_name: str) -> bool:
        """Whether a test case belongs to this subtask."""
        return test_name.startswith(self.name + "/")


@dataclass(frozen=True)
class JudgedScore:
    """A judgement's score: the total and each subtask's, and the judge errors the
    package's format names (a validator's bad score file, say)."""

    total: float
    subtasks: dict[str, float] = field(default_factory=dict)
    errors: tuple[str, ...] = ()


def problem_scoring(problem: Problem) -> ProblemScoring | None:
    """The problem's maximum and subtasks; None when it is not a scoring problem."""
    if not problem.scoring:
        return None
    names = [t.name for t in problem.tests]
    if problem.format_version == V2025:
        groups = aggregation.read_groups(problem.path, problem.constants)
        subtasks = {name: g.max_score for name, g in groups.items() if name != SECRET}
        return ProblemScoring(groups[SECRET].max_score, subtasks or {
            SECRET: groups[SECRET].max_score},
            frozenset(name for name, g in groups.items() if g.full_feedback))
    rules = scoring.read_groups(problem.path)
    return ProblemScoring(scoring.max_score(rules, names), {
        name: scoring.max_score(rules, names, name) for name in _legacy_subtasks(rules, names)})


def _legacy_subtasks(rules: dict[str, scoring.GroupRule], names: Iterable[str]) -> list[str]:
    """The parts the legacy grader adds up: `sample` (unless the root says ignore_sample),
    then the group folders directly under data/secret, or `secret` itself without any."""
    names = list(names)
    groups = sorted({"/".join(n.split("/")[:2]) for n in names
                     if n.startswith(f"{SECRET}/") and n.count("/") >= 2} & set(rules))
    top = rules.get("", scoring.GroupRule())
    sample = [] if top.ignore_sample or not any(n.startswith("sample/") for n in names) \
        else ["sample"]
    return sample + (groups or [SECRET])


def judged_score(problem: Problem, tests: Iterable[TestResult]) -> JudgedScore:
    """The score of one judgement of a scoring problem from its test results (a test not
    run counts as not accepted)."""
    tests = list(tests)
    accepted = {t.name: t.verdict.value == "AC" for t in tests}
    names = [t.name for t in problem.tests]
    if problem.format_version == V2025:
        groups = aggregation.read_groups(problem.path, problem.constants)
        got = aggregation.score(groups, {t.name: aggregation.CaseResult(
            accepted[t.name], t.scores) for t in tests}, names)
        subtasks = {n: s for n, s in got.groups.items() if n != SECRET} or {
            SECRET: got.total}
        return JudgedScore(got.total, subtasks, got.errors)
    rules = scoring.read_groups(problem.path)
    outcomes = {name: accepted.get(name, False) for name in names}
    return JudgedScore(scoring.aggregate(rules, outcomes), {
        name: scoring.aggregate(rules, outcomes, name) for name in _legacy_subtasks(rules,
                                                                                   names)})


def subtask_results(scoring: ProblemScoring,
                    scores: Mapping[str, float] | None) -> list[SubtaskResult]:
    """A judgement's subtasks in the package's order, each beside its maximum."""
    return [SubtaskResult(name, name.removeprefix(SECRET + "/") if name != SECRET else "all",
                          None if scores is None else scores.get(name, 0.0), top,
                          name in scoring.full_feedback)
            for name, top in scoring.subtasks.items()]


def contest_errors(problem_id: str, problem: Problem) -> list[str]:
    """Why a score contest cannot take this problem (file and key named each): it does not
    score, its maximum is unbounded, or its subtasks' maxima do not add up to it (the best
    per subtask, kept across submissions, must never pass the problem's maximum)."""
    where = f"problem {problem_id!r} ({problem.path})"
    found = problem_scoring(problem)
    if found is None:
        return [f"{where}: problem.yaml: type: not a scoring problem, but the contest's "
                "scoreboard_type is score"]
    config = "testdata.yaml" if problem.format_version == LEGACY else "test_group.yaml"
    if found.max_score is None or found.max_score <= 0:
        return [f"{where}: data/secret/{config}: max_score: a score contest needs a "
                "positive, bounded maximum"]
    errors = [f"{where}: data/{name}/{config}: max_score: unbounded, but a score contest "
              "needs every subtask's maximum" for name, top in found.subtasks.items()
              if top is None]
    total = sum(top or 0.0 for top in found.subtasks.values())
    if not errors and abs(total - found.max_score) > 1e-6:
        parts = " + ".join(f"{name.removeprefix(SECRET + '/')} {top:g}"
                           for name, top in found.subtasks.items() if top is not None)
        errors.append(f"{where}: data/secret/{config}: max_score: {found.max_score:g}, but "
                      f"its subtasks' max_score add up to {total:g} ({parts})")
    return errors
