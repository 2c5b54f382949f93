"""A contest's dry run summed up per problem (pure: the judging itself is tested with Docker
in tests/cli/test_dry_run_docker.py) and kept in the store."""

from __future__ import annotations

from pathlib import Path

from appliance.contest.dry_run import (
    DryRun,
    ProblemDryRun,
    SubmissionRuns,
    latest,
    runs_of,
    save,
)
from appliance.problems.verify import SubmissionCheck
from appliance.store import Store
from judge.verdicts import Verdict
from tests.webserver import make_contest

ACCEPTED = frozenset({"AC"})


def check(path: str, got: Verdict, time: float, expected: str = "accepted",
          allowed: frozenset[str] = ACCEPTED, detail: str = "") -> SubmissionCheck:
    return SubmissionCheck(path, expected, allowed, language="c", got=got, time=time,
                           detail=detail)


def test_runs_that_all_agree() -> None:
    runs = runs_of([check("a.c", Verdict.AC, 0.20), check("a.c", Verdict.AC, 0.22)])
    assert runs.agrees and runs.steady and runs.verdicts == ("AC", "AC")
    assert runs.times == (0.20, 0.22) and round(runs.spread or 0, 4) == 0.0476


def test_a_run_with_a_verdict_its_folder_does_not_allow_disagrees_with_why() -> None:
    runs = runs_of([check("a.c", Verdict.AC, 0.9), check("a.c", Verdict.TLE, 1.0,
                                                          detail="secret/3: TLE")])
    assert not runs.agrees and not runs.steady
    assert runs.detail == "got TLE: secret/3: TLE"


def test_a_skipped_submission_is_no_disagreement() -> None:
    runs = runs_of([SubmissionCheck("a.f", "accepted", ACCEPTED, skipped="no Fortran")] * 2)
    assert runs.agrees and runs.skipped == "no Fortran" and runs.verdicts == ()


def problem(*submissions: SubmissionRuns, limit: float = 1.0) -> ProblemDryRun:
    return ProblemDryRun("sum", "A", limit, 2.0, submissions)


def test_the_slowest_accepted_run_against_the_limit() -> None:
    found = problem(SubmissionRuns("fast.c", "accepted", "c", ("AC", "AC"), (0.1, 0.12)),
                    SubmissionRuns("slow.py", "accepted", "python3", ("AC", "AC"), (0.4, 0.6)),
                    # a time-limit run is slower, but not an accepted one
                    SubmissionRuns("tle.c", "time_limit_exceeded", "c", ("TLE", "TLE"),
                                   (1.0, 1.0)))
    assert (found.slowest_accepted, found.slowest_at) == (0.6, "slow.py")
    assert round(found.margin or 0, 3) == 1.667 and found.tight  # under ac_to_time_limit 2
    assert found.ok  # tight is worth a look, not a wrong verdict
    assert not problem(SubmissionRuns("a.c", "accepted", "c", ("AC",), (0.3,))).tight


def test_the_spread_leaves_out_runs_too_short_to_tell() -> None:
    found = problem(SubmissionRuns("tiny.c", "accepted", "c", ("AC", "AC"), (0.001, 0.003)),
                    SubmissionRuns("loop.c", "accepted", "c", ("AC", "AC"), (0.5, 0.55)))
    assert found.spread_at == "loop.c" and round(found.spread or 0, 4) == 0.0476
    assert problem(SubmissionRuns("tiny.c", "accepted", "c", ("AC", "AC"),
                                  (0.001, 0.003))).spread is None


def test_a_verdict_that_changes_between_runs_fails_the_dry_run() -> None:
    flaky = SubmissionRuns("edge.c", "time_limit_exceeded", "c", ("TLE", "AC"), (1.0, 0.98),
                           agrees=False, detail="got AC")
    found = problem(flaky)
    assert found.unsteady == [flaky] and found.disagreeing == [flaky] and not found.ok
    report = DryRun("test", 2, 2, problems=[found])
    assert not report.ok and report.to_json()["problems"][0]["unsteady"] == 1


def test_the_newest_report_is_kept_per_contest(tmp_path: Path) -> None:
    make_contest(tmp_path, problems=("sum",), teams=1)
    with Store.open(tmp_path) as store:
        assert latest(store, "test") is None
        save(store, DryRun("test", 1, 1, "2026-01-01T00:00:00+00:00",
                           "2026-01-01T00:01:00+00:00"))
        second = DryRun("test", 3, 2, "2026-01-02T00:00:00+00:00", "2026-01-02T00:01:00+00:00",
                        [problem(SubmissionRuns("a.c", "accepted", "c", ("AC",) * 3,
                                                (0.1, 0.1, 0.1)))])
        save(store, second)
        assert latest(store, "test") == second.to_json()
        assert latest(store, "other") is None
