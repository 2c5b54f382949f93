"""Statements, output and input validators, and judges' submissions with their expected outcomes."""

from __future__ import annotations

from pathlib import Path

import pytest

from appliance.problems.load import load_problem
from tests.appliance.problems.test_load import make_package, package_errors

V2023 = "problem_format_version: 2023-07\nname: P\nuuid: 6f2b1c1e-3a4d-4c8e-9a51-2f0c8d7e5b10\n"


@pytest.mark.parametrize(("version", "files", "statements"), [
    ("name: P\n", ["problem_statement/problem.tex"], {"en": "problem.tex"}),
    ("name: P\n", ["problem_statement/problem.en.tex", "problem_statement/problem.sv.pdf",
                   "problem_statement/figure.png"],
     {"en": "problem.en.tex", "sv": "problem.sv.pdf"}),
    (V2023, ["statement/problem.en.md", "statement/problem.pt-BR.tex",
             "statement/problem.fil.md"],
     {"en": "problem.en.md", "pt-BR": "problem.pt-BR.tex", "fil": "problem.fil.md"}),
    (V2023, ["statement/problem.en.tex", "statement/problem.en.md"], {"en": "problem.en.md"}),
    (V2023, ["statement/problem.md"], {"en": "problem.md"}),
    (V2023, ["problem_statement/problem.en.md"], {"en": "problem.en.md"}),  # other version's
    ("name: P\n", ["statement/problem.en.tex"], {"en": "problem.en.tex"}),
    (V2023, ["statement/problem.EN.md", "statement/notes.md"], {}),
])
def test_statements_by_language_in_either_version_s_folder(
        tmp_path: Path, version: str, files: list[str], statements: dict[str, str]) -> None:
    problem = load_problem(make_package(tmp_path / "p", version,
                                        files={name: "" for name in files}))
    assert {lang: path.name for lang, path in problem.statements.items()} == statements


@pytest.mark.parametrize(("version", "files", "warning"), [
    (V2023, ["problem_statement/problem.en.md"],
     "problem_statement: a 2023-07 package keeps statements in statement/: read instead"),
    ("name: P\n", ["problem_statement/problem.en.tex", "statement/problem.en.md"],
     "statement: a legacy package keeps statements in problem_statement/: ignored"),
    (V2023, ["statement/problem.md"], "problem.md: needs a language code in 2023-07"),
    ("name: P\n", ["problem_statement/problem.en.md"], "Markdown statements are a 2023-07"),
    (V2023, ["statement/problem.en.tex", "statement/problem.en.md"],
     "problem.en.tex: a second statement in language en: problem.en.md is used"),
    (V2023, [], "statement: no problem statement"),
])
def test_statement_oddities_are_warnings(tmp_path: Path, version: str, files: list[str],
                                         warning: str) -> None:
    problem = load_problem(make_package(tmp_path / "p", version,
                                        files={name: "" for name in files}))
    assert any(warning in w for w in problem.warnings), problem.warnings


@pytest.mark.parametrize(("version", "files", "validator"), [
    ("name: P\n", [], None),
    ("validation: custom\n", ["output_validators/check/check.cpp",
                              "output_validators/check/testlib.h"], "output_validators/check"),
    ("validation: custom\n", ["output_validators/check.py"], "output_validators/check.py"),
    ("validation: custom\n", ["output_validators/check.cpp", "output_validators/testlib.h"],
     "output_validators"),
    ("validation: custom\n", ["output_validators/b/b.py", "output_validators/a/a.py"],
     "output_validators/a"),
    ("validation: default\n", ["output_validators/check.py"], None),
    (V2023, [], None),
    (V2023, ["output_validator/check.cpp", "output_validator/testlib.h"], "output_validator"),
    (V2023, ["output_validator/check.py"], "output_validator"),
    (V2023, ["output_validators/check.py"], "output_validators/check.py"),  # other version's
])
def test_output_validator_is_the_folder_or_file_holding_its_sources(
        tmp_path: Path, version: str, files: list[str], validator: str | None) -> None:
    package = make_package(tmp_path / "p", version, files={name: "" for name in files})
    found = load_problem(package).output_validator
    assert found == (package / validator if validator else None)


@pytest.mark.parametrize(("version", "files", "warning"), [
    ("validation: default\n", ["output_validators/check.py"],
     "check.py: problem.yaml says validation: default, so this validator is not used"),
    ("validation: custom\n", ["output_validators/b/b.py", "output_validators/a/a.py"],
     "output_validators: several programs: Podium uses a"),
    (V2023, ["output_validators/check.py"],
     "output_validators: a 2023-07 package keeps its output validator in output_validator/"),
])
def test_output_validator_oddities_are_warnings(tmp_path: Path, version: str, files: list[str],
                                                warning: str) -> None:
    problem = load_problem(make_package(tmp_path / "p", version,
                                        files={name: "" for name in files}))
    assert any(warning in w for w in problem.warnings), problem.warnings


