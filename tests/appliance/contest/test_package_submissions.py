"""A contest package's submissions: imported with the ids their source gave them (`s001`),
back-dated to their contest time and queued to be judged here; the package's own judgements
ignored with a warning; every bad submission refused naming file and key, with nothing left
in the store or the library."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from appliance.contest.export import EVENT_FEED
from appliance.contest.submission_files import files_zip
from cli.main import main
from tests.appliance.contest.test_setup import contest_package
from tests.web.test_clics_schemas import SCHEMAS, check_api

A_PLUS_B = b"a, b = map(int, input().split())\nprint(a + b)\n"
WRONG = b"print(0)\n"


def with_submissions(root: Path, items: list[dict], files: dict[str, dict[str, bytes]]) -> Path:
    """The CLICS fixture with `submissions.json` and each `submissions/<id>/files.zip`."""
    contest_package(root)
    (root / "submissions.json").write_text(json.dumps(items))
    for sid, sources in files.items():
        folder = root / "submissions" / sid
        folder.mkdir(parents=True)
        (folder / "files.zip").write_bytes(files_zip(sources))
    return root


def item(sid: str, **extra) -> dict:
    return {"id": sid, "team_id": "t1", "problem_id": "sum", "language_id": "python3",
            "time": "2024-04-20T10:12:00.000+02:00", "contest_time": "0:12:00.000",
            "files": [{"filename": "files.zip", "mime": "application/zip"}], **extra}


def rows(data: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(data / "podium.db") as db:
        return db.execute(sql).fetchall()


def invoke(*args: str):
    return CliRunner().invoke(main, list(args))


def test_submissions_keep_their_ids_and_times_and_are_queued(tmp_path: Path) -> None:
    package = with_submissions(tmp_path / "c", [
        item("s001"), item("s002", team_id="t2", contest_time="1:00:00", time=None)],
        {"s001": {"a.py": A_PLUS_B}, "s002": {"b.py": WRONG}})
    (package / "judgements.json").write_text("[]")
    data = tmp_path / "data"
    result = invoke("contest", "import", str(package), "--data", str(data))
    assert result.exit_code == 0, result.output
    assert "2 submissions queued to be judged" in result.output
    assert "judgements.json: ignored" in result.output
    assert rows(data, "SELECT clics_id, team_id, file_name, time, contest_time, status "
                      "FROM submissions ORDER BY id") == [
        ("s001", "t1", "a.py", "2024-04-20T08:12:00.000+00:00", 720.0, "queued"),
        ("s002", "t2", "b.py", "2024-04-20T09:00:00.000+00:00", 3600.0, "queued")]
    assert rows(data, "SELECT id FROM events WHERE type = 'submissions'") == [
        ("s001",), ("s002",)]


CLARIFICATIONS = [
    {"id": "q-1", "from_team_id": "t1", "problem_id": "sum", "text": "Is a negative?",
     "time": "2024-04-20T10:20:00+02:00", "contest_time": "0:20:00"},
    {"id": "a-1", "reply_to_id": "q-1", "to_team_ids": ["t1"], "text": "No.",
     "time": "2024-04-20T10:25:00+02:00"},
    {"id": "note", "to_team_id": None, "text": "Mind the limits.", "contest_time": "0:30:00"},
]


def test_export_import_export_is_equal_with_submissions(tmp_path: Path) -> None:
    package = with_submissions(tmp_path / "c", [item("s001"), item("run-7", team_id="t2")],
                               {"s001": {"a.py": A_PLUS_B}, "run-7": {"b.py": WRONG}})
    (package / "clarifications.json").write_text(json.dumps(CLARIFICATIONS))
    one, two = tmp_path / "one", tmp_path / "two"
    assert invoke("contest", "import", str(package), "--data", str(one)).exit_code == 0
    first = exported(one, tmp_path / "first.zip")
    assert [s["id"] for s in json.loads(first["submissions.json"])] == ["s001", "run-7"]
    assert [(c["id"], c["reply_to_id"], c["to_team_ids"], c["contest_time"])
            for c in json.loads(first["clarifications.json"])] == [
        ("q-1", None, None, "0:20:00.000"), ("a-1", "q-1", ["t1"], "0:25:00.000"),
        ("note", None, None, "0:30:00.000")]
    assert "submissions/run-7/files.zip" in first
    result = invoke("contest", "import", str(tmp_path / "first.zip"), "--data", str(two))
    assert result.exit_code == 0, result.output
    second = exported(two, tmp_path / "second.zip")
    package_names = {n for n in first if not n.startswith("audit/") and n != EVENT_FEED}
    assert package_names == {n for n in second if not n.startswith("audit/") and n != EVENT_FEED}
    assert [n for n in sorted(package_names) if first[n] != second[n]] == []
    feeds = [[json.loads(line) for line in files[EVENT_FEED].splitlines()]
             for files in (first, second)]  # the same events, in this store's tokens and times
    assert sorted((e["type"], e["id"] or "") for e in feeds[0]) == sorted(
        (e["type"], e["id"] or "") for e in feeds[1])


def test_the_exported_event_feed_is_the_apis_and_validates_against_2026_01(
        tmp_path: Path) -> None:
    package = with_submissions(tmp_path / "c", [item("s.001"), item("s_2", team_id="t2")],
                               {"s.001": {"a.py": A_PLUS_B}, "s_2": {"b.py": WRONG}})
    (package / "clarifications.json").write_text(json.dumps(CLARIFICATIONS))
    data = tmp_path / "data"
    assert invoke("contest", "import", str(package), "--data", str(data)).exit_code == 0
    files = exported(data, tmp_path / "out.zip")
    events, issues = check_api.parse_ndjson(files[EVENT_FEED].splitlines())
    assert not issues
    schemas = check_api.Schemas.from_directory(SCHEMAS)
    found = [i for n, event in events for i in check_api.event_issues(schemas, event, f"{n}")]
    assert not found, found
    assert [(e["type"], e["id"]) for _, e in events if e["type"] == "submissions"] == [
        ("submissions", "s.001"), ("submissions", "s_2")]
    assert {e["type"] for _, e in events} >= {"contest", "problems", "teams", "submissions"}
    assert ("clarifications", "a-1") in [(e["type"], e["id"]) for _, e in events]
    for name in ("submissions", "teams", "problems", "clarifications"):
        assert not schemas.issues(name, json.loads(files[f"{name}.json"])), name


def exported(data: Path, out: Path) -> dict[str, bytes]:
    import zipfile
    result = invoke("export", "spring24", "--out", str(out), "--data", str(data))
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(out) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


@pytest.mark.parametrize(("items", "files", "says"), [
    ([item("s001"), item("s001")], {"s001": {"a.py": A_PLUS_B}},
     "submissions.json: [1].id: ID 's001' is given twice"),
    ([item("a/b")], {}, "submissions.json: [0].id: 'a/b' is not an ID"),
    ([item("s001")], {}, "submissions.json: [0].files: no file submissions/s001/files.zip"),
    ([item("s001", problem_id="nope")], {"s001": {"a.py": A_PLUS_B}},
     "submissions.json: [0].problem_id: no problem 'nope'"),
    ([item("s001", team_id="t9")], {"s001": {"a.py": A_PLUS_B}},
     "submissions.json: [0].team_id: no team 't9'"),
    ([item("s001", language_id="cobol")], {"s001": {"a.py": A_PLUS_B}},
     "submissions.json: [0].language_id: no language 'cobol' here"),
    ([item("s001", contest_time="5:00:01")], {"s001": {"a.py": A_PLUS_B}},
     "submissions.json: [0].contest_time: 5:00:01.000 lies after the contest's end"),
    ([item("s001", files=[{"filename": "../x.zip"}])], {"s001": {"a.py": A_PLUS_B}},
     "submissions.json: [0].files: must be a list of file references"),
    ([], {"clarifications.json": [CLARIFICATIONS[1]]},
     "clarifications.json: [0].reply_to_id: no clarification 'q-1' before it"),
    ([], {"clarifications.json": [{**CLARIFICATIONS[0], "id": "q/1"}]},
     "clarifications.json: [0].id: 'q/1' is not an ID"),
    ([], {"clarifications.json": [CLARIFICATIONS[2], CLARIFICATIONS[2]]},
     "clarifications.json: [1].id: ID 'note' is given twice"),
])
def test_a_bad_submission_refuses_the_package_whole(tmp_path: Path, items: list[dict],
                                                    files: dict, says: str) -> None:
    clarifications = files.pop("clarifications.json", None)
    package = with_submissions(tmp_path / "c", items, files)
    if clarifications is not None:
        (package / "clarifications.json").write_text(json.dumps(clarifications))
    data = tmp_path / "data"
    result = invoke("contest", "import", str(package), "--data", str(data))
    assert result.exit_code == 2 and says in result.output, result.output
    assert not (data / "podium.db").exists() or rows(
        data, "SELECT count(*) FROM contests WHERE id != 'practice'") == [(0,)]
    library = data / "packages"
    assert not library.exists() or list(library.iterdir()) == []


def test_a_missing_problem_package_is_named_and_nothing_is_imported(tmp_path: Path) -> None:
    package = with_submissions(tmp_path / "c", [item("s001")], {"s001": {"a.py": A_PLUS_B}})
    problems = (package / "problems.yaml").read_text()
    (package / "problems.yaml").write_text(problems.replace(
        "- id: sum\n", "- id: sum\n  package:\n  - filename: sum.zip\n"))
    data = tmp_path / "data"
    result = invoke("contest", "import", str(package), "--data", str(data))
    assert result.exit_code == 2, result.output
    assert "problems.yaml: [1].package: names 'sum.zip', but there is no file " \
           "problems/sum/sum.zip" in result.output
    assert not (data / "packages").exists() or list((data / "packages").iterdir()) == []


def test_a_refusal_after_the_library_import_removes_what_it_added(tmp_path: Path) -> None:
    """The second problem's package is broken: the first one's copy leaves the library."""
    package = with_submissions(tmp_path / "c", [], {})
    (package / "problems/sum/data/secret/01.ans").unlink()
    data = tmp_path / "data"
    result = invoke("contest", "import", str(package), "--data", str(data))
    assert result.exit_code == 2 and "01.in: has no answer file" in result.output
    assert list((data / "packages").iterdir()) == []


def test_team_labels_are_kept_and_exported(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert invoke("contest", "import", str(contest_package(tmp_path / "c")), "--data",
                  str(data)).exit_code == 0
    assert rows(data, "SELECT id, label FROM teams ORDER BY id") == [("t1", "1"), ("t2", "t2")]
    teams = json.loads(exported(data, tmp_path / "out.zip")["teams.json"])
    assert [(t["id"], t["label"]) for t in teams] == [("t1", "1"), ("t2", "t2")]


def test_a_zip_that_leaves_its_folder_is_refused_naming_the_member(tmp_path: Path) -> None:
    import zipfile
    bad = tmp_path / "bad.zip"
    with zipfile.ZipFile(bad, "w") as archive:
        archive.writestr("contest.json", "{}")
        archive.writestr("../escape.txt", "x")
    result = invoke("contest", "import", str(bad), "--data", str(tmp_path / "data"))
    assert result.exit_code == 2, result.output
    assert f"{bad}: member '../escape.txt' leaves the package" in result.output
    assert not (tmp_path / "escape.txt").exists()


@pytest.mark.docker
def test_imported_submissions_are_judged_here_under_their_ids(tmp_path: Path) -> None:
    import subprocess
    import sys

    from tests.paths import REPO
    package = with_submissions(tmp_path / "c", [item("s001"), item("s002", team_id="t2")],
                               {"s001": {"a.py": A_PLUS_B}, "s002": {"b.py": WRONG}})
    data = tmp_path / "data"
    assert invoke("contest", "import", str(package), "--data", str(data)).exit_code == 0
    done = subprocess.run([sys.executable, "-m", "cli", "dispatch", "--until-empty",
                           "--data", str(data)], capture_output=True, text=True, timeout=300,
                          cwd=REPO)
    assert done.returncode == 0, done.stdout + done.stderr
    assert rows(data, "SELECT s.clics_id, j.verdict FROM submissions s JOIN judgements j "
                      "ON j.submission_id = s.id ORDER BY s.id") == [("s001", "AC"),
                                                                    ("s002", "WA")]
    events = [json.loads(d)["submission_id"] for (d,) in rows(
        data, "SELECT data FROM events WHERE type = 'judgements'")]
    assert sorted(events) == ["s001", "s002"]  # judged side by side: either may end first
