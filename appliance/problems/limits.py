"""A package's limits: problem.yaml `limits` in both spellings, and the time-limit rule.

Legacy packages state `time_multiplier` (default 5) and `time_safety_margin` (default 2);
2023-07 packages state `time_multipliers: {ac_to_time_limit: 2.0, time_limit_to_tle: 1.5}`,
`time_resolution` (1.0) and may state `time_limit`. Both become one `TimeLimitRule`, read
the way problemtools reads them: the time limit is the slowest accepted run time times
`ac_to_time_limit`, rounded up to a whole multiple of `time_resolution` (whole seconds in
legacy packages) and at least one such step; a time-limit-exceeded submission is safely too
slow when it runs at least `time_limit_to_tle` times the time limit.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from appliance.problems.report import LEGACY, V2023, V2025, Report
from appliance.problems.yaml_files import Check, at_least, check_mapping, mapping
from judge.limits import Limits, MiB

DEFAULT_TIME_LIMIT = 1.0  # seconds, when the package states none
_NOISE = 9  # decimals: float noise below 1e-9 (0.1 * 3 = 0.30000000000000004) is ignored


@dataclass(frozen=True)
class TimeLimitRule:
    """How the time limit follows from the judges' own submissions (2023-07 names)."""

    ac_to_time_limit: float = 2.0  # legacy `time_multiplier`
    time_limit_to_tle: float = 1.5  # legacy `time_safety_margin`
    time_resolution: float = 1.0  # legacy packages: whole seconds
    time_limit: float | None = None  # stated in problem.yaml; then it is the limit


LEGACY_RULE = TimeLimitRule(ac_to_time_limit=5.0, time_limit_to_tle=2.0)


def compute_time_limit(rule: TimeLimitRule, slowest_accepted_seconds: float) -> float:
    """The time limit: the stated one, else slowest AC x ac_to_time_limit rounded up to a
    multiple of time_resolution (at least one), as problemtools computes it."""
    if rule.time_limit is not None:
        return rule.time_limit
    exact = slowest_accepted_seconds * rule.ac_to_time_limit / rule.time_resolution
    steps = max(1, math.ceil(round(exact, _NOISE)))
    return round(steps * rule.time_resolution, _NOISE)


def accepted_within_margin(rule: TimeLimitRule, time_limit: float,
                           slowest_accepted_seconds: float) -> bool:
    """Whether the slowest accepted run leaves the margin the rule asks for (2023-07:
    T_ac x ac_to_time_limit <= time_limit; problemtools errs on a stated limit that does not)."""
    return round(slowest_accepted_seconds * rule.ac_to_time_limit, _NOISE) <= time_limit


def safely_over_limit(rule: TimeLimitRule, time_limit: float, tle_seconds: float) -> bool:
    """Whether a time-limit-exceeded run is slow enough that the verdict does not hang on
    timing noise: time_limit x time_limit_to_tle <= its time (problemtools warns otherwise)."""
    return round(time_limit * rule.time_limit_to_tle, _NOISE) <= tle_seconds


@dataclass(frozen=True)
class PackageLimits:
    """The format's limits that the judge's `Limits` does not hold; None: system default."""

    code: int | None = None  # bytes (stated in KiB)
    validation_time: float | None = None  # seconds
    validation_memory: int | None = None  # bytes (stated in MiB)
    validation_output: int | None = None  # bytes (stated in MiB)
    validation_passes: int = 2  # multi-pass problems only


_POSITIVE = at_least(0, above=True)
_POSITIVE_INT = at_least(0, above=True, whole=True)
_SHARED: dict[str, Check] = {
    "time_limit": _POSITIVE, "memory": _POSITIVE_INT, "output": _POSITIVE_INT,
    "code": _POSITIVE_INT, "compilation_time": _POSITIVE_INT,
    "compilation_memory": _POSITIVE_INT, "validation_time": _POSITIVE_INT,
    "validation_memory": _POSITIVE_INT, "validation_output": _POSITIVE_INT,
}
_LEGACY_ONLY: dict[str, Check] = {"time_multiplier": _POSITIVE,
                                   "time_safety_margin": _POSITIVE}
_V2023_ONLY: dict[str, Check] = {"time_multipliers": mapping, "time_resolution": _POSITIVE,
                                 "validation_passes": at_least(2, whole=True)}
