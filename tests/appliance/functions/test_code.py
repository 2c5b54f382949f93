"""Function problems' stubs and harnesses as text (pure), the Python and JavaScript harnesses
run for real on the host for a round trip of every type, and compile errors that name the
contestant's own line numbers in the sandbox."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from appliance.functions.code import (
    GENERATORS,
    offered_languages,
    program_for,
    require_harness,
    stub_for,
    stubs_for,
)
from appliance.functions.code.common import pascal, snake
from appliance.functions.spec import FunctionSpec, Parameter, parse_type
from cli.main import main
from judge.errors import LanguageError
from tests.paths import PACKS

EVERY_TYPE = [("a", "int"), ("b", "long"), ("c", "double"), ("d", "bool"), ("e", "string"),
              ("f", "int[][]"), ("g", "string[]"), ("h", "list<list<bool>>"),
              ("i", "ListNode"), ("j", "TreeNode")]
INPUT = ('-7\n123456789012\n2.5\ntrue\n"a b\\"\\\\\\u00e9\\n"\n[[1,2],[],[3]]\n["x","",'
         '"y z"]\n[[true],[],[false,true]]\n[1,2,3]\n[3,9,20,null,null,15,7]\n')
# What the canonical form of each parameter above is (docs/function-problems.md).
CANONICAL = ["-7", "123456789012", "2.500000000", "true", '"a\\u0020b\\"\\\\é\\u000a"',
             "[ [ 1 2 ] [ ] [ 3 ] ]", '[ "x" "" "y\\u0020z" ]',
             "[ [ true ] [ ] [ false true ] ]", "[ 1 2 3 ]", "[ 3 9 20 null null 15 7 ]"]
SOURCES = {
    "python3": "class Solution:\n    def echo(self, a, b, c, d, e, f, g, h, i, j):\n"
               "        return {name}\n",
    "javascript": "var echo = function(a, b, c, d, e, f, g, h, i, j) {{\n    return {name};\n}};\n",
}
RUN = {"python3": ["python3", "solution.py"], "javascript": ["node", "solution.js"]}


def spec(params: list[tuple[str, str]], returns: str, name: str = "echo") -> FunctionSpec:
    return FunctionSpec(name, tuple(Parameter(n, parse_type(t)) for n, t in params),
                        parse_type(returns))


def test_names_take_each_languages_style() -> None:
    assert snake("reverseKGroup") == "reverse_k_group"
    assert snake("maxDepth") == "max_depth"
    assert pascal("maxDepth") == "MaxDepth"


def test_every_language_has_a_stub_in_its_own_style() -> None:
    stubs = stubs_for(spec([("root", "TreeNode"), ("k", "int")], "int[][]", "levelSums"))
    assert {"python3", "cpp", "java", "javascript", "go", "rust", "kotlin",
            "csharp"} <= set(stubs)
    assert "def levelSums(self, root: Optional[TreeNode], k: int) -> List[List[int]]:" \
        in stubs["python3"]
    assert "vector<vector<int>> levelSums(TreeNode* root, int k)" in stubs["cpp"]
    assert "public int[][] levelSums(TreeNode root, int k)" in stubs["java"]
    assert "var levelSums = function(root, k)" in stubs["javascript"]
    assert "func levelSums(root *TreeNode, k int) [][]int" in stubs["go"]
    assert "pub fn level_sums(root: Option<Rc<RefCell<TreeNode>>>, k: i32) -> Vec<Vec<i32>>" \
        in stubs["rust"]
    assert "fun levelSums(root: TreeNode?, k: Int): Array<IntArray>" in stubs["kotlin"]
    assert "public int[][] LevelSums(TreeNode root, int k)" in stubs["csharp"]
    for language, text in stubs.items():  # the node's definition comes along, commented
        assert "TreeNode" in text.split("levelSums")[0] or language == "rust", language


def test_a_stubs_block_comment_puts_a_space_after_each_star() -> None:
    stubs = stubs_for(spec([("head", "ListNode"), ("k", "int")], "ListNode", "reverseKGroup"))
    assert " * struct ListNode {" in stubs["cpp"]
    for language, text in stubs.items():
        inside = [line for line in text.splitlines()
                  if line.startswith(" *") and line not in (" *", " */")]
        assert all(line.startswith(" * ") for line in inside), language
        assert all(line == line.rstrip() for line in text.splitlines()), language

def test_a_language_without_a_harness_is_refused_by_name() -> None:
    with pytest.raises(LanguageError, match="function problems are not offered in 'ruby'"):
        stub_for(spec([("a", "int")], "int"), "ruby")


def test_only_a_function_problem_requires_a_harness() -> None:
    with pytest.raises(LanguageError, match="not offered in 'ruby'; they take cpp"):
        require_harness(spec([("a", "int")], "int"), "ruby")
    require_harness(spec([("a", "int")], "int"), "python3")
    require_harness(None, "ruby")  # an ordinary problem takes every language


def test_a_function_problems_form_offers_the_languages_it_takes_in_their_order() -> None:
    every = ["c", "ruby", "python3", "cpp", "haskell", "java"]
    assert offered_languages(spec([("a", "int")], "int"), every) == ["python3", "cpp", "java"]
    assert offered_languages(None, every) == every


@pytest.mark.parametrize("language", sorted(GENERATORS))
def test_the_contestants_lines_keep_their_numbers(language: str) -> None:
    """Line 3 of the contestant's code is line 3 of the program, or a line directive before
    it says where it starts."""
    source = "// one\n// two\nMARKER();\n"
    if language in ("python3", "pypy3"):
        source = source.replace("//", "#")
    text = program_for(spec([("a", "int")], "int"), language, "solution.x",
                       source.encode()).source.decode()
    lines = text.splitlines()
    marker = next(k for k, line in enumerate(lines, 1) if "MARKER" in line)
    directive = next((k for k, line in enumerate(lines, 1)
                      if line.startswith(("#line 1 ", "//line "))), 0)
    assert marker - directive == 3


def test_a_go_package_clause_and_a_public_java_class_are_taken_in_stride() -> None:
    one = spec([("a", "int")], "int")
    go = program_for(one, "go", "solution.go", b"package main\n\nfunc f() {}\n").source
    assert go.decode().count("package main") == 1
    java = program_for(one, "java", "X.java", b"public class Solution {}\n").source.decode()
    assert "public class Solution" not in java and "public class PodiumMain" in java


@pytest.mark.parametrize("language", ["python3", "javascript"])
@pytest.mark.parametrize("index", range(len(EVERY_TYPE)))
def test_every_type_round_trips_through_the_harness(tmp_path: Path, language: str,
                                                     index: int) -> None:
    """A function that returns one of its parameters prints it in the canonical form."""
    name, type_ = EVERY_TYPE[index]
    program = program_for(spec(EVERY_TYPE, type_), language, "solution",
                          SOURCES[language].format(name=name).encode())
    main_file = RUN[language][1]
    (tmp_path / main_file).write_bytes(program.source)
    for other, data in program.extra_files.items():
        (tmp_path / other).write_bytes(data)
    done = subprocess.run(RUN[language], cwd=tmp_path, input=INPUT.encode(),
                          capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout.decode() == CANONICAL[index] + "\n"


def test_canonical_answers_of_the_demo_packages_parse_as_tokens() -> None:
    """Every .ans of a function package is the canonical form: single spaces, one line."""
    for package in ("pruning", "reversegroups", "rotation"):
        for answer in (PACKS / package / "data").rglob("*.ans"):
            text = answer.read_text()
            assert text.endswith("\n") and text.count("\n") == 1
            assert " ".join(text.split()) == text[:-1]


def test_package_stub_prints_the_editors_starting_code() -> None:
    result = CliRunner().invoke(main, ["package", "stub", str(PACKS / "pruning"), "go"])
    assert result.exit_code == 0, result.output
    assert "func pruneTree(root *TreeNode) *TreeNode {" in result.output


def test_package_stub_of_an_ordinary_problem_says_so() -> None:
    result = CliRunner().invoke(main, ["package", "stub", str(PACKS / "sum"), "go"])
    assert result.exit_code == 2
    assert "not a function problem (it has no function.yaml)" in result.output


def test_package_stub_of_a_language_without_harness_names_those_there_are() -> None:
    result = CliRunner().invoke(main, ["package", "stub", str(PACKS / "pruning"), "ruby"])
    assert result.exit_code == 2
    assert "function problems are not offered in 'ruby'; they take cpp" in result.output


def test_verify_refuses_a_package_whose_function_yaml_is_broken(tmp_path: Path) -> None:
    (tmp_path / "problem.yaml").write_text("problem_format_version: 2023-07\nname: F\n")
    (tmp_path / "function.yaml").write_text("name: f\nparameters: []\nreturns: integer\n")
    (tmp_path / "data/secret").mkdir(parents=True)
    (tmp_path / "data/secret/1.in").write_text("1\n")
    (tmp_path / "data/secret/1.ans").write_text("1\n")
    result = CliRunner().invoke(main, ["package", "verify", str(tmp_path)])
    assert result.exit_code == 2
    assert f"{tmp_path / 'function.yaml'}: returns: unknown type 'integer'" in result.output
    assert "parameters: must be a non-empty list" in result.output


@pytest.mark.docker
@pytest.mark.parametrize("language, source, where", [
    ("cpp", "class Solution {\npublic:\n    int pruneTree(TreeNode* root) { return nope; }\n};\n",
     "solution.cpp:3:"),
    ("go", "func pruneTree(root *TreeNode) *TreeNode {\n\treturn nope\n}\n", "solution.go:2:"),
])
def test_a_compile_error_names_the_contestants_line(tmp_path: Path, data_dir: Path,
                                                    language: str, source: str,
                                                    where: str) -> None:
    file = tmp_path / f"solution.{language}"
    file.write_text(source)
    result = CliRunner().invoke(main, ["judge", str(PACKS / "pruning"), str(file), "--json",
                                       "--data", str(data_dir)])
    judgement = json.loads(result.output)
    assert judgement["verdict"] == "CE"
    assert where in judgement["compile_output"]
