"""Reading a problem package: limits in both spellings, flags, test cases, and clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from appliance.errors import PackageError
from appliance.problems.load import DEFAULT_TIME_LIMIT, TimeLimitRule, load_problem
from judge.limits import MiB
from tests import paths
from tests.paths import PACKS


def write_files(root: Path, files: dict[str, str]) -> Path:
    """Write files under root; a name ending in "/" is an empty folder."""
    root.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        path = root / name
        if name.endswith("/"):
            path.mkdir(parents=True, exist_ok=True)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content)
    return root


def make_package(root: Path, problem_yaml: str, tests: dict[str, str] | None = None,
                 files: dict[str, str] | None = None) -> Path:
    """A package: problem.yaml, test data under data/ (one secret test by default), files."""
    write_files(root, {"problem.yaml": problem_yaml, **(files or {})})
    write_files(root / "data", tests or {"secret/1.in": "1\n", "secret/1.ans": "2\n"})
    return root


def package_errors(package: Path) -> list[str]:
    """The lines of the PackageError that loading the package raises."""
    with pytest.raises(PackageError) as info:
        load_problem(package)
    return str(info.value).split("; ")


def test_sum_package_reads_limits_and_orders_samples_first() -> None:
    problem = load_problem(PACKS / "sum")
    assert problem.name == "Sum of Two Integers"
    assert problem.limits.time == 1.0 and problem.limits.memory == 256 * MiB
    assert problem.limits.output == 8 * MiB
    names = [t.name for t in problem.tests]
    assert names[:2] == ["sample/1", "sample/2"] and names[2] == "secret/01"
    assert len(names) == 12


def test_nested_secret_groups_are_named_by_their_path(tmp_path: Path) -> None:
    package = make_package(tmp_path / "p", "name: P\n", {
        "secret/g2/b.in": "", "secret/g2/b.ans": "", "secret/g1/a.in": "", "secret/g1/a.ans": "",
    })
    assert [t.name for t in load_problem(package).tests] == ["secret/g1/a", "secret/g2/b"]


def test_missing_time_limit_takes_the_default_and_says_so(tmp_path: Path) -> None:
    problem = load_problem(make_package(tmp_path / "p", "name: P\nlimits:\n  memory: 64\n"))
    assert problem.limits.time == DEFAULT_TIME_LIMIT and not problem.time_limit_given
    assert problem.limits.memory == 64 * MiB


def test_legacy_validator_flags_are_parsed(tmp_path: Path) -> None:
    problem = load_problem(make_package(
        tmp_path / "p", "validator_flags: float_tolerance 1e-6 case_sensitive\n"))
    assert problem.flags.case_sensitive and problem.flags.float_absolute_tolerance == 1e-6


def test_per_language_names_take_english(tmp_path: Path) -> None:
    problem = load_problem(make_package(tmp_path / "p", "name:\n  sv: Summa\n  en: Sum\n"))
    assert problem.name == "Sum"


@pytest.mark.parametrize(("yaml_text", "message"), [
    ("limits:\n  time_limit: -1\n", "limits.time_limit: must be a positive number, not -1"),
    ("limits:\n  memroy: 64\n", "limits: unknown key 'limits.memroy'"),
    ("limits: 5\n", "limits: must be a mapping"),
    ("validator_flags: float_tolerance\n", "validator_flags: validator flag float_tolerance"),
    ("name: [unclosed\n", "not valid YAML"),
    ("- a list\n", "must be a mapping"),
])
def test_broken_problem_yaml_names_the_file_and_key(tmp_path: Path, yaml_text: str,
                                                     message: str) -> None:
    package = make_package(tmp_path / "p", yaml_text)
    with pytest.raises(PackageError, match=message) as info:
        load_problem(package)
    assert "problem.yaml" in str(info.value)


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    package = make_package(tmp_path / "p", "limits:\n  memroy: 64\n  time_limit: 0\n",
                           {"secret/1.in": "1\n"})
    with pytest.raises(PackageError) as info:
        load_problem(package)
    text = str(info.value)
    assert "memroy" in text and "time_limit" in text and "1.in: has no answer file" in text


def test_package_without_secret_data_is_refused(tmp_path: Path) -> None:
    package = make_package(tmp_path / "p", "problem_format_version: 2023-07-draft\nname: P\n",
                           {"sample/1.in": "", "sample/1.ans": ""})
    with pytest.raises(PackageError, match="needs secret test data"):
        load_problem(package)


def test_legacy_package_with_samples_alone_judges_them(tmp_path: Path) -> None:
    """DOMjudge's example `hello` has data/sample/ and no data/secret/."""
    package = make_package(tmp_path / "p", "name: P\n", {"sample/1.in": "", "sample/1.ans": ""})
    problem = load_problem(package)
    assert [t.name for t in problem.tests] == ["sample/1"]
    assert any("only the samples are judged" in w for w in problem.warnings)


