"""Package limits: both spellings in problem.yaml, and the time limit computed from run times."""

from __future__ import annotations

from pathlib import Path

import pytest

from appliance.problems.limits import LEGACY_RULE, PackageLimits
from appliance.problems.load import (
    TimeLimitRule,
    accepted_within_margin,
    compute_time_limit,
    load_problem,
    safely_over_limit,
)
from judge.limits import MiB
from tests.appliance.problems.test_load import make_package, package_errors

V2023 = "problem_format_version: 2023-07\nname: P\n"
DRAFT = "problem_format_version: 2023-07-draft\nname: P\n"


@pytest.mark.parametrize(("rule", "slowest", "limit"), [
    # legacy: slowest AC x time_multiplier (5), rounded up to whole seconds
    (LEGACY_RULE, 0.1, 1.0),
    (LEGACY_RULE, 0.3, 2.0),
    (LEGACY_RULE, 0.4, 2.0),  # exactly 2: not rounded up to 3 by float noise
    (LEGACY_RULE, 1.01, 6.0),
    (LEGACY_RULE, 0.0, 1.0),  # never below one step
    (TimeLimitRule(ac_to_time_limit=3), 0.5, 2.0),
    # 2023-07: x ac_to_time_limit (2.0), rounded up to a multiple of time_resolution (1.0)
    (TimeLimitRule(), 0.3, 1.0),
    (TimeLimitRule(), 0.6, 2.0),
    (TimeLimitRule(time_resolution=0.1), 0.3, 0.6),
    (TimeLimitRule(ac_to_time_limit=3, time_resolution=0.1), 0.1, 0.3),  # 0.30000000000000004
    (TimeLimitRule(time_resolution=0.25), 0.35, 0.75),
    (TimeLimitRule(time_resolution=0.5), 0.0, 0.5),
    (TimeLimitRule(time_limit=3.5), 10.0, 3.5),  # a stated limit is the limit
])
def test_time_limit_is_slowest_accepted_times_multiplier_rounded_up(
        rule: TimeLimitRule, slowest: float, limit: float) -> None:
    assert compute_time_limit(rule, slowest) == limit


@pytest.mark.parametrize(("rule", "time_limit", "tle", "safe"), [
    (LEGACY_RULE, 2.0, 4.0, True),  # legacy time_safety_margin 2
    (LEGACY_RULE, 2.0, 3.99, False),
    (TimeLimitRule(), 1.0, 1.5, True),  # 2023-07 time_limit_to_tle 1.5
    (TimeLimitRule(), 1.0, 1.49, False),
    (TimeLimitRule(time_limit_to_tle=1.1), 3.0, 3.3, True),  # 3.3000000000000003
    (TimeLimitRule(), 2.0, 100.0, True),
])
def test_time_limit_exceeded_run_is_safe_beyond_the_margin(
        rule: TimeLimitRule, time_limit: float, tle: float, safe: bool) -> None:
    assert safely_over_limit(rule, time_limit, tle) is safe


@pytest.mark.parametrize(("rule", "time_limit", "slowest", "fits"), [
    (TimeLimitRule(), 2.0, 1.0, True),
    (TimeLimitRule(), 2.0, 1.01, False),
    (LEGACY_RULE, 5.0, 1.0, True),
    (TimeLimitRule(ac_to_time_limit=1.1), 3.3, 3.0, True),
])
def test_accepted_run_must_leave_the_margin_below_the_limit(
        rule: TimeLimitRule, time_limit: float, slowest: float, fits: bool) -> None:
    assert accepted_within_margin(rule, time_limit, slowest) is fits


@pytest.mark.parametrize(("yaml_text", "rule"), [
    ("name: P\n", TimeLimitRule(5, 2, 1)),
    ("limits:\n  time_multiplier: 4\n  time_safety_margin: 1.2\n", TimeLimitRule(4, 1.2, 1)),
    (V2023, TimeLimitRule(2, 1.5, 1)),
    (DRAFT + "limits:\n  time_multipliers:\n    ac_to_time_limit: 3\n", TimeLimitRule(3, 1.5)),
    (V2023 + "limits:\n  time_multipliers: {time_limit_to_tle: 1.2}\n  time_resolution: 0.5\n",
     TimeLimitRule(2, 1.2, 0.5)),
    (V2023 + "limits:\n  time_limit: 2.5\n", TimeLimitRule(time_limit=2.5)),
    # the other version's spelling is read too (with a warning); the package's own wins
    (V2023 + "limits: {time_multiplier: 4, time_safety_margin: 3}\n", TimeLimitRule(4, 3)),
    (V2023 + "limits: {time_multiplier: 4, time_multipliers: {ac_to_time_limit: 3}}\n",
     TimeLimitRule(3, 1.5)),
    ("limits: {time_resolution: 0.5, time_multipliers: {time_limit_to_tle: 3}}\n",
     TimeLimitRule(5, 3, 0.5)),
])
def test_time_limit_rule_reads_legacy_and_2023_07_keys(tmp_path: Path, yaml_text: str,
                                                        rule: TimeLimitRule) -> None:
    assert load_problem(make_package(tmp_path / "p", yaml_text)).time_rule == rule


