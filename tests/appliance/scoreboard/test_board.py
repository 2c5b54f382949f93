"""The ICPC scoreboard, as the CLICS requirements ("Scoring") and Contest API state it."""

from __future__ import annotations

import random

import pytest

from appliance.scoreboard.board import (
    JudgementEvent,
    Problem,
    Scoreboard,
    SubmissionEvent,
    Team,
    Timing,
)
from appliance.scoreboard.reveal import Reveal, RevealStep
from judge.verdicts import Verdict

AC, WA, TLE, MLE, OLE, RTE, CE, JE = (Verdict.AC, Verdict.WA, Verdict.TLE, Verdict.MLE,
                                      Verdict.OLE, Verdict.RTE, Verdict.CE, Verdict.JE)
PROBLEMS = [Problem("p3", "C", 3), Problem("p1", "A", 1), Problem("p2", "B", 2)]
# 5 hours, the last hour frozen (from minute 240), 20 minutes per rejected submission
TIMING = Timing(start=0.0, duration=300 * 60, freeze_duration=60 * 60, penalty_minutes=20)


def events(runs: list[tuple[str, str, float, Verdict | None]]) -> list:
    """A submission and its judgement per run (team, problem, contest minute, verdict)."""
    out: list = []
    for number, (team, problem, minute, verdict) in enumerate(runs):
        out.append(SubmissionEvent(f"s{number}", team, problem, minute * 60))
        if verdict is not None:
            out.append(JudgementEvent(f"s{number}", verdict))
    return out


def board_of(runs: list, teams: list[Team] | None = None, timing: Timing = TIMING) -> Scoreboard:
    """A board with the given runs applied one by one."""
    teams = teams or [Team(t, t) for t in sorted({run[0] for run in runs} | {"t1"})]
    board = Scoreboard(teams, PROBLEMS, timing)
    for event in events(runs):
        board.apply(event)
    return board


def cell(board: Scoreboard, team: str, problem: str, public: bool = False):
    row = board.row(team, public)
    return next(c for c in row.cells if c.problem_id == problem)


def order(board: Scoreboard, public: bool = False) -> list[tuple[str, int]]:
    return [(row.team_id, row.rank) for row in board.view(public)]


@pytest.mark.parametrize(("runs", "solved", "time", "total", "judged", "pending"), [
    ([(WA, 10), (WA, 20), (AC, 30)], True, 30, 30 + 2 * 20, 3, 0),
    ([(AC, 30), (WA, 40), (AC, 50)], True, 30, 30, 1, 0),  # nothing counts after the first AC
    ([(WA, 10), (WA, 20)], False, None, 0, 2, 0),  # unsolved: no penalty at all
    ([(CE, 5), (CE, 6), (AC, 30)], True, 30, 30, 3, 0),  # CE judged, no penalty
    ([(TLE, 1), (MLE, 2), (OLE, 3), (RTE, 4), (AC, 30)], True, 30, 30 + 4 * 20, 5, 0),
    ([(JE, 5), (AC, 30)], True, 30, 30, 1, 1),  # a judging error is pending, not judged
    ([(None, 5), (AC, 30)], True, 30, 30, 1, 1),  # an unjudged run is pending
    ([(WA, 5), (None, 30)], False, None, 0, 1, 1),
])
def test_penalty_counts_rejected_before_first_accepted(runs, solved, time, total, judged,
                                                       pending) -> None:
    board = board_of([("t1", "p1", minute, verdict) for verdict, minute in runs])
    got = cell(board, "t1", "p1")
    assert (got.solved, got.time, got.num_judged, got.num_pending) == (solved, time, judged,
                                                                       pending)
    assert board.row("t1", False).total_time == total


@pytest.mark.parametrize(("seconds", "minutes"), [(0, 0), (59.99, 0), (60, 1), (119.9, 1),
                                                   (3599.5, 59), (3600, 60)])
def test_contest_time_is_rounded_down_to_whole_minutes(seconds: float, minutes: int) -> None:
    board = board_of([("t1", "p1", seconds / 60, AC)])
    assert cell(board, "t1", "p1").time == minutes
    assert board.row("t1", False).total_time == minutes


