"""Test data: problemtools' order, answers, interaction samples, and validator flags per group."""

from __future__ import annotations

from pathlib import Path

import pytest

from appliance.problems.load import load_problem
from judge.validators.default import Flags
from tests.appliance.problems.test_load import make_package, package_errors

V2023 = "problem_format_version: 2023-07\nname: P\nuuid: 6f2b1c1e-3a4d-4c8e-9a51-2f0c8d7e5b10\n"


def pair(*names: str) -> dict[str, str]:
    """Input and answer files for each test name (relative to data/)."""
    return {f"{name}.{ext}": "" for name in names for ext in ("in", "ans")}


def test_legacy_validator_flags_in_testdata_yaml_apply_to_their_group(tmp_path: Path) -> None:
    problem = load_problem(make_package(tmp_path / "p", "name: P\n", {
        **pair("sample/1", "secret/a/1", "secret/b/1"),
        "secret/a/testdata.yaml": "output_validator_flags: float_tolerance 1e-6\n",
    }))
    assert problem.flags == Flags()
    assert problem.group_flags == {"secret/a/1": Flags(float_absolute_tolerance=1e-6,
                                                       float_relative_tolerance=1e-6)}
    assert problem.flags_for("secret/b/1") == Flags()


def test_group_flags_apply_to_the_tests_below_and_the_nearest_wins(tmp_path: Path) -> None:
    problem = load_problem(make_package(tmp_path / "p", "name: P\n", {
        **pair("secret/g/1", "secret/g/deep/1", "secret/g/deep/er/1", "secret/h/1"),
        "secret/testdata.yaml": "output_validator_flags: case_sensitive\n",
        "secret/g/deep/testdata.yaml": "output_validator_flags: space_change_sensitive\n",
        "secret/g/deep/er/testdata.yaml": "on_reject: continue\n",  # no flags: inherits
    }))
    case, space = Flags(case_sensitive=True), Flags(space_change_sensitive=True)
    assert problem.group_flags == {"secret/g/1": case, "secret/g/deep/1": space,
                                   "secret/g/deep/er/1": space, "secret/h/1": case}


def test_flags_at_data_root_are_the_problem_flags(tmp_path: Path) -> None:
    problem = load_problem(make_package(tmp_path / "p", "name: P\n", {
        **pair("sample/1", "secret/1"),
        "testdata.yaml": "output_validator_flags: case_sensitive\n",
    }))
    assert problem.flags == Flags(case_sensitive=True) and problem.group_flags == {}
    assert problem.validator_args == ("case_sensitive",)


def test_problem_yaml_flags_come_first_and_a_group_tolerance_overrides(tmp_path: Path) -> None:
    problem = load_problem(make_package(
        tmp_path / "p", "validator_flags: case_sensitive float_tolerance 1e-6\n", {
            **pair("secret/a/1", "secret/b/1"),
            "secret/a/testdata.yaml": "output_validator_flags: float_relative_tolerance 1e-3\n",
        }))
    assert problem.flags == Flags(True, False, 1e-6, 1e-6)
    assert problem.group_flags == {"secret/a/1": Flags(True, False, 1e-6, 1e-3)}
    assert problem.group_validator_args == {"secret/a/1": (
        "case_sensitive", "float_tolerance", "1e-6", "float_relative_tolerance", "1e-3")}


@pytest.mark.parametrize(("config", "flags"), [
    ("output_validator_args: [float_tolerance, '1e-4']\n", Flags(False, False, 1e-4, 1e-4)),
    ("output_validator_args: [float_absolute_tolerance, 0.5]\n", Flags(False, False, 0.5)),
    ("output_validator_args: case_sensitive space_change_sensitive\n", Flags(True, True)),
    ("output_validator_args: []\n", Flags()),
])
def test_2023_07_output_validator_args_are_a_list_or_a_string(tmp_path: Path, config: str,
                                                              flags: Flags) -> None:
    problem = load_problem(make_package(tmp_path / "p", V2023, {
        **pair("secret/g/1"), "secret/g/test_group.yaml": config}))
    assert problem.flags_for("secret/g/1") == flags


@pytest.mark.parametrize("config_file", ["testdata.yaml", "test_group.yaml"])
def test_2023_07_group_configuration_has_either_name(tmp_path: Path, config_file: str) -> None:
    problem = load_problem(make_package(tmp_path / "p", V2023, {
        **pair("secret/1"), config_file: "output_validator_args: [case_sensitive]\n"}))
    assert problem.flags == Flags(case_sensitive=True)


def test_legacy_package_may_give_2023_07_output_validator_args_with_a_warning(
        tmp_path: Path) -> None:
    problem = load_problem(make_package(tmp_path / "p", "name: P\n", {
        **pair("secret/1"), "testdata.yaml": "output_validator_args: [case_sensitive]\n"}))
    assert problem.flags == Flags(case_sensitive=True)
    assert any("data/testdata.yaml: output_validator_args: a key of the 2023-07 format in a "
               "legacy package: read all the same" in w for w in problem.warnings)


