"""When a run of tests may stop early: a plan of watched rules over the tests' verdicts.

The runner judges tests one after the other; a caller that only needs to know whether some
rules hold (a package's submissions.yaml, say) gives it a plan, and the runner stops as soon
as further tests cannot change what is decided: a rule is broken, or every rule is settled.
Standard library only (the runner imports it inside the sandbox); pure.

A plan is {"limit": seconds, "rules": [rule, ...]}; a rule is a mapping with
- "tests": the names of the tests it watches;
- "permitted": verdicts every one of them must get, or None;
- "required": verdicts one of them must get, or None;
- "complete": it needs all its tests run (their times bound something, or a message or
  score is looked for), unless it is broken;
- "until_timeout": once required is met, it is settled only by a test stopped at the kill
  limit (so the slowest of its tests is known: nothing can be slower) or by all its tests.
Verdicts are the package format's four (AC, WA, TLE, RTE): a run slower than "limit" is TLE
whatever it got, memory and output limits are RTE. A rule whose required verdict was met
is settled once some test failed (as a contest stops at the first failure) unless it is
"complete"; else once all its tests ran. A test only settled rules watch is not run.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

CRASHES = ("RTE", "MLE", "OLE")


def format_verdict(verdict: str, time: float, limit: float) -> str:
    """A runner verdict in the package format's four (None for a judging error)."""
    if verdict == "TLE" or time > limit:
        return "TLE"
    if verdict in CRASHES:
        return "RTE"
    return verdict


def should_stop(plan: Mapping, results: Sequence[Mapping]) -> bool:
    """Whether the tests judged so far (the runner's results, in order) decide every rule of
    the plan, so the rest need not run."""
    limit = plan["limit"]
    got = {r["name"]: format_verdict(r["verdict"], r["time"], limit) for r in results}
    if any(v not in ("AC", "WA", "TLE", "RTE") for v in got.values()):
        return True  # a judging error: nothing after it is worth running
    timed_out = {r["name"] for r in results if r["verdict"] == "TLE"}
    failed = any(v != "AC" for v in got.values())
    rules = plan["rules"]
    if any(_broken(rule, got) for rule in rules):
        return True
    return bool(rules) and all(_settled(rule, got, failed, timed_out) for rule in rules)


def needed(plan: Mapping, results: Sequence[Mapping], test: str) -> bool:
    """Whether a test must run: some rule watching it is not settled yet (a test no rule
    watches, or only rules already decided, is skipped)."""
    limit = plan["limit"]
    got = {r["name"]: format_verdict(r["verdict"], r["time"], limit) for r in results}
    timed_out = {r["name"] for r in results if r["verdict"] == "TLE"}
    failed = any(v != "AC" for v in got.values())
    return any(test in rule["tests"] and not _settled(rule, got, failed, timed_out)
               for rule in plan["rules"])


def _broken(rule: Mapping, got: Mapping[str, str]) -> bool:
    permitted = rule.get("permitted")
    return permitted is not None and any(
        got[t] not in permitted for t in rule["tests"] if t in got)


def _settled(rule: Mapping, got: Mapping[str, str], failed: bool,
             timed_out: set[str]) -> bool:
    ran = [t for t in rule["tests"] if t in got]
    if len(ran) == len(rule["tests"]):
        return True
    required = rule.get("required")
    if required is not None and not any(got[t] in required for t in ran):
        return False
    if rule.get("complete") or not failed:
        return False
    return not rule.get("until_timeout") or any(t in timed_out for t in ran)
