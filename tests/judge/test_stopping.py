"""The runner's stop plan: judging stops once the watched rules are decided, and skips tests
only settled rules watch (judge/stopping.py), with rules as the package format's folders
give them."""

from __future__ import annotations

from judge.stopping import format_verdict, needed, should_stop

TESTS = ["sample/1", "secret/1", "secret/2", "secret/3"]


def rule(tests=TESTS, permitted=None, required=None, complete=False, until_timeout=False):
    return {"tests": list(tests), "permitted": permitted, "required": required,
            "complete": complete, "until_timeout": until_timeout}


def plan(*rules, limit=1.0):
    return {"limit": limit, "rules": list(rules)}


def results(*verdicts, time=0.1):
    return [{"name": name, "verdict": v, "time": time} for name, v in zip(TESTS, verdicts,
                                                                          strict=False)]


WRONG_ANSWER = rule(permitted=["AC", "WA"], required=["WA"])
ACCEPTED = rule(permitted=["AC"], complete=True)
TLE_FOLDER = rule(permitted=["AC", "TLE"], required=["TLE"], until_timeout=True)
REJECTED = rule(required=["RTE", "TLE", "WA"])


def test_a_wrong_answer_stops_at_its_first_wrong_answer():
    assert not should_stop(plan(WRONG_ANSWER), results("AC", "AC"))
    assert should_stop(plan(WRONG_ANSWER), results("AC", "WA"))


def test_a_rule_that_needs_every_test_keeps_going_after_its_required_verdict():
    complete = {**WRONG_ANSWER, "complete": True}
    assert not should_stop(plan(complete), results("AC", "WA"))
    assert should_stop(plan(complete), results("AC", "WA", "AC", "WA"))


def test_a_verdict_outside_permitted_stops_at_once():
    assert should_stop(plan(ACCEPTED), results("WA"))
    assert should_stop(plan(WRONG_ANSWER), results("RTE"))


def test_an_accepted_submission_runs_every_test():
    assert not should_stop(plan(ACCEPTED), results("AC", "AC", "AC"))
    assert should_stop(plan(ACCEPTED), results("AC", "AC", "AC", "AC"))


def test_a_time_limit_exceeded_stops_at_a_test_stopped_at_the_kill_limit():
    assert should_stop(plan(TLE_FOLDER), results("AC", "TLE", time=1.5))


def test_a_run_over_the_limit_but_not_killed_is_tle_yet_its_slowest_test_is_unknown():
    slow = results("AC", "AC", time=1.2)  # over the 1 s limit, under the kill limit
    assert not should_stop(plan(TLE_FOLDER), slow)
    assert format_verdict("AC", 1.2, 1.0) == "TLE"
    assert should_stop(plan({**TLE_FOLDER, "until_timeout": False}), slow)


def test_a_rejected_submission_stops_at_its_first_failure():
    assert should_stop(plan(REJECTED), results("AC", "RTE"))
    assert format_verdict("MLE", 0.1, 1.0) == format_verdict("OLE", 0.1, 1.0) == "RTE"


def test_every_rule_must_be_settled_before_stopping():
    group = rule(tests=["secret/3"], permitted=["AC", "TLE"], required=["TLE"])
    assert not should_stop(plan(REJECTED, group), results("AC", "WA"))


def test_a_test_only_settled_rules_watch_is_skipped():
    samples = rule(tests=["sample/1"], permitted=["AC"])
    hard = rule(tests=["secret/2", "secret/3"], required=["TLE"])
    so_far = results("AC")
    assert not needed(plan(samples, hard), so_far, "secret/1")  # no rule watches it
    assert needed(plan(samples, hard), so_far, "secret/2")


def test_a_judging_error_stops():
    assert should_stop(plan(ACCEPTED), results("JE"))
