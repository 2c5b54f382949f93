"""What the judges' submissions of a 2025-09 package must do: `submissions/submissions.yaml`.

Keys are glob patterns over submission paths (relative to `submissions/`); each maps to
`permitted` / `required` verdict sets, `score`, `message`, `use_for_time_limit`, `language`,
`entrypoint`, `authors`, `model_solution`, and per test group or test glob (relative to
`data/`) the same requirements for that subset of tests. The standard folders carry the
spec's defaults, which a key equal to the folder's name overrides key by key. Pure: checking
a submission's per-test verdicts, and the time limit the bounds give, take plain values.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from appliance.problems.limits import TimeLimitRule, compute_time_limit, safely_over_limit
from appliance.problems.report import Report
from appliance.problems.yaml_files import load_yaml

VERDICTS = ("AC", "WA", "TLE", "RTE")  # the package format's four test outcomes


@dataclass(frozen=True)
class Rule:
    """One requirement on one submission, over the tests `tests` selects ("" = all)."""

    origin: str  # the submissions.yaml key, or "default of accepted/"
    tests: str = ""
    permitted: frozenset[str] | None = None  # None: any of VERDICTS
    required: frozenset[str] | None = None  # None: any of VERDICTS
    score: tuple[float, float] | None = None
    message: str | None = None
    use_for_time_limit: bool | str | None = None  # None: as permitted/required say

    @property
    def lower_bound(self) -> bool:
        """Whether its runs lower-bound the time limit (must not TLE, or opted in)."""
        if self.use_for_time_limit in (False, "upper"):
            return False
        return self.use_for_time_limit == "lower" or \
            (self.permitted is not None and "TLE" not in self.permitted)

    @property
    def upper_bound(self) -> bool:
        """Whether its runs upper-bound the time limit (must TLE somewhere, or opted in)."""
        if self.use_for_time_limit in (False, "lower"):
            return False
        return self.use_for_time_limit == "upper" or self.required == frozenset({"TLE"})


DEFAULTS: dict[str, Rule] = {
    "accepted": Rule("accepted", permitted=frozenset({"AC"})),
    "rejected": Rule("rejected", required=frozenset({"RTE", "TLE", "WA"})),
    "wrong_answer": Rule("wrong_answer", permitted=frozenset({"AC", "WA"}),
                         required=frozenset({"WA"})),
    "time_limit_exceeded": Rule("time_limit_exceeded", permitted=frozenset({"AC", "TLE"}),
                                required=frozenset({"TLE"})),
    "run_time_error": Rule("run_time_error", permitted=frozenset({"AC", "RTE"}),
                           required=frozenset({"RTE"})),
    "brute_force": Rule("brute_force", permitted=frozenset({"AC", "RTE", "TLE"}),
                        required=frozenset({"RTE", "TLE"})),
}


@dataclass(frozen=True)
class Expectations:
    """Everything submissions.yaml (with the folders' defaults) says of one submission."""

    rules: tuple[Rule, ...] = ()
    language: str | None = None
    entrypoint: str | None = None
    authors: Any = None
    model_solution: bool = False

    @property
    def lower_bound(self) -> bool:
        return any(r.lower_bound for r in self.rules)

    @property
    def upper_bound(self) -> bool:
        return any(r.upper_bound for r in self.rules)


_REQUIREMENTS = ("permitted", "required", "score", "message", "use_for_time_limit")
_SUBMISSION_KEYS = ("language", "entrypoint", "authors", "model_solution")


def expand_braces(pattern: str) -> list[str]:
    """`a.{py,cpp}` -> [`a.py`, `a.cpp`] (nested braces too); the spec's only expansion.
    Spaces around an alternative are dropped: no name in a package may hold one."""
    match = re.search(r"\{([^{}]*)\}", pattern)
    if match is None:
        return [pattern]
    head, tail = pattern[:match.start()], pattern[match.end():]
    return list(dict.fromkeys(p for alt in (a.strip() for a in match.group(1).split(","))
                              for p in expand_braces(head + alt + tail)))


def _segment(glob: str) -> re.Pattern[str]:
    return re.compile("".join("[^/]*" if c == "*" else re.escape(c) for c in glob))


def glob_matches(pattern: str, path: str) -> bool:
    """Whether `pattern` names `path` or one of its parent folders (or groups). `*` stays
    inside one name (so does `**`, which the format leaves out); `[...]` is matched
    literally."""
    parts = path.strip("/").split("/")
    for one in expand_braces(pattern.strip("/")):
        globs = one.split("/")
        if len(globs) <= len(parts) and all(_segment(g).fullmatch(p)
                                            for g, p in zip(globs, parts, strict=False)):
            return True
    return False


def _verdicts(value: Any, file: Path, key: str, report: Report) -> frozenset[str] | None:
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, list) or not values \
            or not all(isinstance(v, str) and v in VERDICTS for v in values):
        report.error(file, key, f"must be a list of verdicts among {', '.join(VERDICTS)}, "
                     f"not {value!r}")
        return None
    return frozenset(values)


