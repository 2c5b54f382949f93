"""problem.yaml: format versions, problem types, names, credits, and unknown or wrong keys."""

from __future__ import annotations

from pathlib import Path

import pytest

from appliance.problems.load import load_problem
from tests.appliance.problems.test_load import make_package, package_errors

UUID = "uuid: 6f2b1c1e-3a4d-4c8e-9a51-2f0c8d7e5b10\n"
V2023 = "problem_format_version: 2023-07\nname: P\n" + UUID
VALIDATOR = {"output_validators/check.py": ""}


@pytest.mark.parametrize(("yaml_text", "version"), [
    ("name: P\n", "legacy"),
    ("problem_format_version: legacy\n", "legacy"),
    ("problem_format_version: legacy-icpc\n", "legacy"),
    ("problem_format_version: 2023-07-draft\n", "2023-07"),
    ("problem_format_version: 2023-07\n", "2023-07"),
])
def test_format_version_names_legacy_or_2023_07(tmp_path: Path, yaml_text: str,
                                                 version: str) -> None:
    assert load_problem(make_package(tmp_path / "p", yaml_text)).format_version == version


def test_unknown_format_version_is_an_error(tmp_path: Path) -> None:
    lines = package_errors(make_package(tmp_path / "p", "problem_format_version: 2099-01\n"))
    assert len(lines) == 1 and "problem_format_version: must be one of legacy, " in lines[0]


@pytest.mark.parametrize(("yaml_text", "files", "interactive", "scoring", "multi_pass"), [
    ("name: P\n", {}, False, False, False),
    ("type: pass-fail\n", {}, False, False, False),
    ("type: scoring\n", {}, False, True, False),
    ("validation: default\n", {}, False, False, False),
    ("validation: custom\n", VALIDATOR, False, False, False),
    ("validation: custom interactive\n", VALIDATOR, True, False, False),
    ("type: scoring\nvalidation: custom interactive score\n", VALIDATOR, True, True, False),
    ("validation: custom multi-pass\n", VALIDATOR, False, False, True),
    (V2023, {}, False, False, False),
    (V2023 + "type: scoring\n", {}, False, True, False),
    (V2023 + "type: interactive\n", {"output_validator/v.py": ""}, True, False, False),
    (V2023 + "type: [scoring, interactive, multi-pass]\n", {"output_validator/v.py": ""},
     True, True, True),
])
def test_problem_type_from_legacy_validation_or_2023_07_type(
        tmp_path: Path, yaml_text: str, files: dict[str, str], interactive: bool,
        scoring: bool, multi_pass: bool) -> None:
    problem = load_problem(make_package(tmp_path / "p", yaml_text, files=files))
    assert (problem.interactive, problem.scoring, problem.multi_pass) == (
        interactive, scoring, multi_pass)


@pytest.mark.parametrize(("yaml_text", "line"), [
    ("type: interactive\n", "type: must be one of 'pass-fail', 'scoring', not 'interactive'"),
    ("validation: strict\n", "validation: must start with 'default' or 'custom', not 'strict'"),
    ("validation: default interactive\n", "validation: 'default' takes no more words"),
    ("validation: custom fancy\n", "validation: unknown word 'fancy'"),
    ("validation: custom\n", "validation: 'custom', but output_validators/ holds no validator"),
    (V2023 + "type: [pass-fail, scoring]\n", "type: 'pass-fail' and 'scoring' cannot be combined"),
    (V2023 + "type: [interactive, submit-answer]\n",
     "type: 'interactive' and 'submit-answer' cannot be combined"),
    (V2023 + "type: [scoring, scoring]\n", "type: lists a type twice"),
    (V2023 + "type: []\n", "type: must be one of pass-fail, "),
    (V2023 + "type: puzzle\n", "type: must be one of pass-fail, "),
    (V2023 + "type: interactive\n",
     "type: an interactive problem needs a custom output validator in output_validator/"),
])
def test_wrong_problem_type_is_an_error(tmp_path: Path, yaml_text: str, line: str) -> None:
    lines = package_errors(make_package(tmp_path / "p", yaml_text))
    assert any(line in error for error in lines), lines