def test_2023_07_test_case_yaml_sets_that_test_s_arguments(tmp_path: Path) -> None:
    problem = load_problem(make_package(tmp_path / "p", V2023, {
        **pair("secret/1", "secret/2"),
        "secret/test_group.yaml": "output_validator_args: [case_sensitive]\n",
        "secret/2.yaml": "output_validator_args: [space_change_sensitive]\nhint: spaces\n",
    }))
    assert problem.group_flags == {"secret/1": Flags(case_sensitive=True),
                                   "secret/2": Flags(space_change_sensitive=True)}


def test_custom_validator_arguments_are_kept_not_parsed_as_flags(tmp_path: Path) -> None:
    problem = load_problem(make_package(
        tmp_path / "p", "validation: custom\nvalidator_flags: --strict\n", {
            **pair("secret/a/1", "secret/b/1"),
            "secret/a/testdata.yaml": "output_validator_flags: --tolerance 3\n",
        }, files={"output_validators/check/check.cpp": ""}))
    assert problem.flags == Flags() and problem.group_flags == {}
    assert problem.validator_args == ("--strict",)
    assert problem.group_validator_args == {"secret/a/1": ("--strict", "--tolerance", "3")}
    assert problem.validator_args_for("secret/b/1") == ("--strict",)


@pytest.mark.parametrize(("version", "tests", "line"), [
    ("name: P\n", {"secret/testdata.yaml": "output_validator_flags: fuzzy\n"},
     "secret/testdata.yaml: output_validator_flags: unknown validator flag 'fuzzy'"),
    ("name: P\n", {"secret/testdata.yaml": "output_validator_flag: case_sensitive\n"},
     "secret/testdata.yaml: unknown key 'output_validator_flag'"),
    ("name: P\n", {"testdata.yaml": "on_reject: stop\n"},
     "data/testdata.yaml: on_reject: must be one of 'break', 'continue', not 'stop'"),
    ("name: P\n", {"testdata.yaml": "output_validator_flags: [case_sensitive]\n"},
     "output_validator_flags: must be a string, or a map with name and flags"),
    ("name: P\n", {"testdata.yaml": "- not a map\n"},
     "data/testdata.yaml: must be a mapping of keys to values"),
    ("name: P\n", {"testdata.yaml": "a: [b\n"}, "data/testdata.yaml: not valid YAML: "),
    (V2023, {"secret/test_group.yaml": "output_validator_args: {case_sensitive: true}\n"},
     "secret/test_group.yaml: output_validator_args: must be a string or a list of strings"),
    (V2023, {"secret/test_group.yaml": "on_reject: stop\n"},
     "secret/test_group.yaml: on_reject: must be one of 'break', 'continue', not 'stop'"),
    (V2023, {"secret/1.yaml": "scoring: {score: 5}\n"}, "secret/1.yaml: unknown key 'scoring'"),
    (V2023, {"testdata.yaml": "", "test_group.yaml": ""},
     "data/test_group.yaml: both testdata.yaml and test_group.yaml: keep one"),
    (V2023, {"test_group.yaml": "output_validator_args: [a]\noutput_validator_flags: b\n"},
     "output_validator_args: give output_validator_args or output_validator_flags, not both"),
])
def test_broken_group_configuration_names_the_file_and_key(
        tmp_path: Path, version: str, tests: dict[str, str], line: str) -> None:
    lines = package_errors(make_package(tmp_path / "p", version, {**pair("secret/1"), **tests}))
    assert any(line in error for error in lines), lines


@pytest.mark.parametrize(("version", "tests", "warning"), [
    (V2023, {"test_group.yaml": "output_validator_flags: case_sensitive\n"},
     "data/test_group.yaml: output_validator_flags: renamed output_validator_args in 2023-07"),
    ("name: P\n", {"testdata.yaml": "output_validator_flags: {name: v, flags: case_sensitive}\n"},
     "output_validator_flags: names validator 'v', but Podium uses the package's one"),
    ("name: P\n", {"testdata.yaml": "accept_score: 2\n"},
     "data/testdata.yaml: accept_score: only used by scoring problems"),
    (V2023, {"secret/1.yaml": "args: [--fast]\n"},
     "secret/1.yaml: args: Podium does not pass arguments to submissions"),
    (V2023, {"secret/test_group.yaml": "on_reject: continue\n"},
     "secret/test_group.yaml: on_reject: a key of the legacy format in a 2023-07 package"),
])
def test_group_configuration_oddities_are_warnings(tmp_path: Path, version: str,
                                                   tests: dict[str, str], warning: str) -> None:
    problem = load_problem(make_package(tmp_path / "p", version, {**pair("secret/1"), **tests}))
    assert any(warning in w for w in problem.warnings), problem.warnings


