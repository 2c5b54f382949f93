"""The similarity report of a stored contest: which submissions are compared, and
`podium similarity` on a real store (judgements recorded through the queue, no Docker)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from appliance.contest.setup import import_contest, quick_contest
from appliance.judging.queue import JudgeQueue
from appliance.similarity.selection import ReportCache, contest_reports, select_submissions
from appliance.store import Store
from cli.main import main
from judge.judging import Judgement
from judge.verdicts import Verdict
from tests import paths
from tests.paths import PACKS

CASES = paths.FIXTURES / "cases" / "similarity"
# (team, problem, file, verdict), in contest order
SUBMITTED = [("team001", "sum", "dijkstra.cpp", Verdict.WA),
             ("team001", "sum", "dijkstra.cpp", Verdict.AC),
             ("team002", "sum", "dijkstra_renamed.cpp", Verdict.AC),
             ("team003", "sum", "dijkstra_independent.cpp", Verdict.AC),
             ("team001", "sum", "knapsack.cpp", Verdict.AC),
             ("team004", "sum", "knapsack.cpp", Verdict.WA),
             ("team002", "hello", "knapsack.cpp", Verdict.AC)]


def submit(store: Store, team: str, problem: str, name: str, minute: int) -> int:
    return store.submit(contest_id="cup", team_id=team, problem_id=problem,
                        language_id="cpp", source=(CASES / name).read_bytes(),
                        file_name=name, time="2026-11-23T12:00:00+00:00",
                        contest_time=60.0 * minute)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    with Store.open(data) as store:
        import_contest(store, quick_contest("Cup", [PACKS / "sum", PACKS / "hello"], 4),
                       data / "library")
        verdicts = {submit(store, team, problem, name, minute): verdict
                    for minute, (team, problem, name, verdict) in enumerate(SUBMITTED, 1)}
        queue = JudgeQueue(store)
        while claim := queue.claim("w", 60, 10.0):
            assert queue.complete(claim, Judgement(verdicts[claim.submission_id]), 11.0)
    return data


def similarity(*args: str):
    return CliRunner().invoke(main, ["similarity", *args])


def test_each_teams_first_accepted_submission_is_compared(data: Path) -> None:
    with Store.open(data) as store:
        chosen = select_submissions(store, "cup", "sum")
        assert [(s.id, s.team_id) for s in chosen] == [("2", "team001"), ("3", "team002"),
                                                       ("4", "team003")]
        every = select_submissions(store, "cup", "sum", accepted_only=False)
        assert [s.id for s in every] == ["1", "2", "3", "4", "5", "6"]


def test_all_submissions_compare_across_teams_only(data: Path) -> None:
    with Store.open(data) as store:
        report = contest_reports(store, "cup", "sum", accepted_only=False)[0]
    teams = [{p.a.team_id, p.b.team_id} for p in report.pairs]
    assert all(len(t) == 2 for t in teams)
    assert {"team001", "team004"} in teams[:3]  # the same knapsack, one WA, one AC


def test_the_cli_ranks_the_copy_first_in_json(data: Path) -> None:
    result = similarity("cup", "--data", str(data), "--json", "--min", "0")
    assert result.exit_code == 0, result.output
    reports = {r["problem_id"]: r for r in json.loads(result.output)}
    assert set(reports) == {"sum", "hello"} and reports["hello"]["pairs"] == []
    first, *rest = reports["sum"]["pairs"]
    assert {first["a"]["team_id"], first["b"]["team_id"]} == {"team001", "team002"}
    assert first["similarity"] >= 0.8 and first["regions"]
    region = first["regions"][0]
    assert region["a"][1] - region["a"][0] >= 30  # most of the program, in either source
    assert rest and all(p["similarity"] <= 0.3 for p in rest)


def test_the_cli_table_shows_pairs_and_their_lines(data: Path) -> None:
    result = similarity("cup", "--data", str(data), "--problem", "A")
    assert result.exit_code == 0, result.output
    assert "team001" in result.output and "team002" in result.output
    assert "team003" not in result.output  # the independent solution is below --min
    assert "1. #2 ~ #3 lines: " in result.output


@pytest.mark.parametrize("args, message", [
    (["nope"], "no contest 'nope'"),
    (["cup", "--problem", "Z"], "no problem 'Z' in contest 'cup'"),
])
def test_unknown_contest_or_problem_is_one_line(data: Path, args, message) -> None:
    result = similarity(*args, "--data", str(data))
    assert result.exit_code == 2 and message in result.output
    assert "Traceback" not in result.output


def test_a_kept_report_is_made_again_only_when_the_selection_changes(data: Path) -> None:
    cache = ReportCache()
    with Store.open(data) as store:
        first = cache.report(store, "cup", "sum")
        assert cache.report(store, "cup", "sum") is first
        sid = submit(store, "team004", "sum", "dijkstra_renamed.cpp", 99)
        claim = JudgeQueue(store).claim("w", 60, 20.0)
        assert claim and claim.submission_id == sid
        JudgeQueue(store).complete(claim, Judgement(Verdict.AC), 21.0)
        again = cache.report(store, "cup", "sum")
    assert again is not first and again.submissions == first.submissions + 1


ROTATE_A = """class Solution:
    def rotateClockwise(self, matrix: List[List[int]]) -> List[List[int]]:
        return [list(row) for row in zip(*matrix[::-1])]
"""
ROTATE_B = """class Solution:
    def rotateClockwise(self, matrix: List[List[int]]) -> List[List[int]]:
        rows, cols = len(matrix), len(matrix[0])
        turned = [[0] * rows for _ in range(cols)]
        for r in range(rows):
            for c in range(cols):
                turned[c][rows - 1 - r] = matrix[r][c]
        return turned
"""


def test_a_function_problems_stub_counts_for_no_one(tmp_path: Path) -> None:
    library = tmp_path / "packages"
    with Store.open(tmp_path) as store:
        import_contest(store, quick_contest("Cup", [PACKS / "rotation"], 2), library)
        for team, source in (("team001", ROTATE_A), ("team002", ROTATE_B)):
            store.submit(contest_id="cup", team_id=team, problem_id="rotation",
                         language_id="python3", source=source.encode(), file_name="a.py",
                         time="2026-11-23T12:00:00+00:00", contest_time=60.0)
        queue = JudgeQueue(store)
        while claim := queue.claim("w", 60, 10.0):
            assert queue.complete(claim, Judgement(Verdict.AC), 11.0)
        (with_stub,) = contest_reports(store, "cup", "rotation")
        (without,) = contest_reports(store, "cup", "rotation", library=library)
    (pair,) = with_stub.pairs  # without the library, the stub's two lines make them alike
    assert pair.similarity >= 0.4 and [(r.a_first, r.a_last) for r in pair.regions] == [(1, 2)]
    assert without.pairs == ()  # with it, the stub counts for no one and nothing else is shared
