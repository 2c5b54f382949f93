"""Reading CLICS contest packages in both spellings, and refusing broken ones with every fault."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import yaml

from appliance.contest.package import (
    ContestError,
    load_contest,
)
from appliance.errors import ApplianceError
from tests import paths

CONTESTS = paths.FIXTURES / "contests"


def broken(tmp_path: Path, **files: str) -> list[str]:
    """The problems of a copy of the CLICS fixture with `files` replaced (\"\" deletes one)."""
    root = tmp_path / "contest"
    shutil.copytree(CONTESTS / "clics", root)
    for name, text in files.items():
        target = root / name.replace("__", ".")
        if text:
            target.write_text(text, encoding="utf-8")
        else:
            target.unlink()
    with pytest.raises(ContestError) as caught:
        load_contest(root)
    return list(caught.value.problems)


def test_clics_package_reads_every_file() -> None:
    package = load_contest(CONTESTS / "clics")
    contest = package.contest
    assert (contest.id, contest.name, contest.formal_name) == (
        "spring24", "Spring Contest", "Spring Programming Contest 2024")
    assert contest.start_time == datetime(2024, 4, 20, 8, 0, tzinfo=UTC)
    assert contest.start_time.utcoffset() == timedelta(hours=2)
    assert (contest.duration, contest.scoreboard_freeze_duration, contest.penalty_time) == (
        18000.0, 3600.0, 1200.0)
    assert [(p.label, p.id, p.name, p.rgb) for p in package.problems] == [
        ("A", "hello", "Hello World", "#ff0000"), ("B", "sum", "Sum", "#00f")]
    assert package.problems[0].package == CONTESTS / "clics" / "problems" / "hello"
    assert [(t.id, t.label, t.organization_id, t.group_ids) for t in package.teams] == [
        ("t1", "1", "kth", ("students",)), ("t2", "t2", "uu", ("students", "hs"))]
    assert package.teams[1].display_name == "Off-by-one"
    assert [o.id for o in package.organizations] == ["kth", "uu"]
    assert [g.id for g in package.groups] == ["students", "hs"]
    assert [(a.id, a.username, a.type, a.team_id) for a in package.accounts] == [
        ("admin", "admin", "admin", None), ("judge1", "judge1", "judge", None),
        ("team1", "team1", "team", "t1")]
    assert package.accounts[2].password == "till-wise-under"


def test_passwords_stay_out_of_the_repr() -> None:
    package = load_contest(CONTESTS / "clics")
    assert "till-wise-under" not in repr(package.accounts)


def test_legacy_package_reads_every_file() -> None:
    package = load_contest(CONTESTS / "legacy")
    contest = package.contest
    assert (contest.id, contest.name, contest.formal_name) == (
        "autumn23", "Autumn Contest", "Autumn Contest")
    assert contest.start_time == datetime(2023, 10, 14, 9, 30, tzinfo=UTC)
    assert (contest.duration, contest.scoreboard_freeze_duration, contest.penalty_time) == (
        18000.0, 3600.0, 1200.0)
    assert [(p.label, p.id, p.ordinal) for p in package.problems] == [
        ("A", "hello", 1), ("B", "sum", 2)]
    assert package.problems[0].package == CONTESTS / "legacy" / "hello"
    assert package.problems[1].package == CONTESTS / "legacy" / "problems" / "sum"
    assert [(t.id, t.name, t.icpc_id, t.group_ids, t.organization_id) for t in package.teams] == [
        ("1", "Null Pointers", "1001", ("3",), "kth"),
        ("2", "Off By One", "1002", ("3",), "Uppsala")]
    assert [(o.id, o.name, o.formal_name, o.country) for o in package.organizations] == [
        ("kth", "KTH", "KTH Royal Institute of Technology", "SWE"),
        ("Uppsala", "Uppsala", "Uppsala University", "SWE")]
    assert [(a.username, a.type, a.team_id, a.password) for a in package.accounts] == [
        ("team001", "team", "1", "pass-one"), ("team002", "team", "2", "pass-two"),
        ("judge1", "judge", None, "secret-judge"), ("admin", "admin", None, "secret-admin")]


def test_unquoted_sexagesimal_duration_is_five_hours() -> None:
    text = (CONTESTS / "legacy" / "contest.yaml").read_text()
    assert "duration: 5:00:00\n" in text  # unquoted, as legacy files write it
    assert yaml.safe_load(text)["duration"] == 18000  # what plain PyYAML makes of it
    assert load_contest(CONTESTS / "legacy").contest.duration == 5 * 3600


@pytest.mark.parametrize(("line", "seconds"), [
    ("duration: 18000", 18000.0),  # a bare number is seconds, as YAML 1.1 reads 5:00:00
    ("duration: '5:00:00'", 18000.0), ("duration: 4:30:00", 16200.0),
    ("duration: 2:00:00.5", 7200.5),
])
def test_duration_spellings(tmp_path: Path, line: str, seconds: float) -> None:
    (tmp_path / "contest.yaml").write_text(f"name: x\n{line}\n")
    assert load_contest(tmp_path).contest.duration == seconds


@pytest.mark.parametrize(("value", "seconds"), [
    ('"0:20:00"', 1200.0), ("20", 1200.0), ('"0:05:30"', 330.0), ("0", 0.0)])
def test_penalty_time_is_reltime_or_minutes(tmp_path: Path, value: str, seconds: float) -> None:
    (tmp_path / "contest.json").write_text(
        f'{{"id": "c", "name": "c", "duration": "1:00:00", "penalty_time": {value}}}')
    assert load_contest(tmp_path).contest.penalty_time == seconds


def test_defaults_of_a_minimal_contest(tmp_path: Path) -> None:
    (tmp_path / "contest.yaml").write_text("name: Mini\nduration: 1:00:00\n")
    package = load_contest(tmp_path)
    contest = package.contest
    assert (contest.id, contest.formal_name, contest.start_time) == (tmp_path.name, "Mini", None)
    assert (contest.scoreboard_freeze_duration, contest.penalty_time) == (0.0, 1200.0)
    assert (package.problems, package.teams, package.accounts) == ((), (), ())


def test_legacy_scoreboard_freeze_is_when_the_freeze_begins(tmp_path: Path) -> None:
    (tmp_path / "contest.yaml").write_text(
        "name: x\nduration: 5:00:00\nscoreboard-freeze: 4:00:00\n")
    assert load_contest(tmp_path).contest.scoreboard_freeze_duration == 3600.0


def test_contest_error_is_an_appliance_error(tmp_path: Path) -> None:
    with pytest.raises(ApplianceError):
        load_contest(tmp_path)


def test_missing_contest_file(tmp_path: Path) -> None:
    with pytest.raises(ContestError, match="no contest.json or contest.yaml"):
        load_contest(tmp_path)


def test_not_a_folder(tmp_path: Path) -> None:
    with pytest.raises(ContestError, match="not a contest package folder"):
        load_contest(tmp_path / "nowhere")


def test_broken_contest_reports_every_key_at_once(tmp_path: Path) -> None:
    problems = broken(tmp_path, contest__json="""{"id": "-bad", "duration": "5:00",
        "start_time": "2024-04-20T10:00:00", "scoreboard_freeze_duration": "6:00:00",
        "penalty_time": true, "scoreboard_type": "ioi"}""")
    text = "\n".join(problems)
    for key in ("id", "name", "duration", "start_time", "penalty_time", "scoreboard_type"):
        assert f"contest.json: {key}: " in text, key
    assert "offset from UTC" in text
    assert all("\n" not in p for p in problems)


def test_freeze_longer_than_the_contest(tmp_path: Path) -> None:
    problems = broken(tmp_path, contest__json="""{"id": "c", "name": "c",
        "duration": "1:00:00", "scoreboard_freeze_duration": "2:00:00"}""")
    assert problems == [f"{tmp_path / 'contest' / 'contest.json'}: scoreboard_freeze_duration: "
                        "must lie between 0:00:00 and the duration 1:00:00"]


def test_both_spellings_of_a_file_is_an_error(tmp_path: Path) -> None:
    problems = broken(tmp_path, teams__tsv="teams\t1\n9\t\t\tNine\n")
    assert any("give only one of teams.json, teams.tsv" in p for p in problems)


def test_invalid_json_and_yaml_name_the_file(tmp_path: Path) -> None:
    problems = broken(tmp_path, teams__json="[{", accounts__yaml="- a: [\n")
    assert any("teams.json: not valid JSON" in p for p in problems)
    assert any("accounts.yaml: not valid YAML" in p for p in problems)


def test_duplicate_json_key_is_an_error(tmp_path: Path) -> None:
    problems = broken(tmp_path, groups__json='[{"id": "a", "name": "A", "name": "B"}]',
                      teams__json="[]")
    assert any("groups.json: not valid JSON: key 'name' is given twice" in p for p in problems)


def test_dangling_references(tmp_path: Path) -> None:
    problems = broken(tmp_path, teams__json="""[{"id": "t1", "name": "One",
        "organization_id": "mit", "group_ids": ["nope"]}]""")
    text = "\n".join(problems)
    assert "team t1.organization_id: no organization 'mit'" in text
    assert "team t1.group_ids: no group 'nope'" in text
    assert "accounts.yaml: account team1.team_id: no team 't1'" not in text


def test_account_of_a_missing_team(tmp_path: Path) -> None:
    problems = broken(tmp_path, accounts__yaml="""- {username: team9, type: team, team_id: t9}
- {username: coach, type: coach}
- {username: lost, type: team}
""")
    text = "\n".join(problems)
    assert "account team9.team_id: no team 't9'" in text
    assert "[1].type: must be one of team, judge, admin, analyst, balloon, not 'coach'" in text
    assert "[2].team_id: is missing" in text


def test_duplicate_ids_labels_and_usernames(tmp_path: Path) -> None:
    problems = broken(tmp_path, problems__yaml="""- {id: hello, label: A}
- {id: hello, label: A, ordinal: 2}
""", accounts__yaml="""- {id: a, username: same, type: judge}
- {id: b, username: same, type: judge}
""")
    text = "\n".join(problems)
    assert "problem id 'hello' is given twice" in text
    assert "problem label 'A' is given twice" in text
    assert "username 'same' is given twice" in text


def test_problem_without_a_package(tmp_path: Path) -> None:
    problems = broken(tmp_path, problems__yaml="- {id: ghost, label: G}\n")
    assert len(problems) == 1
    assert "problems.yaml: [0].id: no problem package ghost/ or problems/ghost/" in problems[0]


def test_problem_package_may_be_a_zip(tmp_path: Path) -> None:
    root = tmp_path / "c"
    (root / "problems" / "zz").mkdir(parents=True)
    (root / "problems" / "zz" / "zz.zip").write_bytes(b"PK")
    (root / "contest.yaml").write_text("name: c\nduration: 1:00:00\n")
    (root / "problems.json").write_text('[{"id": "zz", "label": "Z", "name": "Zed"}]')
    assert load_contest(root).problems[0].package == root / "problems" / "zz" / "zz.zip"


def test_broken_tsv_files(tmp_path: Path) -> None:
    problems = broken(tmp_path, teams__json="", accounts__yaml="",
                      teams__tsv="teams\t1\n1\t\t\n",
                      accounts__tsv="users\t1\nteam\tx\tteam1\tpw\n")
    text = "\n".join(problems)
    assert "teams.tsv: line 2: needs at least 4 tab-separated columns" in text
    assert "accounts.tsv: line 1: must be the header 'accounts<TAB>1'" in text


def test_tsv_team_account_needs_a_team_number_in_its_name(tmp_path: Path) -> None:
    problems = broken(tmp_path, accounts__yaml="",
                      accounts__tsv="accounts\t1\nteam\tOne\tnullpointers\tpw\n")
    assert any("accounts.tsv: line 2.team_id: is missing" in p for p in problems)


def minimal(root: Path, problems_yaml: str, **files: str) -> Path:
    """A contest folder with contest.yaml, this problems.yaml and `files` (path -> text)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "contest.yaml").write_text("name: c\nduration: 1:00:00\n")
    (root / "problems.yaml").write_text(problems_yaml)
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


def test_problemset_yaml_beside_problems_yaml_is_ignored_with_a_warning(tmp_path: Path) -> None:
    """DOMjudge writes both: problems.yaml is read, its legacy twin named in a warning."""
    root = minimal(tmp_path / "c", "- {id: zz, label: Z, time_limit: 2.5, color: green}\n",
                   **{"problemset.yaml": "problems:\n- {short-name: other, letter: Q}\n",
                      "problems/zz/problem.yaml": "name: Zed\n"})
    package = load_contest(root)
    assert [(p.id, p.label, p.time_limit, p.color) for p in package.problems] == [
        ("zz", "Z", 2.5, "green")]
    assert package.warnings == (f"{root / 'problemset.yaml'}: ignored: problems.yaml is read "
                                "(DOMjudge writes both)",)


def test_problems_at_the_spec_default_file_name_and_by_file_reference(tmp_path: Path) -> None:
    root = minimal(tmp_path / "c", """- {id: a, label: A}
- id: b
  label: B
  package: [{href: "http://x/b", filename: b-1.zip, mime: application/zip}]
""", **{"problems/a/package.zip": "PK", "problems/b/b-1.zip": "PK"})
    assert [p.package for p in load_contest(root).problems] == [
        root / "problems/a/package.zip", root / "problems/b/b-1.zip"]


def test_a_file_reference_to_nothing_or_outside_is_named(tmp_path: Path) -> None:
    root = minimal(tmp_path / "c", """- {id: a, label: A, package: [{filename: gone.zip}]}
- {id: b, label: B, package: [{filename: ../../etc/passwd}]}
""")
    with pytest.raises(ContestError) as caught:
        load_contest(root)
    text = "\n".join(caught.value.problems)
    assert "problems.yaml: [0].package: names 'gone.zip', but there is no file " \
           "problems/a/gone.zip" in text
    assert "problems.yaml: [1].package: must be a list of file references" in text


def test_optional_keys_left_null_are_absent(tmp_path: Path) -> None:
    root = minimal(tmp_path / "c", "- {id: zz, label: Z, name: null, rgb: null, color: null, "
                                   "time_limit: null, ordinal: 1}\n",
                   **{"problems/zz/problem.yaml": "name: Zed\n",
                      "teams.json": '[{"id": "t1", "name": "T", "display_name": null, '
                                    '"organization_id": null, "group_ids": null, '
                                    '"icpc_id": null}]'})
    (root / "contest.yaml").write_text("name: c\nduration: 1:00:00\nformal_name: null\n"
                                       "start_time: null\nscoreboard_freeze_duration: null\n"
                                       "penalty_time: null\n")
    package = load_contest(root)
    assert [(p.name, p.rgb, p.time_limit) for p in package.problems] == [("", None, None)]
    assert package.teams[0].group_ids == () and package.contest.formal_name == "c"


def test_bad_time_limit_and_an_id_with_a_slash_are_named(tmp_path: Path) -> None:
    root = minimal(tmp_path / "c", "- {id: a/b, label: A}\n- {id: c, label: C, "
                                   "time_limit: -1}\n", **{"problems/c/problem.yaml": "x: 1\n"})
    with pytest.raises(ContestError) as caught:
        load_contest(root)
    text = "\n".join(caught.value.problems)
    assert "problems.yaml: [0].id: 'a/b' is not an ID" in text
    assert "problems.yaml: [1].time_limit: must be a positive number of seconds, not -1" in text
