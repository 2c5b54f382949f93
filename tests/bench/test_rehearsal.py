"""bench/rehearsal.py: its own scoreboard (hand-worked cases, and against Podium's on random
contests), its plan of a contest, and a tiny rehearsal end to end against a real server."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from appliance.scoreboard.board import (
    JudgementEvent,
    Problem,
    Scoreboard,
    SubmissionEvent,
    Team,
    Timing,
)
from bench.rehearsal import catalogue, choose_packages, options, rehearse
from bench.rehearsal_board import Cell, Judged, Line, compare, from_api, standings
from bench.rehearsal_plan import DURATION_S, mix_counts, plan
from judge.verdicts import Verdict

TEAMS = [("t1", "Alpha"), ("t2", "Bravo"), ("t3", "Charlie")]


def subs(*rows: tuple[str, str, str, str | None]) -> list[Judged]:
    """(team, problem, m:ss, verdict) rows as numbered submissions."""
    out = []
    for n, (team, problem, at, verdict) in enumerate(rows, start=1):
        minutes, seconds = at.split(":")
        out.append(Judged(str(n), team, problem, int(minutes) * 60 + int(seconds), verdict))
    return out


def test_penalty_counts_rejections_before_the_first_accepted_but_not_compile_errors() -> None:
    board = standings(TEAMS[:1], ["A"], subs(("t1", "A", "10:00", "WA"),
                                            ("t1", "A", "11:00", "CE"),
                                            ("t1", "A", "12:00", "TLE"),
                                            ("t1", "A", "25:59", "AC"),
                                            ("t1", "A", "30:00", "WA")))
    # 25 (minutes round down) + 2 x 20; the CE costs nothing; the WA after the AC is not counted
    assert board == [Line(1, "t1", 1, 65, 25, (Cell("A", 4, 0, True, 25),))]


def test_unsolved_cell_counts_every_judged_submission_and_adds_no_time() -> None:
    board = standings(TEAMS[:1], ["A", "B"], subs(("t1", "A", "1:00", "WA"),
                                                 ("t1", "A", "2:00", "CE"),
                                                 ("t1", "B", "3:00", "AC")))
    assert board[0].total_minutes == 3
    assert board[0].cells[0] == Cell("A", 2, 0, False, None)


def test_ties_share_a_rank_skip_the_next_and_list_by_name() -> None:
    # Charlie and Bravo: one solved at 20 each, last AC at 20: tied, in name order; Alpha
    # solved nothing and is third (not second).
    board = standings(TEAMS, ["A"], subs(("t3", "A", "20:00", "AC"), ("t2", "A", "20:30", "AC"),
                                         ("t1", "A", "5:00", "WA")))
    assert [(line.rank, line.team_id) for line in board] == [(1, "t2"), (1, "t3"), (3, "t1")]


def test_equal_total_time_is_broken_by_the_last_accepted_minute() -> None:
    # Both: two solved, 100 minutes. Alpha 40 + 60 (last at 60), Bravo 10 + 90 (last at 90).
    board = standings(TEAMS[:2], ["A", "B"], subs(("t1", "A", "40:00", "AC"),
                                                 ("t1", "B", "60:00", "AC"),
                                                 ("t2", "A", "10:00", "AC"),
                                                 ("t2", "B", "90:00", "AC")))
    assert [(line.rank, line.team_id, line.last_minutes) for line in board] == \
        [(1, "t1", 60), (2, "t2", 90)]


def test_unjudged_and_judging_errors_are_pending() -> None:
    board = standings(TEAMS[:1], ["A"], subs(("t1", "A", "1:00", None),
                                            ("t1", "A", "2:00", "JE"),
                                            ("t1", "A", "3:00", "WA")))
    assert board[0].cells[0] == Cell("A", 1, 2, False, None)


def test_frozen_board_shows_submissions_from_the_freeze_on_as_pending() -> None:
    rows = subs(("t1", "A", "50:00", "WA"), ("t1", "A", "60:00", "AC"),
                ("t2", "A", "30:00", "AC"), ("t2", "A", "70:00", "WA"))
    frozen = standings(TEAMS[:2], ["A"], rows, freeze_at_s=3600)
    # Alpha's AC came at the freeze (60:00): pending; Bravo's AC at 30:00 stays visible and
    # its WA after it counts for nothing, frozen or not.
    assert frozen == [Line(1, "t2", 1, 30, 30, (Cell("A", 1, 0, True, 30),)),
                      Line(2, "t1", 0, 0, None, (Cell("A", 1, 1, False, None),))]
    assert standings(TEAMS[:2], ["A"], rows)[0].team_id == "t2"


def test_api_rows_are_read_and_compared_row_by_row() -> None:
    api = {"rows": [
        {"rank": 1, "team_id": "t1", "score": {"num_solved": 1, "total_time": "1:05:00",
                                               "time": "0:25:00"},
         "problems": [{"problem_id": "A", "num_judged": 4, "num_pending": 0, "solved": True,
                       "time": "0:25:00"}]}]}
    ours = [Line(1, "t1", 1, 65, 25, (Cell("A", 4, 0, True, 25),))]
    assert compare(from_api(api), ours).same
    other = [Line(1, "t1", 1, 45, 25, (Cell("A", 4, 0, True, 25),))]
    result = compare(from_api(api), other)
    assert not result.same and result.differing == 1 and result.first[0][1] == other[0]
    assert compare(from_api(api), ours + other).first == [(None, other[0])]


@pytest.mark.parametrize("seed", range(12))
def test_recomputation_agrees_with_podiums_scoreboard_on_random_contests(seed: int) -> None:
    """Two implementations of the same rules: a disagreement is a bug in one of them."""
    rng = random.Random(seed)
    teams = [(f"t{i}", rng.choice(["Ant", "Bee", "Cat", "Dog"]) + f" {i % 3}")
             for i in range(8)]
    problems = ["A", "B", "C"]
    verdicts = ["AC", "WA", "TLE", "RTE", "CE", "MLE", "OLE", "JE", None]
    judged = [Judged(str(n), rng.choice(teams)[0], rng.choice(problems),
                     rng.choice([rng.uniform(0, 18000), 60.0 * rng.randrange(300)]),
                     rng.choice(verdicts)) for n in range(1, 120)]
    podium = Scoreboard.from_events(
        [Team(i, name) for i, name in teams], [Problem(p, p, n) for n, p in enumerate(problems)],
        Timing(0.0, 18000, 3600),
        [*(SubmissionEvent(s.id, s.team_id, s.problem_id, s.contest_time_s) for s in judged),
         *(JudgementEvent(s.id, Verdict(s.verdict)) for s in judged if s.verdict)])
    for public, freeze in ((False, None), (True, 14400)):
        theirs = from_api({"rows": [row.to_json() for row in podium.view(public)]})
        assert compare(theirs, standings(teams, problems, judged, 20, freeze)).same


def test_mix_counts_add_up_by_largest_remainders() -> None:
    assert mix_counts(10, {"AC": 0.47, "WA": 0.33, "TLE": 0.2}) == {"AC": 5, "WA": 3, "TLE": 2}
    assert sum(mix_counts(3000, {"a": 1, "b": 1, "c": 1}).values()) == 3000


def test_plan_is_a_contest_teams_could_have_made() -> None:
    packages = choose_packages(4, None)
    programs, compile_errors = catalogue(packages)
    teams = [f"team{i:03d}" for i in range(1, 13)]
    planned = plan(teams, [p.name for p in packages], programs, 100, 7, compile_errors)
    assert len(planned) == 100
    assert packages[0].name == "hello"
    assert planned == plan(teams, [p.name for p in packages], programs, 100, 7, compile_errors)
    times = [s.contest_time_s for s in planned]
    assert times == sorted(times) and len(set(times)) == 100
    assert 0 < times[0] and times[-1] < DURATION_S
    by_pair: dict[tuple[str, str], list[str]] = {}
    for s in planned:
        by_pair.setdefault((s.team_id, s.problem_id), []).append(s.verdict)
        # the program comes from its problem's folder for that verdict, or is a borrowed CE
        assert s.verdict in s.program.allowed
        assert s.borrowed == (s.program.path.parts[-4] != s.problem_id)
        assert not s.borrowed or s.verdict == "CE"
    for chain in by_pair.values():
        assert "AC" not in chain[:-1]  # one accepted submission at most, and last
    solved = Counter(s.problem_id for s in planned if s.verdict == "AC")
    assert solved[packages[0].name] > solved[packages[-1].name]  # easy first, solved more


@pytest.mark.docker
def test_a_tiny_rehearsal_ends_with_the_board_the_rules_give(tmp_path) -> None:
    args = options(["--packages", "hello,sum", "--teams", "4", "--submissions", "30",
                    "--minutes", "0.3", "--baseline", "0", "--lead", "10",
                    "--drain-timeout", "400", "--data", str(tmp_path)])
    report = rehearse(args)
    done = report["rehearsal"]
    assert (done["sent"], done["accepted"], done["judged"]) == (30, 30, 30)
    assert done["unexpected"] == []
    assert sum(m["got"] for m in done["mix"].values()) == 30
    assert report["boards"]["jury"]["same"], report["boards"]["jury"]["first"]
    assert report["boards"]["public"]["same"], report["boards"]["public"]["first"]
    assert report["server_log"]["problems"] == 0, report["server_log"]["first"]