def test_penalty_minutes_come_from_the_contest_timing() -> None:
    timing = Timing(0, 18000, 0, penalty_minutes=7)
    board = board_of([("t1", "p1", 1, WA), ("t1", "p1", 2, AC)], timing=timing)
    assert board.row("t1", False).total_time == 2 + 7


@pytest.mark.parametrize(("runs", "expected"), [
    # more problems solved wins, whatever the time
    ([("a", "p1", 10, AC), ("b", "p1", 1, AC), ("b", "p2", 200, AC)], [("b", 1), ("a", 2)]),
    # then less penalty time
    ([("a", "p1", 10, AC), ("b", "p1", 9, AC)], [("b", 1), ("a", 2)]),
    # then the earlier last AC: a 10+50, b 30+30, both 60
    ([("a", "p1", 10, AC), ("a", "p2", 50, AC), ("b", "p1", 30, AC), ("b", "p2", 30, AC)],
     [("b", 1), ("a", 2)]),
    # the last-AC tie-break compares whole minutes: 30:59 and 30:01 tie, then by name
    ([("b", "p1", 30 + 1 / 60, AC), ("a", "p1", 30 + 59 / 60, AC)], [("a", 1), ("b", 1)]),
    # fully tied teams share a rank and the next ranks are skipped
    ([("c", "p1", 10, AC), ("b", "p1", 10, AC), ("a", "p1", 10, AC), ("d", "p1", 11, AC)],
     [("a", 1), ("b", 1), ("c", 1), ("d", 4)]),
    # teams that solved nothing tie too
    ([("b", "p1", 10, WA), ("a", "p1", 10, CE), ("c", "p1", 10, AC)],
     [("c", 1), ("a", 2), ("b", 2)]),
])
def test_rank_by_solved_then_penalty_then_last_accepted_minute(runs, expected) -> None:
    teams = [Team(t, t) for t in sorted({run[0] for run in runs})]
    assert order(board_of(runs, teams)) == expected


def test_rows_of_equal_rank_are_ordered_by_team_name() -> None:
    teams = [Team("1", "gamma"), Team("2", "Beta"), Team("3", "alpha"), Team("4", "Delta")]
    board = board_of([("4", "p1", 5, AC)], teams)
    assert order(board) == [("4", 1), ("3", 2), ("2", 2), ("1", 2)]


def test_first_to_solve_is_the_earliest_accepted_submission() -> None:
    board = board_of([("a", "p1", 50, AC), ("b", "p1", 20, WA), ("b", "p1", 40, AC),
                      ("c", "p1", 40, AC)])
    assert board.first_to_solve("p1") == "b"  # same minute as c, but submitted first
    assert cell(board, "b", "p1").first_to_solve
    assert not cell(board, "c", "p1").first_to_solve
    assert not cell(board, "a", "p1").first_to_solve


def test_first_to_solve_waits_for_earlier_pending_submissions() -> None:
    board = board_of([("a", "p1", 10, None), ("b", "p1", 20, AC)])
    assert board.first_to_solve("p1") is None
    assert board.apply(JudgementEvent("s0", WA)) == {"a", "b"}
    assert board.first_to_solve("p1") == "b"


def test_first_to_solve_changes_on_rejudge() -> None:
    board = board_of([("a", "p1", 10, AC), ("b", "p1", 20, AC)])
    assert board.first_to_solve("p1") == "a"
    changed = board.apply(JudgementEvent("s0", WA))
    assert changed == {"a", "b"}
    assert board.first_to_solve("p1") == "b"
    assert cell(board, "b", "p1").first_to_solve


def test_rejudge_replaces_the_earlier_verdict() -> None:
    board = board_of([("a", "p1", 10, AC), ("b", "p1", 20, AC), ("b", "p2", 30, WA)])
    assert order(board) == [("a", 1), ("b", 2), ("t1", 3)]
    board.apply(JudgementEvent("s2", AC))  # WA -> AC
    assert order(board) == [("b", 1), ("a", 2), ("t1", 3)]
    board.apply(JudgementEvent("s0", None))  # judgement removed: pending again
    assert cell(board, "a", "p1").num_pending == 1
    assert not cell(board, "a", "p1").solved
    assert order(board) == [("b", 1), ("a", 2), ("t1", 2)]


