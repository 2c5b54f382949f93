"""problem.yaml and test_group.yaml at format version 2025-09, as its specification states
them: every key with its type and default, null as absent, constants and where they apply."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from appliance.problems.constants import (
    read_constants,
    substitute,
    substitute_latex,
    unknown_sequences,
    with_constants,
)
from appliance.problems.load import load_problem
from appliance.problems.meta import Person, Source
from appliance.problems.report import Report
from appliance.statements.render import render_statement
from judge.languages import load_languages
from judge.limits import MiB
from judge.programs import source_from_path
from tests.appliance.problems.test_load import make_package, package_errors
from tests.paths import FIXTURES

PACKAGE = FIXTURES / "packages" / "yaml2025"
V2025 = "problem_format_version: 2025-09\nname: P\nuuid: 6f2b1c1e-3a4d-4c8e-9a51-2f0c8d7e5b10\n"
CUSTOM = {"output_validator/check.py": ""}


def yaml_warnings(problem) -> list[str]:
    """The warnings about YAML files (a bare package also lacks statement and submissions)."""
    return [w for w in problem.warnings if ".yaml:" in w]


def test_format_version_2025_09_is_read_as_itself(tmp_path: Path) -> None:
    problem = load_problem(make_package(tmp_path / "p", V2025))
    assert problem.format_version == "2025-09"
    assert not yaml_warnings(problem)


def test_every_problem_yaml_key_of_the_spec_is_read() -> None:
    problem = load_problem(PACKAGE)
    meta = problem.metadata
    assert (problem.name, problem.uuid, meta.package_version) == \
        ("Bounded Sum", "0b6c1a52-7d0e-4d51-9f5e-7c1d2a3b4c5d", "1.2")
    assert meta.credits["authors"] == (Person("Ada Lovelace", "ada@example.org"),)
    assert meta.credits["contributors"] == (
        Person("Charles Babbage"),
        Person("Mary Somerville", "mary@example.org", orcid="0000-0001-7414-8743"))
    assert meta.credits["testers"] == (Person("Grace Hopper", "grace@example.org"),)
    assert meta.credits["packagers"] == (Person("Alan Turing"),)
    assert meta.credits["acknowledgements"] == (Person("Emmy Noether"), Person("Hypatia"))
    assert meta.translators == {"sv": (Person("Sofia Kovalevskaya"),)}
    assert meta.sources == (Source("Podium Spring Contest 2025", "https://contest.example/2025"),
                            Source("Podium Autumn Contest 2025"))
    assert (problem.license, problem.rights_owner) == ("cc by-sa", "The Podium authors")
    assert meta.embargo_until == datetime.datetime(2025, 10, 1, 12, tzinfo=datetime.UTC)
    assert problem.keywords == ("arithmetic", "constants")
    assert meta.languages == ("python3", "c", "cpp") and meta.allow_file_writing is False
    assert problem.constants == {"max_value": {"value": "1000", "tex": "1\\,000"},
                                 "answer_word": {"value": "sum"}}
    rule = problem.time_rule
    assert (rule.ac_to_time_limit, rule.time_limit_to_tle, rule.time_resolution,
            rule.time_limit) == (2.5, 1.5, 0.5, 2.0)
    limits = problem.limits
    assert (limits.time, limits.memory, limits.output) == (2.0, 512 * MiB, 8 * MiB)
    assert (limits.compile_time, limits.compile_memory) == (60, 1024 * MiB)
    extra = problem.package_limits
    assert (extra.code, extra.validation_time, extra.validation_memory,
            extra.validation_output) == (128 * 1024, 30, 1024 * MiB, 8 * MiB)
    assert not problem.warnings, problem.warnings


def test_defaults_when_problem_yaml_says_nothing_more(tmp_path: Path) -> None:
    problem = load_problem(make_package(tmp_path / "p", V2025))
    meta = problem.metadata
    assert not (problem.interactive or problem.scoring or problem.multi_pass)
    assert problem.license == "unknown" and meta.languages is None
    assert meta.allow_file_writing is False and problem.constants == {}
    rule = problem.time_rule
    assert (rule.ac_to_time_limit, rule.time_limit_to_tle, rule.time_resolution) == \
        (2.0, 1.5, 1.0)
    assert problem.package_limits.validation_passes == 2


@pytest.mark.parametrize(("type_", "interactive", "scoring", "multi_pass"), [
    ("pass-fail", False, False, False),
    ("scoring", False, True, False),
    ("interactive", True, False, False),
    ("multi-pass", False, False, True),
    ("[interactive, multi-pass]", True, False, True),
    ("[scoring, interactive, multi-pass]", True, True, True),
    ("[pass-fail, multi-pass]", False, False, True),
])
def test_type_is_a_string_or_a_list_of_compatible_types(tmp_path: Path, type_: str,
                                                        interactive: bool, scoring: bool,
                                                        multi_pass: bool) -> None:
    files = CUSTOM if interactive or multi_pass else {}
    problem = load_problem(make_package(tmp_path / "p", V2025 + f"type: {type_}\n", files=files))
    assert (problem.interactive, problem.scoring, problem.multi_pass) == \
        (interactive, scoring, multi_pass)


@pytest.mark.parametrize(("type_", "line"), [
    ("[pass-fail, scoring]", "type: 'pass-fail' and 'scoring' cannot be combined"),
    ("[submit-answer, interactive]", "'interactive' and 'submit-answer' cannot be combined"),
    ("[multi-pass, submit-answer]", "'multi-pass' and 'submit-answer' cannot be combined"),
    ("[scoring, scoring]", "type: lists a type twice"),
    ("[]", "type: must be one of"),
    ("batch", "type: must be one of"),
])
def test_incompatible_or_unknown_types_are_errors(tmp_path: Path, type_: str, line: str) -> None:
    lines = package_errors(make_package(tmp_path / "p", V2025 + f"type: {type_}\n",
                                        files=CUSTOM))
    assert any(line in error for error in lines), lines


@pytest.mark.parametrize(("yaml_text", "line"), [
    ("colour: red\n", "problem.yaml: unknown key 'colour'"),
    ("credits: {authors: [], reviewers: X}\n", "problem.yaml: credits: unknown key"),
    ("credits: {authors: 5}\n", "problem.yaml: credits.authors: must be a person"),
    ("credits: {translators: {da: [5]}}\n", "problem.yaml: credits.translators.da: must be"),
    ("source: {url: https://x.example}\n", "problem.yaml: source: must be a string or a map"),
    ("license: mit\n", "problem.yaml: license: must be one of"),
    ("rights_owner: [A]\n", "problem.yaml: rights_owner: must be a string"),
    ("embargo_until: soon\n", "problem.yaml: embargo_until: must be a date"),
    ("embargo_until: '2025-13-45'\n", "problem.yaml: embargo_until: must be a date"),
    ("keywords: {a: b}\n", "problem.yaml: keywords: must be a string or a list"),
    ("languages: []\n", "problem.yaml: languages: must be a language code"),
    ("allow_file_writing: sometimes\n", "problem.yaml: allow_file_writing: must be true"),
    ("constants: [1, 2]\n", "problem.yaml: constants: must be a mapping"),
    ("constants: {2x: 1}\n", "problem.yaml: constants.2x: a constant's name must match"),
    ("constants: {k: {tex: '5'}}\n", "problem.yaml: constants.k: must be an integer"),
    ("constants: {k: [1]}\n", "problem.yaml: constants.k: must be an integer"),
    ("limits: {time_limit: -1}\n", "problem.yaml: limits.time_limit: must be a positive"),
    ("limits: {memory: 1.5}\n", "problem.yaml: limits.memory: must be a positive integer"),
    ("limits: {time_resolution: 0}\n", "problem.yaml: limits.time_resolution: must be"),
    ("limits: {time_multipliers: {ac_to_time_limit: 0.5}}\n",
     "problem.yaml: limits.time_multipliers.ac_to_time_limit: must be a number >= 1"),
    ("limits: {time_multipliers: {slack: 2}}\n", "unknown key 'limits.time_multipliers.slack'"),
    ("limits: {validation_output: big}\n", "problem.yaml: limits.validation_output: must be"),
    ("limits: {validation_passes: 1}\n", "problem.yaml: limits.validation_passes: must be"),
    ("limits: {time_limit: 1.3, time_resolution: 0.5}\n",
     "problem.yaml: limits.time_limit: 1.3 s is not a whole multiple of time_resolution"),
])
def test_wrong_types_and_unknown_keys_are_errors_naming_file_and_key(
        tmp_path: Path, yaml_text: str, line: str) -> None:
    lines = package_errors(make_package(tmp_path / "p", V2025 + yaml_text))
    assert any(line in error for error in lines), lines


def test_time_limit_off_the_resolution_is_only_a_2025_09_rule(tmp_path: Path) -> None:
    text = "problem_format_version: 2023-07\nlimits: {time_limit: 1.3, time_resolution: 0.5}\n"
    assert load_problem(make_package(tmp_path / "p", text)).limits.time == 1.3
    ok = V2025 + "limits: {time_limit: 0.3, time_resolution: 0.1}\n"  # float noise is no error
    assert load_problem(make_package(tmp_path / "q", ok)).limits.time == 0.3


@pytest.mark.parametrize("yaml_text", [
    "source_url:\nsource:\nrights_owner:\nauthor:\nname: P\n",  # legacy, as issue 20 found
    "problem_format_version:\nsource:\n",
    V2025 + "source:\nrights_owner:\ncredits:\nkeywords:\nconstants:\nlimits:\n",
    V2025 + "credits: {authors: A, testers: }\nlimits: {memory: , time_multipliers: }\n",
])
def test_optional_keys_left_empty_are_absent(tmp_path: Path, yaml_text: str) -> None:
    problem = load_problem(make_package(tmp_path / "p", yaml_text))
    assert problem.source is None and problem.rights_owner is None


def test_a_person_written_with_a_broken_email_is_a_warning(tmp_path: Path) -> None:
    problem = load_problem(make_package(tmp_path / "p", V2025 + "credits: Ada <ada at home\n"))
    assert problem.metadata.credits["authors"] == (Person("Ada <ada at home"),)
    assert any("credits.authors: 'Ada <ada at home': a person is" in w for w in problem.warnings)


def test_legacy_keys_in_a_2025_09_package_are_read_with_a_warning_saying_the_new_way(
        tmp_path: Path) -> None:
    problem = load_problem(make_package(tmp_path / "p", V2025 + "author: Ada\n"))
    assert problem.metadata.credits == {"authors": (Person("Ada"),)}
    assert any("author: a legacy key: 2025-09 says credits.authors" in w
               for w in problem.warnings)


# Constants: the specification's "Constants" section.

CONSTANTS = {"k": {"value": "5000000", "tex": "5,000,000", "sci": "5 \\cdot 10^6"},
             "name": {"value": "Alice"}}


@pytest.mark.parametrize(("text", "replaced"), [
    ("n <= {{k}}", "n <= 5000000"),
    ("n <= {{k.value}}", "n <= 5000000"),
    ("$n \\le {{k.tex}}$ or ${{k.sci}}$", "$n \\le 5,000,000$ or $5 \\cdot 10^6$"),
    ("{{name}}{{name}}", "AliceAlice"),
    ("{{missing}} and {{k.nope}} stay", "{{missing}} and {{k.nope}} stay"),
    ("{{ k }} is not a sequence", "{{ k }} is not a sequence"),
    ("{{nextsample}}", "{{nextsample}}"),
])
def test_constant_sequences_are_replaced_and_unknown_ones_kept(text: str, replaced: str) -> None:
    assert substitute(text, CONSTANTS) == replaced


def test_latex_statements_say_constant() -> None:
    text = "$n \\le \\constant{k.tex}$, \\constant{name}, \\constant{other}"
    assert substitute_latex(text, CONSTANTS) == "$n \\le 5,000,000$, Alice, \\constant{other}"


def test_unknown_sequences_are_listed() -> None:
    assert unknown_sequences("{{k}} {{k.tex}} {{k.nope}} {{x}}", CONSTANTS) == \
        ["{{k.nope}}", "{{x}}"]


def test_constants_are_read_as_text_with_their_variants() -> None:
    report = Report()
    raw = {"a": 5, "b": 0.25, "c": "word", "d": {"value": 7, "tex": "7", "v2": 8}}
    assert read_constants(raw, Path("problem.yaml"), report, strict=True) == {
        "a": {"value": "5"}, "b": {"value": "0.25"}, "c": {"value": "word"},
        "d": {"value": "7", "tex": "7", "v2": "8"}}
    assert report.warnings == ["problem.yaml: constants.d.v2: '8' seems not to be the value '7'"]
    assert not report.errors


def test_a_variant_grouping_digits_differently_is_a_warning(tmp_path: Path) -> None:
    text = V2025 + "constants: {k: {value: 5000000, tex: '5,000,001', ok: '5\\,000\\,000'}}\n"
    problem = load_problem(make_package(tmp_path / "p", text))
    assert [w.split(": ", 1)[1] for w in yaml_warnings(problem)] == \
        ["constants.k.tex: '5,000,001' seems not to be the value '5000000'"]


def test_constants_are_replaced_in_programs_but_not_in_binary_files(tmp_path: Path) -> None:
    folder = tmp_path / "v"
    folder.mkdir()
    (folder / "v.py").write_text("N = {{k}}\n")
    (folder / "blob.bin").write_bytes(b"\xff{{k}}")
    source = with_constants(source_from_path(folder, load_languages()), CONSTANTS)
    assert source.files["v.py"] == b"N = 5000000\n"
    assert source.files["blob.bin"] == b"\xff{{k}}"


def test_constants_in_the_fixture_reach_statement_and_test_group_yaml() -> None:
    problem = load_problem(PACKAGE)
    html = render_statement(problem.statements["en"], problem.constants).html
    assert "between <span class=\"math inline\">0</span> and 1000" in html
    assert "1\\,000" in html and "<code>sum</code>" in html and "{{" not in html
    assert problem.validator_args_for("secret/large/1") == ("--word", "sum")
    assert problem.input_validator_args["secret/large/1"] == {"validate": ("--max", "1000")}


def test_constants_are_not_replaced_in_test_data_nor_a_test_case_yaml(tmp_path: Path) -> None:
    text = V2025 + "constants: {n: 9}\n"
    package = make_package(tmp_path / "p", text, files=CUSTOM, tests={
        "secret/1.in": "{{n}}\n", "secret/1.ans": "{{n}}\n",
        "secret/1.yaml": "output_validator_args: ['{{n}}']\n"})
    problem = load_problem(package)
    assert problem.tests[0].input.read_text() == "{{n}}\n"
    assert problem.validator_args_for("secret/1") == ("{{n}}",)


def test_a_latex_statement_gets_its_constants(tmp_path: Path) -> None:
    package = make_package(tmp_path / "p", V2025 + "constants: {n: 12}\n", files={
        "statement/problem.en.tex": "At most $\\constant{n}$ items.\n"})
    problem = load_problem(package)
    assert "At most <span class=\"math inline\">12</span> items." in \
        render_statement(problem.statements["en"], problem.constants).html


# test_group.yaml and a test case's own .yaml at 2025-09.

@pytest.mark.parametrize("config", [
    "args: [a]\ninput_validator_args: [--x]\noutput_validator_args: [--y]\n"
    "input_visualizer_args: [--z]\noutput_visualizer_args: []\nfull_feedback: true\n",
    "input_validator_args: {first: [--a], second: --b}\n",
])
def test_test_group_yaml_takes_every_key_of_the_spec(tmp_path: Path, config: str) -> None:
    problem = load_problem(make_package(tmp_path / "p", V2025, files=CUSTOM, tests={
        "secret/1.in": "1\n", "secret/1.ans": "1\n", "secret/test_group.yaml": config}))
    assert [w for w in yaml_warnings(problem) if "args: Podium does not pass" not in w] == []


def test_scoring_keys_of_test_group_yaml(tmp_path: Path) -> None:
    problem = load_problem(make_package(tmp_path / "p", V2025 + "type: scoring\n", tests={
        "secret/test_group.yaml": "max_score: unbounded\nscore_aggregation: min\n",
        "secret/g1/test_group.yaml": "max_score: 40\nscore_aggregation: pass-fail\n"
                                     "require_pass: sample\n",
        "secret/g1/1.in": "1\n", "secret/g1/1.ans": "1\n"}))
    assert not yaml_warnings(problem)


def test_a_test_case_yaml_takes_hint_description_and_visualizer_args(tmp_path: Path) -> None:
    problem = load_problem(make_package(tmp_path / "p", V2025, tests={
        "secret/1.in": "1\n", "secret/1.ans": "1\n",
        "secret/1.yaml": "hint: h\ndescription: d\ninput_visualizer_args: [a]\n"
                         "output_visualizer_args: [b]\nfull_feedback: false\n",
        "secret/1.args": "x\n", "secret/1.hint": "h\n", "secret/1.desc": "d\n"}))
    assert not [w for w in problem.warnings if "data/secret" in w], problem.warnings


@pytest.mark.parametrize(("tests", "line"), [
    ({"secret/test_group.yaml": "max_score: -1\n"}, "test_group.yaml: max_score: must be a "
                                                     "non-negative integer or 'unbounded'"),
    ({"secret/test_group.yaml": "score_aggregation: avg\n"}, "score_aggregation: must be one"),
    ({"secret/test_group.yaml": "static_validation_score: lots\n"},
     "static_validation_score: must be a non-negative integer or 'pass-fail'"),
    ({"secret/test_group.yaml": "full_feedback: maybe\n"}, "full_feedback: must be true"),
    ({"secret/test_group.yaml": "input_validator_args: {v: {a: b}}\n"},
     "input_validator_args: must map each input validator to a list of strings"),
    ({"secret/test_group.yaml": "static_validator_args: [a]\n"},
     "static_validator_args: given without static_validation_score"),
    ({"secret/test_group.yaml": "static_validation_score: 10\n"},
     "static_validation_score: a static validation test case, but the package has no "
     "static_validator/"),
    ({"secret/1.yaml": "hint: [a]\n"}, "1.yaml: hint: must be a string"),
    ({"secret/1.yaml": "max_score: 5\n"}, "1.yaml: unknown key 'max_score'"),
])
def test_wrong_test_group_keys_are_errors_naming_file_and_key(tmp_path: Path, tests: dict,
                                                              line: str) -> None:
    data = {"secret/1.in": "1\n", "secret/1.ans": "1\n", **tests}
    lines = package_errors(make_package(tmp_path / "p", V2025 + "type: scoring\n", tests=data))
    assert any(line in error for error in lines), lines


def test_scoring_keys_in_a_pass_fail_problem_or_in_sample_are_warnings(tmp_path: Path) -> None:
    problem = load_problem(make_package(tmp_path / "p", V2025, tests={
        "secret/1.in": "1\n", "secret/1.ans": "1\n",
        "secret/test_group.yaml": "max_score: 10\n",
        "sample/1.in": "1\n", "sample/1.ans": "1\n"}))
    assert any("test_group.yaml: max_score: only for scoring problems" in w
               for w in problem.warnings)
    scoring = load_problem(make_package(tmp_path / "q", V2025 + "type: scoring\n", tests={
        "secret/1.in": "1\n", "secret/1.ans": "1\n",
        "sample/1.in": "1\n", "sample/1.ans": "1\n",
        "sample/test_group.yaml": "score_aggregation: sum\n"}))
    assert any("sample/test_group.yaml: score_aggregation: not permitted in data/sample" in w
               for w in scoring.warnings)
