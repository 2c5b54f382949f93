"""A score contest judged for real: `podium contest create --scoring` with a 2025-09 package
(groups, require_pass, a custom validator's score_multiplier.txt) and a legacy one (grader
flags), `podium dispatch` on the real Docker engine; each judgement keeps its score and its
subtasks', and the board sums the best per subtask."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from appliance.scoreboard.standings import scoreboard_from_store
from appliance.store import Store
from cli.main import main
from tests.paths import REPO

pytestmark = pytest.mark.docker

PACKAGES = REPO / "tests" / "fixtures" / "packages"
# (team, problem, submission under the package's submissions/, score, subtask scores)
RUNS = [
    ("team001", "scoring2025", "partially_accepted/off_by_one.py", 30.0,
     {"secret/g1": 0.0, "secret/g2": 30.0}),
    ("team001", "scoring2025", "partially_accepted/no_sample.py", 60.0,
     {"secret/g1": 0.0, "secret/g2": 60.0}),
    ("team001", "subtasks", "partially_accepted/small_only.py", 40.0,
     {"secret/group1": 40.0, "secret/group2": 0.0}),
    ("team002", "scoring2025", "accepted/exact.py", 100.0,
     {"secret/g1": 40.0, "secret/g2": 60.0}),
    ("team002", "subtasks", "wrong_answer/zero.py", 0.0,
     {"secret/group1": 0.0, "secret/group2": 0.0}),
]


def test_judgements_of_a_score_contest_keep_their_scores_per_subtask(tmp_path: Path) -> None:
    data = tmp_path / "data"
    created = CliRunner().invoke(main, [
        "contest", "create", "Olympiad", "--scoring", "--problem", str(PACKAGES / "scoring2025"),
        "--problem", str(PACKAGES / "subtasks"), "--teams", "2", "--data", str(data)])
    assert created.exit_code == 0, created.output
    folders = {"scoring2025": "scoring2025", "subtasks": "subtasks"}  # ids: the folders
    with Store.open(data) as store:
        assert {r["id"]: r["max_score"] for r in store.query(
            "SELECT id, max_score FROM problems")} == {"scoring2025": 100.0, "subtasks": 100.0}
        ids = {}
        for minute, (team, problem, name, _, _) in enumerate(RUNS):
            path = PACKAGES / folders[problem] / "submissions" / name
            ids[store.submit(contest_id="olympiad", team_id=team, problem_id=problem,
                             language_id="python3", source=path.read_bytes(),
                             file_name=path.name, time="2026-12-06T10:00:00+00:00",
                             contest_time=60.0 * (minute + 1))] = (minute, name)
    judged = CliRunner().invoke(main, ["dispatch", "--until-empty", "--data", str(data)])
    assert judged.exit_code == 0, judged.output
    with Store.open(data) as store:
        rows = {r["submission_id"]: r for r in store.query(
            "SELECT submission_id, verdict, score, subtask_scores FROM judgements "
            "WHERE is_current = 1")}
        for sid, (index, name) in ids.items():
            _, _, _, score, subtasks = RUNS[index]
            assert (rows[sid]["score"], json.loads(rows[sid]["subtask_scores"])) == (
                score, subtasks), name
        board = scoreboard_from_store(store, "olympiad")
        totals = {row.team_id: (row.score, [c.score for c in row.cells])
                  for row in board.view(public=False)}
    # best per subtask: g1 0 + g2 60 on guess-close, group1 40 on subtasks
    assert totals == {"team001": (100.0, [60.0, 40.0]), "team002": (100.0, [100.0, 0.0])}
    assert [r.team_id for r in board.view(public=False)] == ["team001", "team002"]