def test_freeze_shows_submissions_at_or_after_the_freeze_as_pending() -> None:
    board = board_of([("a", "p1", 100, WA), ("a", "p1", 240, AC), ("a", "p2", 239.99, AC)])
    frozen = cell(board, "a", "p1", public=True)
    assert (frozen.num_judged, frozen.num_pending, frozen.solved, frozen.time) == (1, 1, False,
                                                                                  None)
    assert cell(board, "a", "p2", public=True).solved  # before the freeze: shown
    assert board.row("a", True).num_solved == 1


def test_jury_view_is_never_frozen() -> None:
    board = board_of([("a", "p1", 100, WA), ("a", "p1", 250, AC)])
    jury = cell(board, "a", "p1")
    assert (jury.num_judged, jury.num_pending, jury.solved, jury.time) == (2, 0, True, 250)
    assert board.row("a", False).total_time == 270


def test_freeze_keeps_an_earlier_visible_accepted_submission() -> None:
    board = board_of([("a", "p1", 100, AC), ("a", "p1", 250, WA)])
    shown = cell(board, "a", "p1", public=True)
    assert (shown.num_judged, shown.num_pending, shown.solved, shown.time) == (1, 0, True, 100)


def test_judgements_during_the_freeze_of_earlier_submissions_are_shown() -> None:
    board = board_of([("a", "p1", 230, None), ("a", "p1", 245, None)])
    board.apply(JudgementEvent("s0", AC))
    assert cell(board, "a", "p1", public=True).solved


def test_no_freeze_without_a_freeze_duration() -> None:
    board = board_of([("a", "p1", 299, AC)], timing=Timing(0, 18000, 0, 20))
    assert board.view(True) == board.view(False)


def test_thaw_shows_the_jury_view() -> None:
    board = board_of([("a", "p1", 250, AC), ("b", "p2", 260, WA)])
    assert board.view(True) != board.view(False)
    board.thaw()
    assert board.view(True) == board.view(False)


def test_unknown_teams_problems_and_submissions_are_ignored_and_counted() -> None:
    board = board_of([("a", "p1", 10, AC)])
    before = board.view(False)
    assert board.apply(SubmissionEvent("x1", "nobody", "p1", 60)) == frozenset()
    assert board.apply(SubmissionEvent("x2", "a", "p9", 60)) == frozenset()
    assert board.apply(SubmissionEvent("s0", "a", "p2", 60)) == frozenset()
    assert board.apply(JudgementEvent("x3", AC)) == frozenset()
    assert board.view(False) == before
    assert board.ignored == {"unknown team": 1, "unknown problem": 1,
                             "duplicate submission": 1, "unknown submission": 1}


def test_apply_returns_the_teams_whose_row_changed() -> None:
    board = board_of([("a", "p1", 10, WA)])
    assert board.apply(SubmissionEvent("n1", "t1", "p2", 600)) == {"t1"}
    assert board.apply(JudgementEvent("n1", WA)) == {"t1"}
    assert board.apply(JudgementEvent("n1", WA)) == frozenset()  # the same verdict again


def test_cells_follow_problem_ordinal_order() -> None:
    board = board_of([])
    assert [c.problem_id for c in board.row("t1", False).cells] == ["p1", "p2", "p3"]


def test_group_scoreboard_is_ranked_on_its_own() -> None:
    teams = [Team("a", "a", ("site1",)), Team("b", "b", ("site2",)), Team("c", "c", ("site1",))]
    board = board_of([("b", "p1", 5, AC), ("c", "p1", 9, AC)], teams)
    assert [(r.team_id, r.rank) for r in board.view(False, group_id="site1")] == [("c", 1),
                                                                                  ("a", 2)]


