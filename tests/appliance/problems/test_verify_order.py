"""The order verify starts a phase's judgings in: the runs that may last until the time limit
first (started last, they would end last, with the other slots idle)."""

from __future__ import annotations

from pathlib import Path

from appliance.problems.programs import PackageSubmission
from appliance.problems.verify import _longest_first


def entry(folder: str, verdicts: set[str]) -> PackageSubmission:
    return PackageSubmission(Path(f"submissions/{folder}/a.py"), folder, frozenset(verdicts))


def test_a_folder_that_lets_a_run_time_out_goes_first_the_rest_keep_their_order() -> None:
    """A legacy or 2023-07 package has no rules, only its folders' verdicts."""
    accepted, wrong = entry("accepted", {"AC"}), entry("wrong_answer", {"WA"})
    slow, partial = entry("time_limit_exceeded", {"TLE"}), entry("partially_accepted",
                                                                  {"AC", "WA", "TLE", "RTE"})
    order = _longest_first([(s, []) for s in (accepted, wrong, slow, partial)])
    assert [s.expected for s, _ in order] == ["time_limit_exceeded", "partially_accepted",
                                              "accepted", "wrong_answer"]
