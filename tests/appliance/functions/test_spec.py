"""function.yaml: the type grammar, a good spec, and every malformed one refused with the
file and key named; a package with a broken function.yaml is refused as a whole."""

from __future__ import annotations

from pathlib import Path

import pytest

from appliance.functions.spec import (
    FunctionSpec,
    Parameter,
    Type,
    TypeSyntaxError,
    parse_type,
    read_function_spec,
)
from appliance.problems.load import load_problem
from appliance.problems.report import Report
from tests.appliance.problems.test_load import make_package, package_errors
from tests.paths import PACKS

PROBLEM_YAML = "problem_format_version: 2023-07\nname: F\n"


@pytest.mark.parametrize("text, expected", [
    ("int", Type("int")),
    ("long", Type("long")),
    ("double", Type("double")),
    ("bool", Type("bool")),
    ("string", Type("string")),
    ("int[]", Type("array", Type("int"))),
    ("string[][]", Type("array", Type("array", Type("string")))),
    ("list<list<int>>", Type("list", Type("list", Type("int")))),
    ("list< int[] >", Type("list", Type("array", Type("int")))),
    ("ListNode", Type("ListNode")),
    ("TreeNode", Type("TreeNode")),
])
def test_types_of_the_grammar_parse_and_print_back(text: str, expected: Type) -> None:
    assert parse_type(text) == expected
    assert parse_type(str(expected)) == expected


@pytest.mark.parametrize("text, message", [
    ("integer", "unknown type 'integer'"),
    ("int[][][]", "'int[][][]': arrays have at most two dimensions"),
    ("TreeNode[]", "arrays hold scalars or arrays of them, not TreeNode"),
    ("list<ListNode>", "a list cannot hold ListNode: nodes are whole values"),
    ("list<int>[]", "arrays hold scalars or arrays of them, not list<int>"),
    ("list<int", "unknown type 'list<int'"),
])
def test_types_outside_the_grammar_say_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(TypeSyntaxError) as info:
        parse_type(text)
    assert message in str(info.value)


def spec_errors(tmp_path: Path, text: str) -> list[str]:
    (tmp_path / "function.yaml").write_text(text)
    report = Report()
    assert read_function_spec(tmp_path, report) is None
    return report.errors


def test_a_good_function_yaml_is_a_spec(tmp_path: Path) -> None:
    (tmp_path / "function.yaml").write_text(
        "name: merge\nparameters:\n  - {name: a, type: ListNode}\n  - {name: k, type: long}\n"
        "returns: list<int[]>\n")
    report = Report()
    spec = read_function_spec(tmp_path, report)
    assert report.errors == []
    assert spec == FunctionSpec("merge", (Parameter("a", Type("ListNode")),
                                          Parameter("k", Type("long"))),
                                Type("list", Type("array", Type("int"))))
    assert spec.uses("ListNode") and not spec.uses("TreeNode")


def test_no_function_yaml_is_no_spec(tmp_path: Path) -> None:
    report = Report()
    assert read_function_spec(tmp_path, report) is None
    assert report.errors == []


@pytest.mark.parametrize("text, message", [
    ("name: f\nparameters: [{name: a, type: int}]\n", "function.yaml: returns: is missing"),
    ("parameters: [{name: a, type: int}]\nreturns: int\n", "function.yaml: name: is missing"),
    ("name: f\nreturns: int\n", "function.yaml: parameters: is missing"),
    ("name: f\nparameters: []\nreturns: int\n",
     "function.yaml: parameters: must be a non-empty list of {name, type} entries, not []"),
    ("name: f\nparameters: [{name: a, type: int}]\nreturns: int\nreturn: int\n",
     "function.yaml: unknown key 'return' (keys: name, parameters, returns)"),
    ("name: 2f\nparameters: [{name: a, type: int}]\nreturns: int\n",
     "function.yaml: name: '2f' is not a name: a letter, then letters, digits or _"),
    ("name: class\nparameters: [{name: a, type: int}]\nreturns: int\n",
     "function.yaml: name: 'class' is a reserved word in a target language"),
    ("name: f\nparameters: [{name: val, type: int}]\nreturns: int\n",
     "function.yaml: parameters[0].name: 'val' is a reserved word in a target language"),
    ("name: f\nparameters: [{name: a, type: int}, {name: a, type: int}]\nreturns: int\n",
     "function.yaml: parameters[1].name: 'a' is given twice"),
    ("name: f\nparameters:\n  - name: a\n    type: int[][][]\nreturns: int\n",
     "function.yaml: parameters[0].type: 'int[][][]': arrays have at most two dimensions"),
    ("name: f\nparameters: [{name: a}]\nreturns: int\n",
     "function.yaml: parameters[0]: must be a mapping with exactly the keys name and type"),
    ("name: f\nparameters: [{name: a, type: int}]\nreturns: float\n",
     "function.yaml: returns: unknown type 'float'"),
    ("name: f\nparameters: [{name: a, type: 3}]\nreturns: int\n",
     "function.yaml: parameters[0].type: must be a type such as int or int[], not 3"),
    ("name: [f\n", "function.yaml: not valid YAML"),
    ("- f\n", "function.yaml: must be a mapping of keys to values"),
])
def test_malformed_function_yaml_names_the_file_and_key(tmp_path: Path, text: str,
                                                         message: str) -> None:
    errors = spec_errors(tmp_path, text)
    assert any(message in e for e in errors), errors
    assert all(str(tmp_path / "function.yaml") in e for e in errors)


def test_every_error_of_function_yaml_is_reported_at_once(tmp_path: Path) -> None:
    errors = spec_errors(tmp_path, "name: for\nparameters: [{name: a, type: x}]\nreturns: y\n")
    assert len(errors) == 3, errors


def test_a_package_with_a_broken_function_yaml_is_refused(tmp_path: Path) -> None:
    package = make_package(tmp_path, PROBLEM_YAML,
                           files={"function.yaml": "name: f\nparameters: x\nreturns: int\n"})
    errors = package_errors(package)
    assert f"{package / 'function.yaml'}: parameters: must be a non-empty list" in errors[0]


def test_an_interactive_function_problem_is_refused(tmp_path: Path) -> None:
    package = make_package(
        tmp_path, PROBLEM_YAML + "type: interactive\n",
        files={"function.yaml": "name: f\nparameters: [{name: a, type: int}]\nreturns: int\n",
               "output_validator/validate.py": "print(1)\n"})
    assert any("an interactive problem cannot be a function problem" in e
               for e in package_errors(package))


@pytest.mark.parametrize("name, kind", [("pruning", "TreeNode"), ("reversegroups", "ListNode"),
                                        ("rotation", "array")])
def test_the_demo_function_problems_read_their_spec(name: str, kind: str) -> None:
    problem = load_problem(PACKS / name)
    assert problem.function is not None
    assert problem.function.returns.kind == kind
