"""DOMjudge's two example contest archives (a part of each, tests/fixtures/domjudge/) import
as DOMjudge writes them, and their jury submissions get what their folders expect, judged
for real with problems.yaml's time limits (not the packages' own)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from appliance.problems.load import load_problem, with_time_limit
from appliance.problems.verify import verify
from cli.main import main
from judge.languages import load_languages
from tests.paths import FIXTURES

ARCHIVES = ("example_problems", "example_scoring_problems")


def archive(name: str, root: Path) -> Path:
    """A copy of the archive as DOMjudge installs it: contest.yaml made from contest.yaml.in
    (DOMjudge's generate-contest-yaml adds a start time; none here) and problems.yaml cut
    down to the problems kept in the fixture (problemset.yaml is left whole: it is ignored)."""
    folder = root / name
    shutil.copytree(FIXTURES / "domjudge" / name, folder)
    shutil.copy(folder / "contest.yaml.in", folder / "contest.yaml")
    problems = yaml.safe_load((folder / "problems.yaml").read_text())
    kept = [p for p in problems if (folder / p["id"]).is_dir()]
    (folder / "problems.yaml").write_text(yaml.safe_dump(kept, sort_keys=False))
    return folder


@pytest.mark.parametrize("name", ARCHIVES)
def test_a_domjudge_archive_imports_with_its_time_limits(tmp_path: Path, name: str) -> None:
    data = tmp_path / "data"
    result = CliRunner().invoke(main, ["contest", "import", str(archive(name, tmp_path)),
                                       "--data", str(data)])
    assert result.exit_code == 0, result.output
    assert "problemset.yaml: ignored: problems.yaml is read (DOMjudge writes both)" \
        in result.stderr
    with sqlite3.connect(data / "podium.db") as db:
        rows = db.execute("SELECT id, name, time_limit, rgb FROM problems "
                          "WHERE contest_id != 'practice' ORDER BY ordinal").fetchall()
    if name == "example_problems":
        assert "test-file name#\\\\.bogus ext' ignored" in result.stderr
        assert rows == [("hello", "Hello World", 5.0, "#9486EA"),
                        ("fltcmp", "Float special compare test", 5.0, "#E93603")]
    else:
        assert rows == [("addone", "Add One", 5.0, "#4CAF50")]


@pytest.mark.docker
@pytest.mark.parametrize("name", ARCHIVES)
def test_a_domjudge_archive_judges_its_jury_submissions(pool, blobs, tmp_path: Path,
                                                        name: str) -> None:
    data = tmp_path / "data"
    result = CliRunner().invoke(main, ["contest", "import", str(archive(name, tmp_path)),
                                       "--data", str(data)])
    assert result.exit_code == 0, result.output
    with sqlite3.connect(data / "podium.db") as db:
        rows = db.execute("SELECT package, time_limit FROM problems "
                          "WHERE contest_id != 'practice'").fetchall()
    for package, time_limit in rows:
        problem = with_time_limit(load_problem(data / "packages" / package), time_limit)
        report = verify(problem, pool, blobs, load_languages(), parts=("submissions",))
        failures = [c.to_json() for c in report.submissions if not c.ok]
        assert report.ok, (package, report.errors, failures)
        assert report.time_limit == time_limit
        assert report.submissions and all(c.got is not None for c in report.submissions)
