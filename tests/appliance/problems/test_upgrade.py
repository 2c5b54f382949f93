"""`podium package upgrade`: a legacy or 2023-07 package rewritten as 2025-09 loads as
2025-09 without errors and means the same (tests, validator arguments, time-limit rule,
expected outcomes); the mapping itself, key by key; bad input as one line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from appliance.errors import PackageError
from appliance.problems.load import Problem, load_problem
from appliance.problems.report import LEGACY, V2023, V2025
from appliance.problems.scoring import GroupRule
from appliance.problems.upgrade import (
    default_out,
    statement_name,
    upgrade_group_yaml,
    upgrade_package,
    upgrade_problem_yaml,
)
from appliance.problems.upgrade_parts import ini_keys
from appliance.problems.upgrade_scoring import legacy_to_2025
from appliance.problems.yaml_files import parse_yaml
from cli.main import main
from tests.paths import FIXTURES, PACKS

OLD_FIXTURES = [p for p in sorted((FIXTURES / "packages").iterdir())
                if (p / "problem.yaml").is_file()
                and load_problem(p).format_version in (LEGACY, V2023)]
OLD_PACKAGES = sorted(p for p in PACKS.iterdir() if p.is_dir()) + OLD_FIXTURES


def meaning(problem: Problem) -> dict:
    """What judging and verify read of a package, with its paths relative to it."""
    def rel(path: Path | None) -> str | None:
        return None if path is None else path.relative_to(problem.path).as_posix()
    return {
        "tests": [(t.name, rel(t.input), rel(t.answer)) for t in problem.tests],
        # each test's own: where they are said (problem.yaml, data/, sample/) may move
        "flags": [problem.flags_for(t.name) for t in problem.tests],
        "args": [problem.validator_args_for(t.name) for t in problem.tests],
        "custom": problem.output_validator is not None, "interactive": problem.interactive,
        "scoring": problem.scoring, "multi_pass": problem.multi_pass,
        "limits": problem.limits, "time_limit_given": problem.time_limit_given,
        "time_rule": problem.time_rule, "names": problem.names,
        "input_validators": sorted(p.name for p in problem.input_validators),
        # each submission in the same folder: what a folder permits per test is the format's
        # (2025-09 lets a TLE submission pass some tests); verdicts compared in
        # tests/cli/test_upgrade_verify.py
        "submissions": sorted((s.path.name, s.expected) for s in problem.submissions),
        "statements": sorted(problem.statements), "keywords": problem.keywords,
        "uuid": problem.uuid if problem.format_version != LEGACY or problem.uuid else None,
    }


def test_the_old_packages_are_all_found() -> None:
    names = {p.name for p in OLD_FIXTURES}
    assert {"guess", "subtasks", "cities"} <= names
    assert len(OLD_PACKAGES) >= 12 + 3


@pytest.mark.parametrize("package", OLD_PACKAGES, ids=lambda p: p.name)
def test_an_upgraded_package_loads_as_2025_09_and_means_the_same(package: Path,
                                                                 tmp_path: Path) -> None:
    before = load_problem(package)
    result = upgrade_package(package, tmp_path / package.name)
    after = load_problem(result.path)
    assert after.format_version == V2025
    old, new = meaning(before), meaning(after)
    if before.uuid is None:
        assert after.uuid and new.pop("uuid") and old.pop("uuid") is None
    assert new == old
    assert not [w for w in after.warnings if "legacy" in w or "deprecated" in w
                or "keeps" in w], after.warnings
    assert not (result.path / "output_validators").exists()
    assert not (result.path / "problem_statement").exists()
    assert not list((result.path / "data").rglob("testdata.yaml"))
    assert load_problem(package) == before  # the original is untouched


def test_the_legacy_interactive_fixture_in_2025_09_spelling(tmp_path: Path) -> None:
    out = upgrade_package(FIXTURES / "packages/guess", tmp_path / "g").path
    yaml = parse_yaml((out / "problem.yaml").read_text())
    assert yaml["problem_format_version"] == "2025-09" and yaml["type"] == "interactive"
    assert yaml["credits"] == {"authors": ["Ada Lovelace", "Alan Turing"]}
    assert yaml["limits"]["time_multipliers"] == {"ac_to_time_limit": 3}  # 1.5: the default
    assert "validation" not in yaml and "author" not in yaml
    assert (out / "output_validator/validator.py").is_file()
    assert (out / "input_validators/validate.py").is_file()
    assert sorted(p.name for p in (out / "statement").iterdir()) == ["problem.en.tex",
                                                                      "problem.sv.tex"]


def test_problem_yaml_mapping_of_a_legacy_package() -> None:
    up = upgrade_problem_yaml(
        {"name": "Sum", "author": "Ada Lovelace, Charles Babbage and Alan Turing",
         "source": "NWERC 2020", "source_url": "https://nwerc.example", "license": "cc by",
         "rights_owner": "ICPC", "validation": "custom interactive score",
         "validator_flags": "float_tolerance 1e-6", "keywords": "graphs greedy",
         "limits": {"time_multiplier": 2, "memory": 512, "time_limit": 2.5},
         "grading": {"objective": "max"}},
        LEGACY, {"en": "Sum"}, new_uuid=lambda: "u-1")
    assert up.problem_yaml == {
        "problem_format_version": "2025-09", "type": ["interactive", "scoring"],
        "name": "Sum", "uuid": "u-1",
        "credits": {"authors": ["Ada Lovelace", "Charles Babbage", "Alan Turing"]},
        "source": {"name": "NWERC 2020", "url": "https://nwerc.example"},
        "license": "cc by", "rights_owner": "ICPC",
        # legacy time_safety_margin defaults to 2, 2025-09's to 1.5: written out
        "limits": {"memory": 512, "time_limit": 2.5, "time_multipliers": {
            "time_limit_to_tle": 2.0}, "time_resolution": 0.5},
        "keywords": ["graphs", "greedy"]}
    assert up.validator_args == ["float_tolerance", "1e-6"]
    assert any("grading" in n for n in up.notes) and any("uuid" in n for n in up.notes)


def test_legacy_defaults_become_2025_09_multipliers() -> None:
    up = upgrade_problem_yaml({"validation": "custom"}, LEGACY, {})
    assert up.problem_yaml["limits"] == {"time_multipliers": {"ac_to_time_limit": 5.0,
                                                              "time_limit_to_tle": 2.0}}
    assert "type" not in up.problem_yaml  # pass-fail is the default


def test_problem_yaml_mapping_of_a_2023_07_package() -> None:
    up = upgrade_problem_yaml(
        {"problem_format_version": "2023-07-draft", "type": "multi-pass",
         "name": {"en": "A", "sv": "B"}, "uuid": "x", "credits": "Grace Hopper",
         "source": {"name": "S"}, "limits": {"time_multipliers": {"ac_to_time_limit": 2},
                                             "validation_passes": 3},
         "keywords": ["k"], "constants": {"n": 5}, "languages": ["c"]},
        V2023, {"en": "A", "sv": "B"})
    assert up.problem_yaml == {
        "problem_format_version": "2025-09", "type": "multi-pass",
        "name": {"en": "A", "sv": "B"}, "uuid": "x", "credits": {"authors": "Grace Hopper"},
        "source": {"name": "S"}, "limits": {"validation_passes": 3}, "keywords": ["k"],
        "languages": ["c"], "constants": {"n": 5}}
    assert up.notes == []


def test_group_yaml_mapping() -> None:
    notes: list[str] = []
    assert upgrade_group_yaml(
        {"output_validator_flags": "case_sensitive", "input_validator_flags": {"v": "a b"},
         "scoring": {"score": 40, "aggregation": "min"}}, ["float_tolerance", "0.1"],
        "g", notes) == {"output_validator_args": ["float_tolerance", "0.1", "case_sensitive"],
                        "input_validator_args": {"v": ["a", "b"]}, "max_score": 40,
                        "score_aggregation": "min"}
    assert upgrade_group_yaml({"output_validator_flags": {"name": "x", "flags": "a"}}, [],
                              "g", notes) == {"output_validator_args": ["a"]}
    assert notes == []
    upgrade_group_yaml({"grader_flags": "min", "accept_score": 2}, [], "g", notes)
    assert notes and "grader_flags" in notes[0]


def test_statement_names() -> None:
    assert statement_name("problem.tex") == "problem.en.tex"
    assert statement_name("problem.md") == "problem.en.md"
    assert statement_name("problem.sv.tex") == "problem.sv.tex"
    assert statement_name("logo.png") == "logo.png"


def legacy_package(root: Path, problem_yaml: str) -> Path:
    for folder in ("data/sample", "data/secret", "submissions/accepted"):
        (root / folder).mkdir(parents=True)
    for folder in ("sample", "secret"):
        (root / f"data/{folder}/1.in").write_text("1\n")
        (root / f"data/{folder}/1.ans").write_text("1\n")
    (root / "submissions/accepted/a.py").write_text("print(input())\n")
    (root / "problem.yaml").write_text(problem_yaml)
    return root


def test_validator_flags_reach_every_test_as_before(tmp_path: Path) -> None:
    package = legacy_package(tmp_path / "p", "name: P\nvalidator_flags: float_tolerance 1e-3\n")
    (package / "data/secret/g").mkdir()
    (package / "data/secret/g/2.in").write_text("2\n")
    (package / "data/secret/g/2.ans").write_text("2\n")
    (package / "data/secret/g/testdata.yaml").write_text(
        "output_validator_flags: case_sensitive\n")
    before = load_problem(package)
    out = upgrade_package(package).path
    assert out == default_out(package) == tmp_path / "p-2025-09"
    after = load_problem(out)
    assert meaning(after)["flags"] == meaning(before)["flags"]
    assert after.flags_for("secret/g/2").case_sensitive
    assert after.flags_for("secret/g/2").float_absolute_tolerance == 1e-3
    assert parse_yaml((out / "data/secret/test_group.yaml").read_text()) == {
        "output_validator_args": ["float_tolerance", "1e-3"]}
    assert parse_yaml((out / "data/secret/g/test_group.yaml").read_text()) == {
        "output_validator_args": ["float_tolerance", "1e-3", "case_sensitive"]}


def test_an_unused_legacy_validator_is_dropped(tmp_path: Path) -> None:
    package = legacy_package(tmp_path / "p", "name: P\nvalidation: default\n")
    (package / "output_validators").mkdir()
    (package / "output_validators/check.py").write_text("")
    result = upgrade_package(package, tmp_path / "out")
    assert result.problem.output_validator is None
    assert not (tmp_path / "out/output_validator").exists()
    assert any("output_validators/" in note for note in result.notes)


def test_in_place_replaces_the_package(tmp_path: Path) -> None:
    package = legacy_package(tmp_path / "p", "name: P\n")
    result = upgrade_package(package, in_place=True)
    assert result.path == package and load_problem(package).format_version == V2025
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p"]  # no leftovers


@pytest.mark.parametrize(("setup", "message"), [
    (lambda root: None, "not a problem package directory"),
    (lambda root: legacy_package(root, "name: [P\n"), "not upgraded: "),
    (lambda root: legacy_package(root, "name: P\nbogus: 1\n"), "unknown key 'bogus'"),
    (lambda root: legacy_package(root, "problem_format_version: 2025-09\nname: P\n"),
     "already a 2025-09 package"),
])
def test_a_broken_package_is_one_line(tmp_path: Path, setup, message: str) -> None:
    setup(tmp_path / "p")
    result = CliRunner().invoke(main, ["package", "upgrade", str(tmp_path / "p")])
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not (tmp_path / "p-2025-09").exists()


def test_an_existing_out_is_refused(tmp_path: Path) -> None:
    package = legacy_package(tmp_path / "p", "name: P\n")
    (tmp_path / "taken").mkdir()
    with pytest.raises(PackageError, match="already exists"):
        upgrade_package(package, tmp_path / "taken")
    with pytest.raises(PackageError, match="inside the package"):
        upgrade_package(package, package / "new")
    result = CliRunner().invoke(main, ["package", "upgrade", str(package), "--out",
                                       str(tmp_path / "x"), "--in-place"])
    assert result.exit_code == 2 and "not both" in result.output


def test_the_cli_writes_the_new_package(tmp_path: Path) -> None:
    package = legacy_package(tmp_path / "p", "name: P\n")
    result = CliRunner().invoke(main, ["package", "upgrade", str(package), "--out",
                                       str(tmp_path / "new")])
    assert result.exit_code == 0, result.output
    assert "2025-09, 2 test cases, 1 submission" in result.output
    assert load_problem(tmp_path / "new").format_version == V2025


def test_legacy_subtasks_become_max_score_and_score_aggregation(tmp_path: Path) -> None:
    result = upgrade_package(FIXTURES / "packages" / "subtasks", tmp_path / "out")
    data = tmp_path / "out" / "data"
    assert parse_yaml((data / "secret/group1/test_group.yaml").read_text()) == {
        "max_score": 40, "score_aggregation": "pass-fail"}
    assert parse_yaml((data / "secret/test_group.yaml").read_text()) == {
        "max_score": 100, "score_aggregation": "sum"}
    assert not (data / "test_group.yaml").exists()
    assert not any("kept as legacy keys" in n for n in result.notes)


@pytest.mark.parametrize(("rules", "tests", "keys", "note"), [
    ({"secret": GroupRule(accept_score=2)}, ["secret/a", "secret/b"],
     {"secret": {"max_score": 4, "score_aggregation": "sum"}}, None),
    ({"secret": GroupRule(), "secret/g": GroupRule(accept_score=10, combine="avg")},
     ["secret/g/1"], {}, "grader_flags avg"),
    ({"secret": GroupRule(), "secret/g": GroupRule(reject_score=1, combine="min")},
     ["secret/g/1"], {}, "reject_score 1"),
])
def test_legacy_grader_settings_translate_only_where_they_mean_the_same(
        rules: dict, tests: list[str], keys: dict, note: str | None) -> None:
    got, notes = legacy_to_2025(rules, tests)
    assert got == keys
    assert (note is None and not notes) or any(note in n for n in notes)


def test_case_texts_bad_cases_domjudge_ini_and_podium_folders_are_upgraded(tmp_path: Path):
    """What `bt upgrade` also does: .desc/.hint into the case's .yaml, data/bad split into
    invalid_input / invalid_output, domjudge-problem.ini folded into problem.yaml; and
    Podium's own submission folders said in submissions.yaml."""
    package = tmp_path / "sum"
    shutil.copytree(PACKS / "sum", package)
    yaml_text = (package / "problem.yaml").read_text()
    (package / "problem.yaml").write_text(yaml_text.replace("  time_limit: 1.0\n", ""))
    (package / "domjudge-problem.ini").write_text("name = 'Other'\ntimelimit = '3'\n"
                                                  "color = '#ff0000'\n")
    (package / "data/secret/01.desc").write_text("two small numbers\n")
    (package / "data/secret/01.hint").write_text("mind the sign\n")
    (package / "data/bad").mkdir()
    (package / "data/bad/letters.in").write_text("a b\n")
    for ext, text in ((".in", "1 2\n"), (".ans", "3\n"), (".out", "4\n")):
        (package / f"data/bad/wrong_sum{ext}").write_text(text)
    result = upgrade_package(package, tmp_path / "out")
    out = tmp_path / "out"
    assert parse_yaml((out / "data/secret/01.yaml").read_text()) == {
        "description": "two small numbers", "hint": "mind the sign"}
    assert not list((out / "data/secret").glob("01.desc"))
    assert (out / "data/invalid_input/letters.in").is_file()
    assert {p.name for p in (out / "data/invalid_output").iterdir()} == {
        "wrong_sum.in", "wrong_sum.ans", "wrong_sum.out"}
    assert not (out / "data/bad").exists() and not (out / "domjudge-problem.ini").exists()
    problem_yaml = parse_yaml((out / "problem.yaml").read_text())
    assert problem_yaml["name"] == "Sum of Two Integers"  # problem.yaml's own name wins
    assert problem_yaml["limits"]["time_limit"] == 3
    assert any("color: dropped" in n for n in result.notes)
    crash = {"permitted": ["AC", "RTE"], "required": ["RTE"]}
    assert parse_yaml((out / "submissions/submissions.yaml").read_text()) == {
        "memory_limit_exceeded/": crash, "output_limit_exceeded/": crash}
    hog, = [s for s in result.problem.submissions if s.path.name == "hog.py"]
    assert hog.expectations is not None and [
        (r.permitted, r.required) for r in hog.expectations.rules] == [
        (frozenset({"AC", "RTE"}), frozenset({"RTE"}))]


def test_domjudge_ini_keys_are_read_without_a_section() -> None:
    assert ini_keys("probid = 'A'\nname = \"Hello\"\ntimelimit = 2.5\n") == {
        "probid": "A", "name": "Hello", "timelimit": "2.5"}
