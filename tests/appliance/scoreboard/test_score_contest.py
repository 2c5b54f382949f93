"""A score contest end to end in the store: 3 problems with subtasks, 10 teams, 60 scripted
submissions with partial solutions (many improving one subtask each, some losing one); the
final, frozen and revealed boards equal a recomputation written here from the rules (not
from the production code), for both of the contest's choices of a problem's score and both
tie-breaks; the audit archive replays to the same board.

The judging is scripted (no Docker): each submission's per-test verdicts are made here
and stored through the queue API (`claim`, `complete`), with the score the dispatcher
would compute from them (`subtasks.judged_score` over the real packages). The dispatcher's
own path is judged for real in tests/appliance/judging/test_score_judging.py.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

import pytest

from appliance.audit import audit_archive, export_archive
from appliance.contest.setup import import_contest, quick_contest
from appliance.judging.queue import JudgeQueue
from appliance.problems.load import load_problem
from appliance.problems.subtasks import judged_score
from appliance.scoreboard.reveal import Reveal
from appliance.scoreboard.standings import scoreboard_from_store
from appliance.store import Store
from judge.judging import Judgement, TestResult
from judge.verdicts import Verdict

# problem -> subtask -> (max_score, score_aggregation, number of test cases)
PROBLEMS: dict[str, dict[str, tuple[int, str, int]]] = {
    "alpha": {"g1": (20, "pass-fail", 2), "g2": (30, "pass-fail", 2), "g3": (50, "pass-fail", 3)},
    "beta": {"g1": (40, "pass-fail", 1), "g2": (60, "sum", 3)},
    "gamma": {"g1": (10, "pass-fail", 1), "g2": (20, "sum", 2), "g3": (30, "pass-fail", 2),
              "g4": (40, "pass-fail", 2)},
}
TEAMS = [f"team{i:03d}" for i in range(1, 11)]
DURATION, FREEZE = 5 * 3600, 3600  # the last hour is frozen: from 4:00:00


def write_package(root: Path, name: str, groups: dict[str, tuple[int, str, int]]) -> Path:
    """A 2025-09 scoring package with these test data groups (answers are all "1")."""
    folder = root / name
    (folder / "statement").mkdir(parents=True)
    (folder / "statement" / "problem.en.md").write_text("Print 1.\n")
    (folder / "problem.yaml").write_text(
        f"problem_format_version: 2025-09\ntype: scoring\nname: {name.title()}\n"
        f"uuid: 00000000-0000-4000-8000-00000000000{len(name)}\nlicense: cc0\n"
        "rights_owner: Podium's tests\n")
    sample = folder / "data" / "sample"
    sample.mkdir(parents=True)
    (sample / "1.in").write_text("1\n")
    (sample / "1.ans").write_text("1\n")
    secret = folder / "data" / "secret"
    secret.mkdir()
    (secret / "test_group.yaml").write_text(
        f"max_score: {sum(g[0] for g in groups.values())}\n")
    for group, (top, aggregation, count) in groups.items():
        (secret / group).mkdir()
        (secret / group / "test_group.yaml").write_text(
            f"max_score: {top}\nscore_aggregation: {aggregation}\n")
        for case in range(1, count + 1):
            (secret / group / f"{case}.in").write_text(f"{case}\n")
            (secret / group / f"{case}.ans").write_text("1\n")
    return folder


@dataclass(frozen=True)
class Scripted:
    """One scripted submission: who, what, when (seconds), which test cases it passes."""

    team: str
    problem: str
    time: float
    passed: frozenset[str]  # "g1/1", ...
    compiles: bool = True


def script(seed: int = 22) -> list[Scripted]:
    """60 submissions: each team works on problems, mostly adding one subtask at a time,
    sometimes losing one it had (so the best submission and the best per subtask differ),
    sometimes failing to compile; about a sixth of them in the frozen hour."""
    rng = random.Random(seed)
    out: list[Scripted] = []
    solved: dict[tuple[str, str], set[str]] = {}
    times = sorted(rng.uniform(60, DURATION - 60) for _ in range(60))
    for index, time in enumerate(times):
        team = TEAMS[(index * 7 + rng.randrange(3)) % len(TEAMS)]
        problem = rng.choice(sorted(PROBLEMS))
        groups = PROBLEMS[problem]
        have = solved.setdefault((team, problem), set())
        roll = rng.random()
        if roll < 0.08:
            out.append(Scripted(team, problem, time, frozenset(), compiles=False))
            continue
        now = set(have)
        missing = [g for g in groups if g not in have]
        if missing:
            now.add(rng.choice(missing))  # improves one subtask
        if roll > 0.7 and len(now) > 1:
            now.discard(rng.choice(sorted(now)))  # ...and loses another
        have |= now
        passed = {f"{g}/{c}" for g in now for c in range(1, groups[g][2] + 1)}
        for g, (_, aggregation, count) in groups.items():  # partial credit in sum groups
            if aggregation == "sum" and g not in now and rng.random() < 0.5:
                passed.add(f"{g}/{rng.randrange(1, count + 1)}")
        out.append(Scripted(team, problem, time, frozenset(passed)))
    return out


# --- the rules, written out from issue 22 (independent of appliance.scoreboard) ----------------

def group_scores(sub: Scripted) -> dict[str, float]:
    """Each subtask's score: a pass-fail group all or nothing, a sum group per test case."""
    scores = {}
    for g, (top, aggregation, count) in PROBLEMS[sub.problem].items():
        got = sum(f"{g}/{c}" in sub.passed for c in range(1, count + 1))
        if aggregation == "pass-fail":
            scores[g] = float(top) if got == count else 0.0
        else:
            scores[g] = top * got / count
    return scores