def _requirements(origin: str, tests: str, raw: Mapping, file: Path, key: str,
                  report: Report) -> Rule:
    """One rule from the requirement keys of a mapping (the others are not looked at)."""
    rule = Rule(origin, tests=tests)
    if "permitted" in raw:
        rule = replace(rule, permitted=_verdicts(raw["permitted"], file, f"{key}.permitted",
                                                 report))
    if "required" in raw:
        rule = replace(rule, required=_verdicts(raw["required"], file, f"{key}.required",
                                                report))
    if "score" in raw:
        score = raw["score"]
        pair = score if isinstance(score, list) else [score, score]
        if len(pair) != 2 or not all(isinstance(s, int | float) and not isinstance(s, bool)
                                     for s in pair) or pair[0] > pair[1]:
            report.error(file, f"{key}.score", f"must be a number or a list [low, high], not "
                         f"{score!r}")
        else:
            rule = replace(rule, score=(float(pair[0]), float(pair[1])))
    if "message" in raw:
        if isinstance(raw["message"], str):
            rule = replace(rule, message=raw["message"])
        else:
            report.error(file, f"{key}.message", f"must be a string, not {raw['message']!r}")
    if "use_for_time_limit" in raw:
        use = raw["use_for_time_limit"]
        if isinstance(use, bool) or use in ("lower", "upper"):
            rule = replace(rule, use_for_time_limit=use)
        else:
            report.error(file, f"{key}.use_for_time_limit", f"must be true, false, lower or "
                         f"upper, not {use!r}")
    if rule.permitted is not None and rule.required is not None \
            and not rule.permitted & rule.required:
        report.error(file, key, "permitted and required have no verdict in common: no "
                     "submission can satisfy it")
    return rule


@dataclass(frozen=True)
class _Entry:
    pattern: str
    rules: tuple[Rule, ...]
    fields: dict[str, Any] = field(default_factory=dict)


def read_submissions_yaml(package: Path, report: Report) -> list[_Entry]:
    """The entries of submissions/submissions.yaml, checked; none when there is no file."""
    file = package / "submissions" / "submissions.yaml"
    if not file.is_file():
        return []
    data = load_yaml(file, report)
    if data is None:
        return []
    entries = []
    for pattern, raw in data.items():
        if not isinstance(pattern, str) or not isinstance(raw, dict):
            report.error(file, str(pattern), f"must map a glob to a mapping, not {raw!r}")
            continue
        rules = [_requirements(pattern, "", raw, file, pattern, report)]
        fields: dict[str, Any] = {}
        for key, value in raw.items():
            where = f"{pattern}.{key}"
            if key in _REQUIREMENTS:
                continue
            if key in ("language", "entrypoint"):
                if isinstance(value, str):
                    fields[key] = value
                else:
                    report.error(file, where, f"must be a string, not {value!r}")
            elif key == "model_solution":
                if isinstance(value, bool):
                    fields[key] = value
                else:
                    report.error(file, where, f"must be true or false, not {value!r}")
            elif key == "authors":
                fields[key] = value
            elif isinstance(key, str) and isinstance(value, dict):  # a test group or glob
                unknown = sorted(set(value) - set(_REQUIREMENTS))
                if unknown:
                    report.warning(file, where, f"unknown key(s) {', '.join(map(str, unknown))}"
                                   ": ignored")
                rules.append(_requirements(pattern, key, value, file, where, report))
            else:
                report.warning(file, where, "not a key of the format, nor a test group with "
                               "its requirements: ignored")
        entries.append(_Entry(pattern, tuple(r for r in rules if _says_something(r)), fields))
    return entries