def test_to_json_has_the_clics_scoreboard_row_shape() -> None:
    board = board_of([("a", "p1", 10, WA), ("a", "p1", 65.5, AC)], [Team("a", "A")])
    assert board.view(False)[0].to_json() == {
        "rank": 1, "team_id": "a", "score": {"num_solved": 1, "total_time": "1:25:00",
                                             "time": "1:05:00"},
        "problems": [
            {"problem_id": "p1", "num_judged": 2, "num_pending": 0, "solved": True,
             "time": "1:05:00", "first_to_solve": True},
            {"problem_id": "p2", "num_judged": 0, "num_pending": 0, "solved": False,
             "first_to_solve": False},
            {"problem_id": "p3", "num_judged": 0, "num_pending": 0, "solved": False,
             "first_to_solve": False}]}
    assert board_of([], [Team("a", "A")]).view(False)[0].to_json()["score"]["time"] is None


def random_events(seed: int, teams: int = 12, count: int = 400) -> list:
    """Submissions, judgements, rejudges and removals in a seeded random order."""
    rng = random.Random(seed)
    out: list = []
    submitted: list[str] = []
    for number in range(count):
        if submitted and rng.random() < 0.55:
            verdict = rng.choice([AC, AC, WA, WA, TLE, CE, JE, None])
            out.append(JudgementEvent(rng.choice(submitted), verdict))
        else:
            sub_id = f"s{number}"
            submitted.append(sub_id)
            out.append(SubmissionEvent(sub_id, f"t{rng.randrange(teams + 1)}",
                                       rng.choice(["p1", "p2", "p3", "p4"]),
                                       rng.uniform(0, 300 * 60)))
    return out


@pytest.mark.parametrize("seed", range(8))
def test_rebuild_from_events_equals_applying_them_one_by_one(seed: int) -> None:
    teams = [Team(f"t{n}", f"team {n % 5}") for n in range(12)]
    stream = random_events(seed)
    one_by_one = Scoreboard(teams, PROBLEMS, TIMING)
    for event in stream:
        one_by_one.apply(event)
    rebuilt = Scoreboard.from_events(teams, PROBLEMS, TIMING, stream)
    again = Scoreboard.from_events(teams, PROBLEMS, TIMING, stream)
    for public in (False, True):
        assert rebuilt.view(public) == one_by_one.view(public) == again.view(public)
    assert rebuilt.ignored == one_by_one.ignored
    assert [rebuilt.first_to_solve(p.id) for p in PROBLEMS] == [
        one_by_one.first_to_solve(p.id) for p in PROBLEMS]


def reveal_board() -> Scoreboard:
    """Frozen at minute 240. Public: B 2/50, A 1/10, D 1/100, C 0. Jury: B, A, D, C."""
    teams = [Team(t, t) for t in "ABCD"]
    return board_of([
        ("A", "p1", 10, AC), ("A", "p2", 250, AC),
        ("B", "p1", 20, AC), ("B", "p2", 30, AC), ("B", "p3", 260, WA),
        ("C", "p1", 245, AC), ("C", "p2", 255, AC),
        ("D", "p1", 100, AC), ("D", "p2", 241, WA), ("D", "p3", 270, AC),
    ], teams)


def test_reveal_goes_bottom_up_one_cell_at_a_time() -> None:
    board = reveal_board()
    assert order(board, public=True) == [("B", 1), ("A", 2), ("D", 3), ("C", 4)]
    reveal = Reveal(board)
    steps = []
    while not reveal.done:
        steps.append(reveal.step())
    assert steps == [
        RevealStep("C", "p1", True, 4, 4),  # C 1/245, still below D 1/100
        RevealStep("C", "p2", True, 4, 2),  # C 2/500 passes A and D
        RevealStep("D", "p2", False, 4, 4),  # now bottom: D, its lowest hidden problem first
        RevealStep("D", "p3", True, 4, 2),  # D 2/370 passes C and A
        RevealStep("A", "p2", True, 4, 2),  # A 2/260
        RevealStep("B", "p3", False, 1, 1),  # C, D, A have nothing hidden left
    ]
    assert reveal.step() is None
    assert board.view(True) == board.view(False)
    assert order(board, public=True) == [("B", 1), ("A", 2), ("D", 3), ("C", 4)]


def test_reveal_of_a_board_without_hidden_cells_is_done_at_once() -> None:
    board = board_of([("a", "p1", 10, AC)])
    assert Reveal(board).done
    assert Reveal(board).step() is None
