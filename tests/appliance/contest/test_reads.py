"""The contest's objects read back from a real store: filters by team and submission, the
judgements of a rejudging not applied yet, current verdicts, runs in test order, owners."""

from __future__ import annotations

from pathlib import Path

import pytest

from appliance.contest.clarifications import ask, clarification_row, clarifications_of
from appliance.contest.reads import (
    contest_ids,
    contest_row,
    current_judgement,
    current_verdicts,
    groups_of,
    judgements_of,
    organizations_of,
    owner_of,
    problem_package,
    problems_of,
    runs_of,
    submission_detail,
    submission_row,
    submissions_of,
    team_groups,
    team_is_hidden,
    teams_of,
)
from appliance.contest.rejudging import rejudging_ids, rejudging_row, start_rejudging
from appliance.contest.setup import import_contest, quick_contest
from appliance.contest.visibility import Owner
from appliance.judging.queue import JudgeQueue
from appliance.store import Store
from appliance.store_schema import PRACTICE
from judge.judging import Judgement, TestResult
from judge.verdicts import Verdict
from tests.paths import PACKS

T = "2026-11-23T12:00:00.000+00:00"


def result(name: str, verdict: Verdict) -> TestResult:
    return TestResult(name, verdict, 0.1, 0.2, 1 << 20, 0, None)


def submit(store: Store, team: str, problem: str = "sum") -> int:
    return store.submit(contest_id="cup", team_id=team, problem_id=problem,
                        language_id="python3", source=b"x", file_name="a.py", time=T,
                        contest_time=60.0)


def judge(store: Store, verdict: Verdict) -> None:
    queue = JudgeQueue(store)
    claim = queue.claim("w", 60, 1.0)
    assert claim is not None
    assert queue.complete(claim, Judgement(verdict, tests=(
        result("sample/1", Verdict.AC), result("secret/1", verdict))), 2.0)


@pytest.fixture
def store(tmp_path: Path):
    """Cup: team001 has submissions 1 (WA) and 3 (AC), team002 has 2 (AC); submission 1 is
    in a rejudging that judged it AC (not applied)."""
    with Store.open(tmp_path / "data") as opened:
        import_contest(opened, quick_contest("Cup", [PACKS / "sum", PACKS / "hello"], 3),
                       tmp_path / "library")
        for team, verdict in (("team001", Verdict.WA), ("team002", Verdict.AC),
                              ("team001", Verdict.AC)):
            submit(opened, team)
            judge(opened, verdict)
        start_rejudging(opened, "cup", [1], reason="new data")
        judge(opened, Verdict.AC)
        yield opened


def test_the_contest_its_problems_and_their_packages(store: Store) -> None:
    assert contest_row(store, "cup")["name"] == "Cup"
    assert contest_row(store, "nope") is None
    assert contest_ids(store) == ["cup"]  # the practice row is no contest to serve
    assert contest_row(store, PRACTICE) is not None
    assert [p["id"] for p in problems_of(store, "cup")] == ["sum", "hello"]
    assert problem_package(store, "cup", "sum").startswith("sum")
    assert problem_package(store, "other", "sum") is None


def test_teams_hidden_ones_too_by_id(store: Store) -> None:
    store.write(lambda db: db.execute("UPDATE teams SET hidden = 1 WHERE id = 'team002'"))
    assert [(t["id"], t["hidden"]) for t in teams_of(store, "cup")] == [
        ("team001", 0), ("team002", 1), ("team003", 0)]
    assert team_is_hidden(store, "team002") and not team_is_hidden(store, "team001")
    assert not team_is_hidden(store, "nobody")


def test_groups_and_organizations_by_id(store: Store) -> None:
    def add(db) -> None:
        db.execute("INSERT INTO groups (id, name) VALUES ('b', 'B'), ('a', 'A')")
        db.execute("INSERT INTO organizations (id, name) VALUES ('o2', 'O2'), ('o1', 'O1')")
        db.execute("INSERT INTO team_groups (team_id, group_id) VALUES ('team001', 'b'), "
                   "('team001', 'a'), ('team002', 'b')")
        db.execute("UPDATE teams SET organization_id = 'o' || substr(id, -1) "
                   "WHERE id IN ('team001', 'team002')")  # a contest's: its teams'
    store.write(add)
    assert [g["id"] for g in groups_of(store, "cup")] == ["a", "b"]
    assert [o["id"] for o in organizations_of(store, "cup")] == ["o1", "o2"]
    assert team_groups(store) == {"team001": ["a", "b"], "team002": ["b"]}


