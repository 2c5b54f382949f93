"""Rejudging with review: new verdicts wait beside the current ones until a judge applies."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from appliance.contest.rejudging import (
    RejudgingError,
    apply_rejudging,
    cancel_rejudging,
    changes,
    rejudging_row,
    rejudging_state,
    select_submissions,
    start_rejudging,
)
from appliance.contest.setup import import_contest, quick_contest
from appliance.judging.queue import JudgeQueue
from appliance.scoreboard.standings import scoreboard_from_store
from appliance.store import Store
from cli.main import main
from judge.judging import Judgement
from judge.verdicts import Verdict
from tests.paths import PACKS


@pytest.fixture
def store(tmp_path: Path):
    with Store.open(tmp_path / "data") as opened:
        import_contest(opened, quick_contest("Cup", [PACKS / "sum", PACKS / "hello"], 2),
                       tmp_path / "library")
        queue = JudgeQueue(opened)
        for i, (problem, verdict) in enumerate([("sum", Verdict.WA), ("sum", Verdict.AC),
                                                ("hello", Verdict.WA)]):
            opened.submit(contest_id="cup", team_id=f"team00{i % 2 + 1}", problem_id=problem,
                          language_id="python3", source=b"x", file_name="a.py",
                          time="2026-11-23T12:00:00+00:00", contest_time=60.0 * (i + 1))
            assert queue.complete(queue.claim("w", 60, 1.0), Judgement(verdict), 2.0)
        yield opened


def judge_all(store: Store, verdicts: dict[int, Verdict]) -> None:
    queue = JudgeQueue(store)
    while claim := queue.claim("w", 60, 10.0):
        assert queue.complete(claim, Judgement(verdicts[claim.submission_id]), 11.0)


def current(store: Store) -> dict[int, str]:
    rows = store.query("SELECT submission_id, verdict FROM judgements WHERE is_current = 1")
    return {r["submission_id"]: r["verdict"] for r in rows}


def solved(store: Store) -> int:
    return scoreboard_from_store(store, "cup").row("team001", False).num_solved


def test_rejudged_verdicts_count_only_once_applied(store: Store) -> None:
    ids = select_submissions(store, "cup", problem="sum")
    assert ids == [1, 2]
    rid = start_rejudging(store, "cup", ids, reason="new test data")
    judge_all(store, {1: Verdict.AC, 2: Verdict.AC})
    assert current(store) == {1: "WA", 2: "AC", 3: "WA"}  # nothing changed yet
    assert solved(store) == 0
    assert [(c.submission_id, c.before, c.after, c.differs) for c in changes(store, rid)] == [
        ("1", "WA", "AC", True), ("2", "AC", "AC", False)]
    assert apply_rejudging(store, rid) == 2
    assert current(store) == {1: "AC", 2: "AC", 3: "WA"}
    assert solved(store) == 1  # the replayed event log sees the applied verdict
    with pytest.raises(RejudgingError, match="already applied"):
        apply_rejudging(store, rid)


def test_a_rejudging_cannot_be_applied_before_it_is_judged(store: Store) -> None:
    rid = start_rejudging(store, "cup", select_submissions(store, "cup", team="team001"))
    with pytest.raises(RejudgingError, match="not judged yet"):
        apply_rejudging(store, rid)


def test_cancelling_leaves_every_verdict_as_it_was(store: Store) -> None:
    rid = start_rejudging(store, "cup", select_submissions(store, "cup"))
    queue = JudgeQueue(store)
    claim = queue.claim("w", 60, 10.0)
    assert queue.complete(claim, Judgement(Verdict.TLE), 11.0)
    cancel_rejudging(store, rid)
    assert current(store) == {1: "WA", 2: "AC", 3: "WA"}
    assert queue.claim("w", 60, 12.0) is None  # the others went back to judged
    with pytest.raises(RejudgingError, match="already cancelled"):
        apply_rejudging(store, rid)


def test_a_rejudging_says_judging_then_judged_then_applied_or_cancelled(store: Store) -> None:
    def state(rid: int) -> str:
        row = rejudging_row(store, "cup", rid)
        assert row is not None
        return rejudging_state(row["state"], changes(store, rid))

    applied = start_rejudging(store, "cup", [1])
    assert state(applied) == "judging"
    judge_all(store, {1: Verdict.AC})
    assert state(applied) == "judged"  # no longer "running" with nothing pending
    apply_rejudging(store, applied)
    assert state(applied) == "applied"
    cancelled = start_rejudging(store, "cup", [2, 3])
    cancel_rejudging(store, cancelled)
    assert state(cancelled) == "cancelled"


def test_nothing_to_rejudge_is_said_plainly(store: Store) -> None:
    with pytest.raises(RejudgingError, match="nothing to rejudge"):
        start_rejudging(store, "cup", select_submissions(store, "cup", language="cobol"))


def test_the_cli_starts_shows_and_cancels_a_rejudging(store: Store, tmp_path: Path) -> None:
    data = str(tmp_path / "data")
    started = CliRunner().invoke(main, ["rejudge", "cup", "--problem", "sum", "--data", data])
    assert started.exit_code == 0 and started.output.startswith("rejudging 1: 2 submission")
    judge_all(store, {1: Verdict.AC, 2: Verdict.WA})
    shown = CliRunner().invoke(main, ["rejudging", "show", "1", "--data", data])
    assert shown.exit_code == 0 and shown.output.count("changes") == 2
    assert "rejudging 1: judged" in shown.output and "apply or cancel" in shown.output
    unknown = CliRunner().invoke(main, ["rejudging", "show", "9", "--data", data])
    assert unknown.exit_code == 2 and "no rejudging 9" in unknown.output
    cancelled = CliRunner().invoke(main, ["rejudging", "cancel", "1", "--data", data])
    assert cancelled.exit_code == 0 and current(store) == {1: "WA", 2: "AC", 3: "WA"}
    again = CliRunner().invoke(main, ["rejudging", "apply", "1", "--data", data])
    assert again.exit_code == 2 and "already cancelled" in again.output