def _says_something(rule: Rule) -> bool:
    return any(getattr(rule, k) is not None for k in _REQUIREMENTS)


def expectations_for(path: str, entries: Sequence[_Entry]) -> Expectations:
    """A submission's expectations: its folder's default (overridden key by key by an entry
    named exactly like the folder), then every other entry whose glob matches it."""
    folder = path.split("/")[0]
    rules: list[Rule] = []
    fields: dict[str, Any] = {}
    default = DEFAULTS.get(folder)
    for entry in entries:
        if entry.pattern.strip("/") == folder and default is not None:
            top = next((r for r in entry.rules if not r.tests), None)
            if top is not None:
                default = replace(default, **{k: getattr(top, k) for k in _REQUIREMENTS
                                              if getattr(top, k) is not None})
            rules += [r for r in entry.rules if r.tests]
            fields |= entry.fields
        elif glob_matches(entry.pattern, path):
            rules += entry.rules
            fields |= entry.fields
    if default is not None:
        rules.insert(0, replace(default, origin=f"default of {folder}/"
                                if default == DEFAULTS[folder] else folder))
    return Expectations(tuple(rules), language=fields.get("language"),
                        entrypoint=fields.get("entrypoint"), authors=fields.get("authors"),
                        model_solution=bool(fields.get("model_solution", False)))


def tests_of(rule: Rule, test_names: Iterable[str]) -> list[str]:
    """The tests (names relative to data/, no .in) a rule applies to."""
    return [t for t in test_names if not rule.tests or glob_matches(rule.tests, t)]


@dataclass(frozen=True)
class Outcome:
    """How a submission did on one test, in the format's words."""

    verdict: str  # one of VERDICTS
    time: float = 0.0
    message: str = ""  # the output validator's judgemessage


def failures(expect: Expectations, outcomes: Mapping[str, Outcome],
             score: float | None = None, test_names: Sequence[str] | None = None
             ) -> list[str]:
    """Every rule the outcomes break, each saying which rule and why (empty: all kept).

    `test_names` are all the problem's tests when `outcomes` may lack some (judging stopped
    once the rules were decided): a rule none of whose tests ran breaks nothing, and one
    whose tests did not all run is not held to `required` or `message` (undecided)."""
    found = []
    for rule in expect.rules:
        names = tests_of(rule, outcomes)
        covered = names if test_names is None else tests_of(rule, test_names)
        where = f"{rule.origin}" + (f" on {rule.tests}" if rule.tests else "")
        if not covered:
            if rule.tests:
                found.append(f"{where}: no test matches {rule.tests}")
            continue
        if not names:
            continue
        every = len(names) == len(covered)
        got = {n: outcomes[n].verdict for n in names}
        if rule.permitted is not None:
            bad = [n for n in names if got[n] not in rule.permitted]
            if bad:
                found.append(f"{where}: {got[bad[0]]} on {bad[0]}"
                             + (f" (and {len(bad) - 1} more)" if len(bad) > 1 else "")
                             + f", permitted {_show(rule.permitted)}")
        if rule.required is not None and every and not any(got[n] in rule.required
                                                            for n in names):
            seen = _show(frozenset(got.values()))
            found.append(f"{where}: required {_show(rule.required)} on some test, got {seen}")
        if rule.message is not None and every and not any(rule.message in outcomes[n].message
                                                          for n in names):
            found.append(f"{where}: message {rule.message!r} in no test's judge message")
        if rule.score is not None and score is not None and not rule.tests:
            low, high = rule.score
            if not low - 1e-9 <= score <= high + 1e-9:
                want = f"{low:g}" if low == high else f"{low:g}..{high:g}"
                found.append(f"{where}: score {score:g}, expected {want}")
    return found