def test_stated_time_limit_is_the_judging_limit(tmp_path: Path) -> None:
    problem = load_problem(make_package(tmp_path / "p", V2023 + "limits: {time_limit: 2.5}\n"))
    assert problem.limits.time == 2.5 and problem.time_limit_given


def test_size_limits_are_read_in_their_units(tmp_path: Path) -> None:
    problem = load_problem(make_package(tmp_path / "p", V2023 + (
        "type: multi-pass\nlimits:\n  memory: 64\n  output: 2\n  code: 100\n"
        "  compilation_time: 30\n  compilation_memory: 512\n  validation_time: 20\n"
        "  validation_memory: 256\n  validation_output: 4\n  validation_passes: 3\n"),
        files={"output_validator/v.py": ""}))
    assert (problem.limits.memory, problem.limits.output) == (64 * MiB, 2 * MiB)
    assert (problem.limits.compile_time, problem.limits.compile_memory) == (30, 512 * MiB)
    assert problem.package_limits == PackageLimits(
        code=100 * 1024, validation_time=20, validation_memory=256 * MiB,
        validation_output=4 * MiB, validation_passes=3)


@pytest.mark.parametrize(("yaml_text", "line"), [
    (V2023 + "limits: {time_multiplyer: 4}\n", "limits: unknown key 'limits.time_multiplyer'"),
    (V2023 + "limits: {time_multipliers: {ac_to_time_limit: 0.5}}\n",
     "limits.time_multipliers.ac_to_time_limit: must be a number >= 1, not 0.5"),
    (V2023 + "limits: {time_multipliers: {slack: 2}}\n",
     "limits.time_multipliers: unknown key 'limits.time_multipliers.slack'"),
    (V2023 + "limits: {time_multipliers: 2}\n", "limits.time_multipliers: must be a mapping"),
    (V2023 + "limits: {memory: 1.5}\n", "limits.memory: must be a positive integer, not 1.5"),
    (V2023 + "limits: {memory: true}\n", "limits.memory: must be a positive integer, not True"),
    (V2023 + "limits: {time_limit: '2'}\n", "limits.time_limit: must be a positive number"),
    (V2023 + "limits: {validation_passes: 1}\n",
     "limits.validation_passes: must be an integer >= 2, not 1"),
    ("limits: {time_safety_margin: 0}\n", "limits.time_safety_margin: must be a positive"),
])
def test_wrong_limits_name_the_key(tmp_path: Path, yaml_text: str, line: str) -> None:
    lines = package_errors(make_package(tmp_path / "p", yaml_text))
    assert any(line in error for error in lines), lines


def test_legacy_time_limit_is_read_with_a_warning(tmp_path: Path) -> None:
    problem = load_problem(make_package(tmp_path / "p", "limits: {time_limit: 3}\n"))
    assert problem.limits.time == 3 and problem.time_limit_given
    assert any("limits.time_limit: not a key of the legacy format" in w
               for w in problem.warnings)


@pytest.mark.parametrize(("yaml_text", "warning"), [
    (V2023 + "limits: {time_multiplier: 4}\n", "limits.time_multiplier: a legacy key in a "
     "2023-07 package (which says time_multipliers.ac_to_time_limit): read all the same"),
    ("limits: {time_resolution: 0.5}\n",
     "limits.time_resolution: a 2023-07 key in a legacy package: read all the same"),
])
def test_the_other_version_s_limit_keys_are_read_with_a_warning(tmp_path: Path, yaml_text: str,
                                                                 warning: str) -> None:
    problem = load_problem(make_package(tmp_path / "p", yaml_text))
    assert any(warning in w for w in problem.warnings), problem.warnings


def test_validation_passes_outside_multi_pass_warns(tmp_path: Path) -> None:
    problem = load_problem(make_package(tmp_path / "p", V2023 + "limits: {validation_passes: 3}\n"))
    assert any("only used by multi-pass problems" in w for w in problem.warnings)
