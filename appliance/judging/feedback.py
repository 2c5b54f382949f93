"""Feedback a team can learn from: when its submission fails on a test it may see, that
test's input, the expected answer and the program's output side by side, the first
difference marked (`differences.py`), from the output kept with each run.

Which tests a team may see whole, one rule for the pages and the JSON:
- every sample (`data/sample`), in a contest and in practice;
- the test groups a 2025-09 package opens with `full_feedback: true` in their
  `test_group.yaml` (the format's own word: "contestants should be shown the full feedback,
  including the test data"), for any problem, scoring or not;
- in practice only, every test of a problem whose problem.yaml `keywords` hold
  `full-feedback` (the practice archive's word, as `easy`/`medium`/`hard` are its
  difficulty): the way a legacy or 2023-07 package says it.
An interactive problem's inputs are never shown (`statements/samples.py`'s rule), so it
gets no such feedback. Pure apart from reading the test files."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from appliance.contest.visibility import Viewer, sees_run_of
from appliance.judging.differences import difference_json, text_head
from appliance.problems import aggregation
from appliance.problems.load import Problem
from appliance.problems.report import V2025

FULL_FEEDBACK = "full-feedback"  # the problem.yaml keyword opening every test in practice
SAMPLE = "sample"


def open_groups(problem: Problem, practice: bool) -> frozenset[str]:
    """The test groups (beyond the samples) whose tests a team sees one by one, and whole
    when one fails: "secret" itself opens every secret test."""
    opened: set[str] = set()
    if problem.format_version == V2025:
        opened |= {name for name, g in aggregation.read_groups(
            problem.path, problem.constants).items() if g.full_feedback}
    if practice and FULL_FEEDBACK in (k.lower() for k in problem.keywords):
        opened.add("secret")
    return frozenset(opened)


def failed_test(viewer: Viewer, problem: Problem, runs: Iterable[Mapping[str, Any]],
                practice: bool) -> dict[str, Any] | None:
    """The first failed run the viewer may see whole, with its test's input and answer, the
    kept output and where it first differs; None when there is none to show (accepted,
    failed on a secret test, interactive, or judged before outputs were kept)."""
    if problem.interactive:
        return None
    opened = open_groups(problem, practice)
    tests = {t.name: t for t in problem.tests}
    for run in runs:
        if run["verdict"] == "AC" or not sees_run_of(viewer, run["test_name"], opened):
            continue
        test = tests.get(run["test_name"])
        if test is None or run.get("output") is None:
            return None
        answer = text_head(test.answer)
        return {"test_name": run["test_name"], "verdict": run["verdict"],
                "input": text_head(test.input), "answer": answer, "stdout": run["output"],
                "stdout_size": run["output_size"] or 0,
                "difference": difference_json(run["output"], answer)}
    return None