def test_a_file_is_not_a_package(tmp_path: Path) -> None:
    (tmp_path / "x").write_text("")
    with pytest.raises(PackageError, match="not a problem package directory"):
        load_problem(tmp_path / "x")


FIXTURES = paths.FIXTURES / "packages"


def test_legacy_interactive_fixture_reads_every_part() -> None:
    problem = load_problem(FIXTURES / "guess")
    assert problem.format_version == "legacy" and problem.interactive
    assert not problem.scoring and not problem.multi_pass
    assert problem.names == {"en": "Guess the Number", "sv": "Gissa talet"}
    assert problem.authors == "Ada Lovelace and Alan Turing"
    assert problem.source == "Podium tests" and problem.license == "cc by-sa"
    assert problem.time_rule == TimeLimitRule(ac_to_time_limit=3, time_limit_to_tle=1.5)
    assert problem.limits.memory == 512 * MiB and not problem.time_limit_given
    assert [t.name for t in problem.tests] == ["sample/1", "secret/1"]
    assert problem.tests[0].answer.read_text() == ""  # interactive: may be empty, must exist
    assert [p.name for p in problem.sample_interactions] == ["1.interaction"]
    assert problem.output_validator == FIXTURES / "guess/output_validators/guess_validator"
    assert [p.name for p in problem.input_validators] == ["validate.py"]
    assert set(problem.statements) == {"en", "sv"}
    crash = [s for s in problem.submissions if s.expected == "run_time_error"]
    assert [s.path.name for s in crash] == ["crash"] and crash[0].path.is_dir()


def test_2023_07_scoring_fixture_reads_every_part() -> None:
    problem = load_problem(FIXTURES / "cities")
    assert problem.format_version == "2023-07" and problem.scoring and not problem.interactive
    assert problem.name == "Cities" and problem.names["de"] == "Städte"
    assert problem.uuid == "3a1f6c2e-8d4b-4f0a-9c7e-5b2d1e0f4a63"
    assert problem.authors == ["Grace Hopper"] and problem.rights_owner == "Podium"
    assert problem.source == {"name": "Podium Open 2025", "url": "https://example.org/open"}
    assert problem.time_rule == TimeLimitRule(3, 2, 0.5)
    assert [t.name for t in problem.tests] == [
        "sample/1", "secret/group1/1", "secret/group2/1", "secret/group2/2"]
    assert problem.flags.float_absolute_tolerance == 1e-6
    assert problem.flags_for("secret/group1/1") == problem.flags
    assert problem.flags_for("secret/group2/1").float_absolute_tolerance == 0.01
    assert problem.flags_for("secret/group2/2").case_sensitive
    assert {s.expected for s in problem.submissions} == {"accepted", "brute_force", "rejected"}
    assert problem.output_validator is None and problem.warnings == ()


def test_errors_are_one_line_each_naming_file_and_key(tmp_path: Path) -> None:
    package = make_package(tmp_path / "p", "type: puzzle\nlimits:\n  memory: 1.5\n",
                           {"secret/1.in": ""})
    lines = package_errors(package)
    assert lines == [
        f"{package}/problem.yaml: type: must be one of 'pass-fail', 'scoring', not 'puzzle'",
        f"{package}/problem.yaml: limits.memory: must be a positive integer, not 1.5",
        f"{package}/data/secret/1.in: has no answer file 1.ans",
    ]


def test_missing_problem_yaml_is_an_error(tmp_path: Path) -> None:
    package = write_files(tmp_path / "p", {"data/secret/1.in": "", "data/secret/1.ans": ""})
    assert package_errors(package) == [f"{package}/problem.yaml: missing"]


def test_warnings_go_with_the_package_and_do_not_refuse_it(tmp_path: Path) -> None:
    problem = load_problem(make_package(tmp_path / "p", "name: P\n"))
    assert any("no input validator" in w for w in problem.warnings)
    assert any("no accepted submission" in w for w in problem.warnings)
    assert all(w.startswith(str(tmp_path / "p")) for w in problem.warnings)


def test_broken_problem_yaml_does_not_bring_spurious_errors_elsewhere(tmp_path: Path) -> None:
    package = make_package(tmp_path / "p", "problem_format_version: 2023-07\nname: [x\n", {
        "secret/1.in": "", "secret/1.ans": "",
        "secret/test_group.yaml": "output_validator_args: [case_sensitive]\n"})
    lines = package_errors(package)
    assert len(lines) == 1 and "problem.yaml: not valid YAML" in lines[0]
