"""Package YAML: YAML 1.1 pitfalls defused, and values checked against a table of types."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from appliance.problems.load import load_problem
from appliance.problems.report import Report
from appliance.problems.yaml_files import (
    at_least,
    check_mapping,
    one_of,
    parse_yaml,
    text,
    text_or_list,
    words,
)
from tests.appliance.problems.test_load import make_package, package_errors


@pytest.mark.parametrize(("source", "value"), [
    ("a: 1:30", {"a": "1:30"}),  # PyYAML alone: 90 (base 60)
    ("a: 1:30:00", {"a": "1:30:00"}),  # PyYAML alone: 5400
    ("a: 1:30.5", {"a": "1:30.5"}),  # PyYAML alone: 90.5
    ("a: 90", {"a": 90}),
    ("a: 2.5", {"a": 2.5}),
    ("a: 1e-6", {"a": "1e-6"}),  # YAML 1.1 floats need a dot, as problemtools reads them
    ("no: Navn\nen: Name", {"no": "Navn", "en": "Name"}),  # not False: Norwegian stays a code
    ("1: one", {"1": "one"}),
    ("a: [x, 0.5]", {"a": ["x", 0.5]}),
    ("base: &b {x: 1}\nother:\n  <<: *b\n  x: 2", {"base": {"x": 1}, "other": {"x": 2}}),
])
def test_yaml_reads_as_written_without_base_60_or_boolean_keys(source: str, value: Any) -> None:
    assert parse_yaml(source) == value


def test_a_key_given_twice_is_not_valid_yaml() -> None:
    with pytest.raises(yaml.YAMLError, match="key 'name' is given twice"):
        parse_yaml("name: A\nname: B\n")


def test_unquoted_base_60_name_is_the_text_written(tmp_path: Path) -> None:
    assert load_problem(make_package(tmp_path / "p", "name: 1:30\n")).name == "1:30"


def test_unquoted_base_60_time_limit_is_a_clear_error_not_a_crash(tmp_path: Path) -> None:
    package = make_package(tmp_path / "p", "problem_format_version: 2023-07\n"
                                           "limits:\n  time_limit: 1:30\n")
    assert f"{package}/problem.yaml: limits.time_limit: must be a positive number, not " \
           "'1:30'" in package_errors(package)


def test_duplicate_key_in_problem_yaml_is_reported_as_invalid_yaml(tmp_path: Path) -> None:
    lines = package_errors(make_package(tmp_path / "p", "name: A\nname: B\n"))
    assert len(lines) == 1 and "not valid YAML: " in lines[0] and "given twice" in lines[0]


@pytest.mark.parametrize(("check", "value", "wrong"), [
    (text, "x", None),
    (text, 5, "must be a string, not 5"),
    (at_least(0, above=True), 0.5, None),
    (at_least(0, above=True), 0, "must be a positive number, not 0"),
    (at_least(0, above=True), True, "must be a positive number, not True"),
    (at_least(0, above=True), float("inf"), "must be a positive number, not inf"),
    (at_least(0, above=True, whole=True), 2.0, None),
    (at_least(0, above=True, whole=True), 2.5, "must be a positive integer, not 2.5"),
    (at_least(1), 1, None),
    (at_least(1), 0.99, "must be a number >= 1, not 0.99"),
    (at_least(2, whole=True), 1, "must be an integer >= 2, not 1"),
    (one_of("a", "b"), "c", "must be one of 'a', 'b', not 'c'"),
    (text_or_list, "a b", None),
    (text_or_list, ["a", 1e-6], None),
    (text_or_list, ["a", None], "must be a string or a list of strings, not ['a', None]"),
    (text_or_list, {"a": 1}, "must be a string or a list of strings, not {'a': 1}"),
])
def test_value_checks_say_what_is_wrong(check: Any, value: Any, wrong: str | None) -> None:
    assert check(value) == wrong


@pytest.mark.parametrize(("value", "expected"), [
    ("float_tolerance  1e-6\n", ("float_tolerance", "1e-6")),
    (["float_tolerance", 1e-06], ("float_tolerance", "1e-06")),
    (["case_sensitive", 5], ("case_sensitive", "5")),
    ([], ()),
])
def test_words_of_a_string_or_list(value: str | list, expected: tuple[str, ...]) -> None:
    assert words(value) == expected


def test_check_mapping_reports_unknown_keys_and_keeps_good_ones() -> None:
    report = Report()
    good = check_mapping({"a": "x", "b": 3, "c": 1, "d": "y", "e": 2}, {"a": text, "b": text},
                         Path("f.yaml"), "top", report, {"d": text, "e": text},
                         {"d": "the other version's"})
    assert good == {"a": "x", "d": "y"}
    assert report.errors == ["f.yaml: top.b: must be a string, not 3",
                             "f.yaml: top: unknown key 'top.c'",
                             "f.yaml: top.e: must be a string, not 2"]
    assert report.warnings == ["f.yaml: top.d: the other version's"]


def test_report_keeps_each_problem_on_one_line() -> None:
    report = Report()
    report.error(Path("f"), "k", "first; second\nthird")
    assert report.errors == ["f: k: first, second third"]