@pytest.mark.parametrize(("yaml_text", "files", "names", "name"), [
    ("name: Sum\n", {}, {"en": "Sum"}, "Sum"),
    ("name: Summa\n", {"problem_statement/problem.sv.tex": ""}, {"sv": "Summa"}, "Summa"),
    ("name: {sv: Summa, en: Sum}\n", {}, {"sv": "Summa", "en": "Sum"}, "Sum"),
    ("name: {sv: Summa, de: Summe}\n", {}, {"sv": "Summa", "de": "Summe"}, "Summa"),
    ("source: S\n", {"problem_statement/problem.tex": "\\problemname{Sum}\n"},
     {"en": "Sum"}, "Sum"),
    ("source: S\n", {"problem_statement/problem.en.tex":
                     "%% plainproblemname: Sum\n\\problemname{$\\Sigma$}\n"}, {"en": "Sum"}, "Sum"),
    ("name: Sum\n", {"problem_statement/problem.en.tex": "\\problemname{Total}\n",
                     "problem_statement/problem.sv.tex": "\\problemname{Summa}\n"},
     {"en": "Sum", "sv": "Summa"}, "Sum"),
    ("source: S\n", {}, {}, "p"),
    ("problem_format_version: 2023-07\nname: Sum\n", {}, {"en": "Sum"}, "Sum"),
    ("problem_format_version: 2023-07\nname: {pt-BR: Soma, en: Sum}\n", {},
     {"pt-BR": "Soma", "en": "Sum"}, "Sum"),
])
def test_names_per_language_and_the_english_name(tmp_path: Path, yaml_text: str,
                                                  files: dict[str, str], names: dict[str, str],
                                                  name: str) -> None:
    problem = load_problem(make_package(tmp_path / "p", yaml_text, files=files))
    assert problem.names == names and problem.name == name


@pytest.mark.parametrize(("yaml_text", "field", "value"), [
    ("author: Ada and Alan\n", "authors", "Ada and Alan"),
    (V2023 + "credits: Ada <ada@example.org>\n", "authors", "Ada <ada@example.org>"),
    (V2023 + "credits:\n  authors: [Ada, {name: Alan, orcid: 0000-0001}]\n  testers: Bob\n",
     "authors", ["Ada", {"name": "Alan", "orcid": "0000-0001"}]),
    (V2023 + "credits: {testers: Bob}\n", "authors", None),
    ("source: NWERC 2024\nsource_url: https://nwerc.example\n", "source", "NWERC 2024"),
    (V2023 + "source: [NWERC 2024, {name: SWERC, url: https://swerc.example}]\n", "source",
     ["NWERC 2024", {"name": "SWERC", "url": "https://swerc.example"}]),
    ("license: cc by\nrights_owner: ICPC\n", "rights_owner", "ICPC"),
    ("license: public domain\n", "license", "public domain"),
    (V2023, "uuid", "6f2b1c1e-3a4d-4c8e-9a51-2f0c8d7e5b10"),
])
def test_archive_keys_are_kept_as_given(tmp_path: Path, yaml_text: str, field: str,
                                        value: object) -> None:
    assert getattr(load_problem(make_package(tmp_path / "p", yaml_text)), field) == value


@pytest.mark.parametrize(("yaml_text", "line"), [
    ("nmae: P\n", "unknown key 'nmae'"),
    (V2023 + "validator_flag: case_sensitive\n", "unknown key 'validator_flag'"),
    ("languages: 5\n", "languages: must be a language code or a non-empty list of them"),
    (V2023 + "validation: custom\n", "validation: 'custom', but output_validator/ holds no"),
    (V2023 + "validator_flags: fuzzy\n", "validator_flags: unknown validator flag 'fuzzy'"),
    ("grading: {objective: best}\n", "grading.objective: must be one of 'min', 'max'"),
    ("grading: {partial: true}\n", "grading: unknown key 'grading.partial'"),
    ("license: mit\n", "license: must be one of 'unknown', 'public domain'"),
    ("name: [A, B]\n", "name: must be a string or a map of language codes to strings"),
    ("name: 2048\n", "name: must be a string or a map of language codes to strings, not 2048"),
    ("validator_flags: [case_sensitive]\n", "validator_flags: must be a string"),
    ("keywords: [a, b]\n", "keywords: must be a string"),
    (V2023 + "credits: {authors: [Ada], coach: Bob}\n", "credits: unknown key 'credits.coach'"),
    (V2023 + "credits: {authors: [{email: a@b.c}]}\n", "credits.authors: must be a person"),
    (V2023 + "credits: {translators: {de: [5]}}\n", "credits.translators.de: must be a person"),
    (V2023 + "credits: [Ada]\n", "credits: must be a string or a mapping"),
    (V2023 + "source: {url: https://x.example}\n", "source: must be a string or a map"),
    (V2023 + "embargo_until: soon\n", "embargo_until: must be a date"),
    (V2023 + "allow_file_writing: maybe\n", "allow_file_writing: must be true or false"),
    (V2023 + "keywords: [graphs, 5]\n", "keywords: must be a string or a list of strings"),
])
def test_unknown_keys_and_wrong_types_are_errors_naming_the_key(tmp_path: Path, yaml_text: str,
                                                                 line: str) -> None:
    lines = package_errors(make_package(tmp_path / "p", yaml_text))
    assert any(f"problem.yaml: {line}" in error for error in lines), lines