_KEYS = {LEGACY: ({**_SHARED, **_LEGACY_ONLY}, _V2023_ONLY),
         V2023: ({**_SHARED, **_V2023_ONLY}, _LEGACY_ONLY),
         V2025: ({**_SHARED, **_V2023_ONLY}, _LEGACY_ONLY)}
_MULTIPLIER_KEYS = {"ac_to_time_limit": at_least(1), "time_limit_to_tle": at_least(1)}
_NOTES = {
    "time_multipliers": "a 2023-07 key in a legacy package: read all the same",
    "time_resolution": "a 2023-07 key in a legacy package: read all the same",
    "validation_passes": "a 2023-07 key in a legacy package: read all the same",
    "time_multiplier": "a legacy key in a 2023-07 package (which says "
                       "time_multipliers.ac_to_time_limit): read all the same",
    "time_safety_margin": "a legacy key in a 2023-07 package (which says "
                          "time_multipliers.time_limit_to_tle): read all the same",
}


@dataclass(frozen=True)
class ReadLimits:
    """Everything problem.yaml `limits` says."""

    limits: Limits
    time_limit_given: bool
    time_rule: TimeLimitRule
    package_limits: PackageLimits


def read_limits(raw: Any, version: str, file: Path, report: Report,
                multi_pass: bool) -> ReadLimits:
    """Read problem.yaml `limits`, reporting unknown keys and wrong values."""
    legacy = version == LEGACY
    base_rule = LEGACY_RULE if legacy else TimeLimitRule()
    if raw is None:
        return ReadLimits(Limits(time=DEFAULT_TIME_LIMIT), False, base_rule, PackageLimits())
    if not isinstance(raw, dict):
        report.error(file, "limits", f"must be a mapping, not {raw!r}")
        return ReadLimits(Limits(time=DEFAULT_TIME_LIMIT), False, base_rule, PackageLimits())
    own, foreign = _KEYS[version]
    good = check_mapping(raw, own, file, "limits", report, foreign, _NOTES)
    multipliers = check_mapping(good.get("time_multipliers", {}), _MULTIPLIER_KEYS, file,
                                "limits.time_multipliers", report)
    if legacy and "time_limit" in good:
        report.warning(file, "limits.time_limit", "not a key of the legacy format, and "
                       "problemtools ignores it: Podium reads it as the time limit, as in 2023-07")
    if "validation_passes" in good and not multi_pass:
        report.warning(file, "limits.validation_passes", "only used by multi-pass problems")
    legacy_pair = {"ac_to_time_limit": good.get("time_multiplier"),
                   "time_limit_to_tle": good.get("time_safety_margin")}
    pairs = (legacy_pair, multipliers) if legacy else (multipliers, legacy_pair)

    def multiplier(key: str) -> float:
        """The package's own spelling first, then the other version's, then the default."""
        found = [pair[key] for pair in pairs if pair.get(key) is not None]
        return float(found[0]) if found else getattr(base_rule, key)

    stated = good.get("time_limit")
    resolution = float(good.get("time_resolution", 1.0))
    if version == V2025 and stated is not None \
            and not float(round(stated / resolution, _NOISE)).is_integer():
        report.error(file, "limits.time_limit", f"{stated} s is not a whole multiple of "
                     f"time_resolution ({resolution:g} s), as 2025-09 requires")
    rule = TimeLimitRule(
        ac_to_time_limit=multiplier("ac_to_time_limit"),
        time_limit_to_tle=multiplier("time_limit_to_tle"),
        time_resolution=resolution,
        time_limit=float(stated) if stated is not None else None)
    judge: dict[str, float | int] = {"time": rule.time_limit or DEFAULT_TIME_LIMIT}
    for key, name, unit in (("memory", "memory", MiB), ("output", "output", MiB),
                            ("compilation_time", "compile_time", 1),
                            ("compilation_memory", "compile_memory", MiB)):
        if key in good:
            judge[name] = float(good[key]) if unit == 1 else int(good[key]) * unit
    extra = PackageLimits(
        code=int(good["code"]) * 1024 if "code" in good else None,
        validation_time=float(good["validation_time"]) if "validation_time" in good else None,
        validation_memory=int(good["validation_memory"]) * MiB
        if "validation_memory" in good else None,
        validation_output=int(good["validation_output"]) * MiB
        if "validation_output" in good else None,
        validation_passes=int(good.get("validation_passes", 2)))
    return ReadLimits(Limits(**judge), stated is not None, rule, extra)
