"""Reading a problem package: limits in both spellings, flags, test cases, and clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from appliance.errors import PackageError
from appliance.package import DEFAULT_TIME_LIMIT, load_problem
from judge.limits import MiB

from .conftest import PACKS


def make_package(root: Path, problem_yaml: str, tests: dict[str, str] | None = None) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "problem.yaml").write_text(problem_yaml)
    for name, content in (tests or {"secret/1.in": "1\n", "secret/1.ans": "2\n"}).items():
        path = root / "data" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content)
    return root


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
    ("limits:\n  time_limit: -1\n", "'limits.time_limit' must be a positive number"),
    ("limits:\n  memroy: 64\n", "unknown key 'limits.memroy'"),
    ("limits: 5\n", "key 'limits' must be a mapping"),
    ("validator_flags: float_tolerance\n", "'validator_flags'"),
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
    package = make_package(tmp_path / "p", "name: P\n", {"sample/1.in": "", "sample/1.ans": ""})
    with pytest.raises(PackageError, match="needs secret test data"):
        load_problem(package)


def test_a_file_is_not_a_package(tmp_path: Path) -> None:
    (tmp_path / "x").write_text("")
    with pytest.raises(PackageError, match="not a problem package directory"):
        load_problem(tmp_path / "x")