def expected_rows(subs: list[Scripted], mode: str, tiebreak: bool,
                  hide_from: float) -> list[dict]:
    """The CLICS rows: submissions at or after `hide_from` are pending."""
    cells: dict[tuple[str, str], dict] = {}
    first_full: dict[str, tuple[float, str]] = {}
    for team in TEAMS:
        for problem in PROBLEMS:
            mine = sorted((s for s in subs if s.team == team and s.problem == problem),
                          key=lambda s: s.time)
            shown = [s for s in mine if s.time < hide_from]
            best, minute, per_group = 0.0, None, {}
            for s in shown:
                groups = group_scores(s)
                if mode == "best_submission":
                    value = sum(groups.values())
                else:
                    for g, v in groups.items():
                        per_group[g] = max(per_group.get(g, 0.0), v)
                    value = sum(per_group.values())
                if value > best:
                    best, minute = value, int(s.time // 60)
                    if best == 100 and (problem not in first_full
                                        or s.time < first_full[problem][0]):
                        first_full[problem] = (s.time, team)
            cells[team, problem] = {"problem_id": problem, "num_judged": len(shown),
                                    "num_pending": len(mine) - len(shown), "score": best,
                                    **({"time": reltime_min(minute)} if best > 0 else {})}
    for (team, problem), cell in cells.items():
        cell["first_to_solve"] = first_full.get(problem, (0, None))[1] == team
    rows = []
    for team in TEAMS:
        mine = [cells[team, p] for p in sorted(PROBLEMS)]
        total = sum(c["score"] for c in mine)
        last = max((minutes(c["time"]) for c in mine if "time" in c), default=None)
        rows.append({"team_id": team, "score": {"score": total, "time": None if total == 0
                                                 else reltime_min(last)},
                     "problems": mine, "_rank_key": (-total, (last or 0) if tiebreak else 0)})
    rows.sort(key=lambda r: (r["_rank_key"], name_of(r["team_id"]).casefold()))
    for index, row in enumerate(rows):
        same = index and rows[index - 1]["_rank_key"] == row["_rank_key"]
        row["rank"] = rows[index - 1]["rank"] if same else index + 1
    for row in rows:
        del row["_rank_key"]
    return [{"rank": r["rank"], "team_id": r["team_id"], "score": r["score"],
             "problems": r["problems"]} for r in rows]


def name_of(team: str) -> str:
    return f"Team {int(team[4:])}"


def reltime_min(minute: int) -> str:
    return f"{minute // 60}:{minute % 60:02d}:00"


def minutes(text: str) -> int:
    hours, mins, _ = text.split(":")
    return int(hours) * 60 + int(mins)


# --- the contest in the store -------------------------------------------------------------------

def run_contest(root: Path, mode: str, tiebreak: str) -> tuple[Store, list[Scripted]]:
    packages = [write_package(root / "packs", name, groups) for name, groups in PROBLEMS.items()]
    store = Store.open(root / "data")
    contest = quick_contest("Olympiad", packages, len(TEAMS), DURATION, FREEZE,
                            score_mode=mode, score_tiebreak=tiebreak)
    import_contest(store, contest, root / "data" / "packages")
    loaded = {p.name: load_problem(p) for p in packages}
    library = {row["id"]: row for row in store.query("SELECT id, package FROM problems")}
    assert set(library) == set(PROBLEMS)
    subs = script()
    by_id: dict[int, Scripted] = {}
    for sub in subs:
        sid = store.submit(contest_id="olympiad", team_id=sub.team, problem_id=sub.problem,
                           language_id="python3", source=b"print(1)\n", file_name="a.py",
                           time="2026-12-06T10:00:00+00:00", contest_time=sub.time)
        by_id[sid] = sub
    queue = JudgeQueue(store)
    for step in range(len(subs)):
        claim = queue.claim("scripted", 60, now=1000.0 + step)
        assert claim is not None
        sub = by_id[claim.submission_id]
        problem = loaded[sub.problem]
        if not sub.compiles:
            judgement = Judgement(Verdict.CE, compile_output="a.py: syntax error")
        else:
            tests = tuple(TestResult(t.name, Verdict.AC if t.name.removeprefix("secret/")
                                     in sub.passed or t.name.startswith("sample/")
                                     else Verdict.WA, 0.01, 0.02, 1 << 20, 0, None)
                          for t in problem.tests)
            verdict = next((t.verdict for t in tests if t.verdict is not Verdict.AC),
                           Verdict.AC)
            judgement = Judgement(verdict, time=0.01, tests=tests)
        assert queue.complete(claim, judgement, 1000.5 + step,
                              score=judged_score(problem, judgement.tests))
    return store, subs


@pytest.mark.parametrize("mode", ["best_submission", "best_subtask"])
@pytest.mark.parametrize("tiebreak", ["time", "none"])
def test_final_and_frozen_boards_equal_the_rules(tmp_path: Path, mode: str,
                                                 tiebreak: str) -> None:
    store, subs = run_contest(tmp_path, mode, tiebreak)
    assert len(subs) == 60 and len({s.team for s in subs}) == 10
    frozen_subs = [s for s in subs if s.time >= DURATION - FREEZE]
    assert frozen_subs, "some submissions fall in the frozen hour"
    board = scoreboard_from_store(store, "olympiad")
    final = expected_rows(subs, mode, tiebreak == "time", float("inf"))
    assert [r.to_json() for r in board.view(public=False)] == final
    frozen = expected_rows(subs, mode, tiebreak == "time", DURATION - FREEZE)
    public = [r.to_json() for r in board.view(public=True)]
    for row in frozen:  # the public board names first to solve only where it shows full
        for cell in row["problems"]:
            cell["first_to_solve"] &= cell["score"] == 100
    assert public == frozen
    reveal = Reveal(board)
    while reveal.step() is not None:
        pass
    assert [r.to_json() for r in board.view(public=True)] == final
    store.close()


def test_the_two_choices_rank_this_contest_differently(tmp_path: Path) -> None:
    """The script is one where the choice matters (else the test above shows little)."""
    subs = script()
    a = expected_rows(subs, "best_submission", True, float("inf"))
    b = expected_rows(subs, "best_subtask", True, float("inf"))
    assert [r["score"] for r in a] != [r["score"] for r in b]
    improving = sum(1 for s in subs if s.passed)
    assert improving >= 45


def test_a_score_contest_archive_passes_the_audit(tmp_path: Path) -> None:
    store, _ = run_contest(tmp_path, "best_subtask", "time")
    out = export_archive(store, "olympiad", tmp_path / "olympiad.zip",
                         tmp_path / "data" / "packages")
    store.close()
    report = audit_archive(out)
    assert report.ok, report.problems