def test_submissions_of_a_team_or_one_leave_refused_ones_out(store: Store) -> None:
    store.write(lambda db: db.execute("UPDATE submissions SET status = 'refused' WHERE id = 3"))
    assert [s["id"] for s in submissions_of(store, "cup")] == [1, 2]
    assert [s["id"] for s in submissions_of(store, "cup", team_id="team001")] == [1]
    assert [s["id"] for s in submissions_of(store, "cup", submission_id="2")] == [2]
    assert submissions_of(store, "cup", team_id="team001", submission_id=2) == []
    assert submissions_of(store, "other") == []
    assert submission_row(store, "cup", 3)["status"] == "refused"  # one by id: any state
    assert submission_row(store, "other", 1) is None


def test_judgements_of_a_pending_rejudging_only_when_asked(store: Store) -> None:
    every = judgements_of(store, "cup")
    assert [(j["submission_id"], j["verdict"], j["is_current"]) for j in every] == [
        (1, "WA", 1), (2, "AC", 1), (3, "AC", 1), (1, "AC", 0)]
    counted = judgements_of(store, "cup", team_id="team001", pending=False)
    assert [j["id"] for j in counted] == [1, 3]
    assert [j["id"] for j in judgements_of(store, "cup", submission_id="1")] == [1, 4]
    assert judgements_of(store, "cup", team_id="team002", submission_id=1) == []


def test_current_judgements_and_verdicts(store: Store) -> None:
    assert current_judgement(store, 1)["verdict"] == "WA"  # the rejudging is not applied
    assert current_verdicts(store, ["1", "2", "99"]) == {"1": "WA", "2": "AC"}
    assert current_verdicts(store, []) == {}
    submit(store, "team003")
    assert current_judgement(store, 5) is None


def test_runs_come_by_judgement_then_in_test_order(store: Store) -> None:
    runs = runs_of(store, ["3", "1"])
    assert [(r["judgement_id"], r["ordinal"], r["test_name"]) for r in runs] == [
        (1, 1, "sample/1"), (1, 2, "secret/1"), (3, 1, "sample/1"), (3, 2, "secret/1")]
    assert runs_of(store, []) == []


def test_owners_of_submissions_judgements_and_runs(store: Store) -> None:
    assert owner_of(store, "submissions", "2") == Owner("team002")
    assert owner_of(store, "judgements", "1") == Owner("team001")
    assert owner_of(store, "judgements", "4") == Owner("team001", pending=True)
    (pending_run, _) = runs_of(store, [4])
    assert owner_of(store, "runs", str(pending_run["id"])) == Owner("team001", pending=True)
    assert owner_of(store, "runs", "1") == Owner("team001")
    assert owner_of(store, "submissions", "99") is None
    with pytest.raises(ValueError, match="no owner"):
        owner_of(store, "teams", "team001")


def test_a_submission_in_detail_has_every_judgement_with_its_runs(store: Store) -> None:
    detail = submission_detail(store, "cup", "1")
    assert detail is not None and detail.row["team_id"] == "team001"
    assert [(j["id"], j["rejudging_id"] is not None) for j, _ in detail.judgements] == [
        (1, False), (4, True)]
    runs = detail.judgements[0][1]
    assert list(runs[0]) == ["ordinal", "test_name", "verdict", "time", "wall_time",
                             "memory", "message", "output", "output_size"]
    assert [r["verdict"] for r in runs] == ["AC", "WA"]
    assert submission_detail(store, "other", "1") is None


def test_clarifications_of_the_contest_by_id(store: Store) -> None:
    first = ask(store, "cup", "team001", "Is a negative?", T)
    second = ask(store, "cup", "team002", "Is b negative?", T)
    assert [c["clics_id"] for c in clarifications_of(store, "cup")] == [first, second]
    assert clarification_row(store, second)["from_team_id"] == "team002"
    assert clarification_row(store, "999") is None


def test_rejudgings_of_the_contest_newest_first(store: Store) -> None:
    (first,) = rejudging_ids(store, "cup")
    assert rejudging_row(store, "cup", first)["reason"] == "new data"
    assert rejudging_row(store, "other", first) is None
    judge_later = start_rejudging(store, "cup", [2])
    assert rejudging_ids(store, "cup") == [judge_later, first]