@pytest.mark.parametrize(("version", "line"), [
    ("validation: custom\n",
     "problem.yaml: validation: 'custom', but output_validators/ holds no validator"),
    ("validation: custom interactive\n",
     "problem.yaml: validation: 'custom', but output_validators/ holds no validator"),
    (V2023 + "type: interactive\n", "problem.yaml: type: an interactive problem needs a "
     "custom output validator in output_validator/"),
    (V2023 + "type: multi-pass\n", "problem.yaml: type: a multi-pass problem needs a custom "
     "output validator in output_validator/"),
])
def test_custom_validation_without_a_validator_is_an_error(tmp_path: Path, version: str,
                                                           line: str) -> None:
    package = make_package(tmp_path / "p", version, files={"output_validators/": ""}
                           if version.startswith("validation") else None)
    assert package_errors(package) == [f"{package}/{line}"]


@pytest.mark.parametrize(("files", "validators"), [
    (["input_validators/b.ctd", "input_validators/a/a.cpp", "input_validators/a/lib.h"],
     ["input_validators/a", "input_validators/b.ctd"]),
    (["input_format_validators/v.py"], ["input_format_validators/v.py"]),
    (["input_validators/w.py", "input_format_validators/v.py"],
     ["input_validators/w.py", "input_format_validators/v.py"]),
    ([], []),
])
def test_input_validators_are_each_file_or_folder(tmp_path: Path, files: list[str],
                                                  validators: list[str]) -> None:
    package = make_package(tmp_path / "p", "name: P\n", files={name: "" for name in files})
    assert load_problem(package).input_validators == tuple(package / v for v in validators)


@pytest.mark.parametrize(("files", "warning"), [
    (["input_format_validators/v.py"], "input_format_validators: a deprecated name"),
    ([], "input_validators: no input validator (the format requires one)"),
])
def test_input_validator_oddities_are_warnings(tmp_path: Path, files: list[str],
                                               warning: str) -> None:
    problem = load_problem(make_package(tmp_path / "p", "name: P\n",
                                        files={name: "" for name in files}))
    assert any(warning in w for w in problem.warnings), problem.warnings


@pytest.mark.parametrize(("version", "folder", "verdicts"), [
    ("name: P\n", "accepted", {"AC"}),
    ("name: P\n", "wrong_answer", {"WA"}),
    ("name: P\n", "time_limit_exceeded", {"TLE"}),
    ("name: P\n", "run_time_error", {"RTE", "MLE"}),  # running out of memory is a crash
    ("type: scoring\n", "partially_accepted", {"AC", "WA", "TLE", "RTE", "MLE"}),
    ("name: P\n", "memory_limit_exceeded", {"MLE"}),
    ("name: P\n", "output_limit_exceeded", {"OLE"}),
    ("name: P\n", "compile_error", {"CE"}),
    (V2023, "accepted", {"AC"}),
    (V2023, "rejected", {"WA", "TLE", "RTE", "MLE", "OLE"}),
    (V2023, "brute_force", {"TLE", "RTE", "MLE"}),
    (V2023, "run_time_error", {"RTE", "MLE"}),
])
def test_submission_folder_says_which_verdicts_it_allows(tmp_path: Path, version: str,
                                                         folder: str, verdicts: set[str]) -> None:
    package = make_package(tmp_path / "p", version,
                           files={f"submissions/{folder}/x.py": "", "submissions/accepted/a.c": ""})
    found = {s.expected: s.accepted_verdicts for s in load_problem(package).submissions}
    assert found[folder] == verdicts


def test_submissions_are_files_or_folders_in_name_order(tmp_path: Path) -> None:
    package = make_package(tmp_path / "p", "name: P\n", files={
        "submissions/wrong_answer/w.py": "", "submissions/accepted/multi/main.py": "",
        "submissions/accepted/multi/util.py": "", "submissions/accepted/a.cpp": "",
        "submissions/accepted/.DS_Store": ""})
    found = [(s.expected, s.path) for s in load_problem(package).submissions]
    assert found == [("accepted", package / "submissions/accepted/a.cpp"),
                     ("accepted", package / "submissions/accepted/multi"),
                     ("wrong_answer", package / "submissions/wrong_answer/w.py")]


@pytest.mark.parametrize(("version", "files", "warning"), [
    ("name: P\n", ["submissions/rejected/r.py"], "submissions/rejected: unknown expected outcome"),
    (V2023, ["submissions/partially_accepted/p.py"],
     "submissions/partially_accepted: only for scoring problems"),
    (V2023, ["submissions/submissions.yaml"], "submissions.yaml: not read"),
    ("name: P\n", ["submissions/stray.py"], "submissions/stray.py: not in a folder named by"),
    ("name: P\n", ["submissions/wrong_answer/w.py"], "no accepted submission"),
    ("name: P\n", ["submissions/partially_accepted/p.py"],
     "submissions/partially_accepted: only for scoring problems"),
])
def test_submission_oddities_are_warnings(tmp_path: Path, version: str, files: list[str],
                                          warning: str) -> None:
    problem = load_problem(make_package(tmp_path / "p", version,
                                        files={name: "" for name in files}))
    assert any(warning in w for w in problem.warnings), problem.warnings


def test_submissions_in_unknown_folders_are_not_listed(tmp_path: Path) -> None:
    problem = load_problem(make_package(tmp_path / "p", V2023, files={
        "submissions/accepted/a.py": "", "submissions/mixed/m.py": ""}))
    assert [s.expected for s in problem.submissions] == ["accepted"]
