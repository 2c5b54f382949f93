"""`podium contest dry-run` for real: a contest whose package holds an accepted C and Python
solution, a wrong answer, and a wrong answer filed under accepted/; judged twice each on the
real pool, the report flags the one that disagrees, and is kept for the console."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from appliance.contest.dry_run import latest
from appliance.store import Store
from cli.main import main
from tests.paths import PACKS

pytestmark = pytest.mark.docker


def small_sum(folder: Path) -> Path:
    """The demo's `sum` with four jury submissions only (a short judging)."""
    package = folder / "sum"
    shutil.copytree(PACKS / "sum", package, ignore=shutil.ignore_patterns("submissions"))
    sources = PACKS / "sum/submissions"
    for rel, to in (("accepted/sum.c", "accepted/sum.c"), ("accepted/sum.py", "accepted/sum.py"),
                    ("wrong_answer/sum_int32.c", "wrong_answer/sum_int32.c"),
                    ("wrong_answer/sum_difference.py", "accepted/filed_wrongly.py")):
        (package / "submissions" / to).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(sources / rel, package / "submissions" / to)
    return package


def test_a_dry_run_flags_the_verdict_that_differs_and_is_kept(tmp_path: Path) -> None:
    data = tmp_path / "data"
    runner = CliRunner()
    made = runner.invoke(main, ["contest", "create", "Dry", "--problem",
                                str(small_sum(tmp_path)), "--teams", "1", "--data", str(data)])
    assert made.exit_code == 0, made.output
    result = runner.invoke(main, ["contest", "dry-run", "dry", "--repeat", "2", "--json",
                                  "--pool-size", "2", "--data", str(data)])
    assert result.exit_code == 1, result.output  # one verdict differs from its folder
    report = json.loads(result.output)
    (problem,) = report["problems"]
    runs = {s["path"]: s for s in problem["submissions"]}
    assert set(runs) == {"submissions/accepted/sum.c", "submissions/accepted/sum.py",
                         "submissions/wrong_answer/sum_int32.c",
                         "submissions/accepted/filed_wrongly.py"}
    assert all(len(s["verdicts"]) == len(s["times"]) == 2 for s in runs.values())
    wrong = runs["submissions/accepted/filed_wrongly.py"]
    assert wrong["verdicts"] == ["WA", "WA"] and not wrong["agrees"]
    assert wrong["detail"].startswith("got WA")
    assert runs["submissions/wrong_answer/sum_int32.c"]["agrees"]
    assert problem["time_limit"] == 1.0 and problem["disagreeing"] == 1 and not report["ok"]
    assert 0 < problem["slowest_accepted"] < 1.0 and problem["margin"] > 1
    with Store.open(data) as store:
        assert latest(store, "dry") == report
    shown = runner.invoke(main, ["contest", "dry-run", "nosuch", "--data", str(data)])
    assert shown.exit_code == 2 and "no contest 'nosuch'" in shown.output