def _show(verdicts: frozenset[str]) -> str:
    return "/".join(v for v in VERDICTS if v in verdicts) or "none"


@dataclass(frozen=True)
class Bounds:
    """What the judges' runs say of the time limit: the slowest run that must fit, and the
    fastest that must not (None: no such run)."""

    slowest_lower: float | None = None
    slowest_lower_at: str = ""  # "submission on test"
    fastest_upper: float | None = None
    fastest_upper_at: str = ""


def bounds(runs: Iterable[tuple[str, Expectations, Mapping[str, Outcome]]]) -> Bounds:
    """The time-limit bounds from each submission's runs: a lower-bound rule's slowest test,
    and per upper-bound rule the slowest test it covers (the spec's `T`)."""
    out = Bounds()
    for name, expect, outcomes in runs:
        for rule in expect.rules:
            tests = tests_of(rule, outcomes)
            if not tests:
                continue
            slowest = max(tests, key=lambda t: outcomes[t].time)
            time = outcomes[slowest].time
            # a run too slow already breaks its own rule: it bounds nothing from below
            fits = [t for t in tests if outcomes[t].verdict != "TLE"]
            if rule.lower_bound and fits:
                low = max(fits, key=lambda t: outcomes[t].time)
                if out.slowest_lower is None or outcomes[low].time > out.slowest_lower:
                    out = replace(out, slowest_lower=outcomes[low].time,
                                  slowest_lower_at=f"{name} on {low}")
            if rule.upper_bound and (out.fastest_upper is None or time < out.fastest_upper):
                out = replace(out, fastest_upper=time, fastest_upper_at=f"{name} on {slowest}")
    return out


def infer_time_limit(found: Bounds, rule: TimeLimitRule) -> float | None:
    """The smallest multiple of time_resolution with T_ac x ac_to_time_limit <= limit and
    limit x time_limit_to_tle <= T_tle (None: no such multiple, or no lower bound)."""
    if found.slowest_lower is None:
        return None
    limit = compute_time_limit(replace(rule, time_limit=None), found.slowest_lower)
    if found.fastest_upper is not None and not safely_over_limit(rule, limit,
                                                                  found.fastest_upper):
        return None
    return limit


def stop_plan(expect: Expectations, test_names: Sequence[str], limit: float,
              exact_lower: bool) -> dict:
    """What the runner needs to stop judging a submission once its rules are decided (see
    judge/stopping.py): each rule over the tests it covers. A rule's tests all run when a
    message or score is looked for, and, with `exact_lower` (the time limit is inferred),
    when it opts in to bound the limit from below (`use_for_time_limit: lower`). A rule
    that only bounds it by default (TLE not permitted: accepted/ runs every test anyway,
    wrong_answer/ stops at its first failure, as BAPCtools does) gives the slowest of the
    tests it needed. An upper-bound rule waits for a test stopped at the kill limit (then
    its slowest test is known)."""
    rules = []
    for rule in expect.rules:
        tests = tests_of(rule, test_names)
        if not tests:
            continue
        rules.append({
            "tests": tests,
            "permitted": None if rule.permitted is None else sorted(rule.permitted),
            "required": None if rule.required is None else sorted(rule.required),
            "complete": rule.message is not None or rule.score is not None
            or (exact_lower and rule.use_for_time_limit == "lower"),
            "until_timeout": rule.upper_bound})
    return {"limit": limit, "rules": rules}