@pytest.mark.parametrize(("yaml_text", "files", "warning", "field", "value"), [
    ("credits: Ada\n", {}, "credits: a 2023-07 key in a legacy package", "authors", "Ada"),
    ("languages: [cpp]\n", {}, "languages: a 2023-07 key in a legacy package", "name", "p"),
    (V2023 + "validator_flags: case_sensitive\n", {},
     "validator_flags: a legacy key in a 2023-07 package (which says output_validator_args",
     "validator_args", ("case_sensitive",)),
    (V2023 + "validation: custom interactive\n", {"output_validators/v.py": ""},
     "validation: a legacy key in a 2023-07 package", "interactive", True),
    (V2023 + "validation: custom\n", {"output_validator/v.py": ""},
     "validation: a legacy key in a 2023-07 package", "output_validator", "output_validator"),
    (V2023 + "author: Ada\n", {}, "author: a legacy key in a 2023-07 package (which says "
     "credits): read as in legacy", "authors", "Ada"),
])
def test_the_other_version_s_keys_are_read_with_a_warning(
        tmp_path: Path, yaml_text: str, files: dict[str, str], warning: str, field: str,
        value: object) -> None:
    package = make_package(tmp_path / "p", yaml_text, files=files)
    problem = load_problem(package)
    assert any(f"problem.yaml: {warning}" in w for w in problem.warnings), problem.warnings
    got = getattr(problem, field)
    assert (got.relative_to(package).as_posix() if isinstance(got, Path) else got) == value


def test_2023_07_keys_are_accepted(tmp_path: Path) -> None:
    problem = load_problem(make_package(tmp_path / "p", V2023 + (
        "version: 1.2\nembargo_until: 2030-01-01\nkeywords: [graphs]\nlanguages: all\n"
        "allow_file_writing: false\nconstants: {max_n: 1000}\nlicense: cc by\n"
        "credits: {authors: Ada, translators: {de: [Bob]}}\n")))
    assert problem.license == "cc by" and problem.authors == "Ada"


@pytest.mark.parametrize(("yaml_text", "warning"), [
    ("license: public domain\nrights_owner: ICPC\n",
     "rights_owner: must not be set for a public-domain problem"),
    ("license: cc by\n", "rights_owner: license 'cc by' needs a rights owner"),
    ("uuid: not-a-uuid\n", "uuid: not a UUID: 'not-a-uuid'"),
    ("problem_format_version: 2023-07\nname: P\n", "uuid: missing"),
    ("problem_format_version: 2023-07\nuuid: 6f2b1c1e-3a4d-4c8e-9a51-2f0c8d7e5b10\n",
     "name: missing"),
    ("validation: custom multi-pass\n", "validation: 'multi-pass' is not a word of the legacy"),
    ("validation: custom score\n", "validation: 'score' is only for scoring problems"),
    ("grading: {objective: min}\n", "grading: only used by scoring problems"),
    (V2023 + "type: submit-answer\n", "type: Podium cannot judge submit-answer problems"),
])
def test_archive_and_type_oddities_are_warnings(tmp_path: Path, yaml_text: str,
                                                warning: str) -> None:
    problem = load_problem(make_package(tmp_path / "p", yaml_text, files=VALIDATOR))
    assert any(f"problem.yaml: {warning}" in w for w in problem.warnings), problem.warnings


def test_2023_07_names_must_match_the_statement_languages(tmp_path: Path) -> None:
    problem = load_problem(make_package(
        tmp_path / "p", "problem_format_version: 2023-07\nname: {en: Sum, de: Summe}\n" + UUID,
        files={"statement/problem.en.md": ""}))
    assert any("name: languages ['de', 'en'] differ from the statements' ['en']" in w
               for w in problem.warnings)