def test_tests_are_ordered_per_folder_like_problemtools(tmp_path: Path) -> None:
    # problemtools sorts each folder's entry names, a test standing at its .ans file
    problem = load_problem(make_package(tmp_path / "p", "name: P\n", pair(
        "secret/b", "secret/a", "secret/a-x/1", "secret/10", "secret/9", "secret/B/1",
        "sample/2", "sample/1")))
    assert [t.name for t in problem.tests] == [
        "sample/1", "sample/2", "secret/10", "secret/9", "secret/B/1", "secret/a-x/1",
        "secret/a", "secret/b"]


def test_input_without_answer_is_an_error(tmp_path: Path) -> None:
    package = make_package(tmp_path / "p", "name: P\n",
                           {**pair("secret/1"), "secret/2.in": ""})
    assert package_errors(package) == [f"{package}/data/secret/2.in: has no answer file 2.ans"]


def test_interactive_tests_need_an_answer_file_too_but_it_may_be_empty(tmp_path: Path) -> None:
    files = {"output_validators/v.py": ""}
    interactive = "validation: custom interactive\n"
    package = make_package(tmp_path / "p", interactive, {"secret/1.in": "5\n"}, files=files)
    assert package_errors(package) == [f"{package}/data/secret/1.in: has no answer file 1.ans"]
    ok = make_package(tmp_path / "q", interactive, {"secret/1.in": "5\n", "secret/1.ans": ""},
                      files=files)
    assert [t.name for t in load_problem(ok).tests] == ["secret/1"]


def test_answer_without_input_is_a_warning(tmp_path: Path) -> None:
    problem = load_problem(make_package(tmp_path / "p", "name: P\n",
                                        {**pair("secret/1"), "secret/2.ans": ""}))
    assert [t.name for t in problem.tests] == ["secret/1"]
    assert f"{tmp_path}/p/data/secret/2.ans: has no input file 2.in" in problem.warnings


def test_interaction_samples_are_listed_and_need_no_input_or_answer(tmp_path: Path) -> None:
    problem = load_problem(make_package(tmp_path / "p", "validation: custom interactive\n", {
        **pair("secret/1"), "sample/2.interaction": "> 1\n< 2\n",
        "sample/1.interaction": "> 3\n< 4\n"}, files={"output_validators/v.py": ""}))
    assert [p.name for p in problem.sample_interactions] == ["1.interaction", "2.interaction"]
    assert [t.name for t in problem.tests] == ["secret/1"]
    assert not any("test group without test cases" in w for w in problem.warnings)


def test_interaction_sample_of_a_non_interactive_problem_is_a_warning(tmp_path: Path) -> None:
    problem = load_problem(make_package(tmp_path / "p", "name: P\n", {
        **pair("secret/1"), "sample/1.interaction": "> 1\n"}))
    assert any("neither interactive nor multi-pass" in w for w in problem.warnings)


@pytest.mark.parametrize(("version", "tests", "warning"), [
    ("name: P\n", pair("secret/1"), "data/sample: missing: the problem has no samples"),
    ("name: P\n", {**pair("secret/1"), "secret/empty/": ""},
     "secret/empty: test group without test cases"),
    ("name: P\n", {**pair("secret/1"), "extra/": ""}, "data/extra: not sample/ or secret/"),
    ("name: P\n", {**pair("secret/1", "top")}, "data/top.in: test data outside sample/"),
    (V2023, {**pair("secret/1", "secret/g/1")}, "data/secret: holds both test cases and test"),
    (V2023, {**pair("secret/1"), "secret/1.files/": ""}, "secret/1.files: Podium does not"),
])
def test_odd_test_data_layouts_are_warnings(tmp_path: Path, version: str,
                                            tests: dict[str, str], warning: str) -> None:
    problem = load_problem(make_package(tmp_path / "p", version, tests))
    assert any(warning in w for w in problem.warnings), problem.warnings


def test_2023_07_validation_folders_are_not_test_data(tmp_path: Path) -> None:
    problem = load_problem(make_package(tmp_path / "p", V2023, {
        **pair("sample/1", "secret/1", "invalid_output/1", "valid_output/1"),
        "invalid_input/1.in": ""}))
    assert [t.name for t in problem.tests] == ["sample/1", "secret/1"]
    assert not any("invalid" in w or "valid_output" in w for w in problem.warnings)


def test_hidden_files_are_skipped(tmp_path: Path) -> None:
    problem = load_problem(make_package(tmp_path / "p", "name: P\n", {
        **pair("secret/1"), "secret/.2.in": "", ".hidden/1.in": ""}))
    assert [t.name for t in problem.tests] == ["secret/1"]
