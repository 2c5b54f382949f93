"""Verify judges a submission of the next phase early, in a slot the probe leaves free, at
the limit the runs ended so far bound; when a run still going raises the limit, the early
judging is not kept: the submission is judged again at the final limit."""

from __future__ import annotations

from pathlib import Path

import pytest

from appliance.problems.load import load_problem
from appliance.problems.verify import verify
from judge.languages import load_languages
from judge.verdicts import Verdict

pytestmark = pytest.mark.docker

PROBLEM = """\
problem_format_version: 2025-09
type: pass-fail
name: Echo
uuid: 0b5e1d6a-93c2-4f7e-8d41-6a2f9c3e7b15
credits: Podium tests
license: cc0
rights_owner: Podium tests
limits:
  time_multipliers: {ac_to_time_limit: 2.0, time_limit_to_tle: 1.5}
  time_resolution: 1.0
"""
SUBMISSIONS = {
    "accepted/fast.py": "print(input())\n",
    # 0.7 s of CPU: the limit becomes 2 s (the smallest whole second over 0.7 x 2); the
    # fast one alone bounds it at 1 s, and it ends first, while this one still runs
    "accepted/slow.py": "import time\nwhile time.process_time() < 0.7:\n    pass\n"
                        "print(input())\n",
    # 3 s asleep: a run is stopped a second past its kill limit, so within the final
    # 2 s x 1.5 + 1, and over what a judging at the fast one's bound allows (1 s x 1.5 + 1)
    "time_limit_exceeded/not_slow_enough.py": "import time\ntime.sleep(3)\n"
                                              "print(input())\n",
}


def test_an_early_judging_at_a_limit_the_probe_then_raised_is_judged_again(
        pool, blobs, tmp_path: Path) -> None:
    package = tmp_path / "echo"
    (package / "data/secret").mkdir(parents=True)
    (package / "problem.yaml").write_text(PROBLEM)
    (package / "data/secret/1.in").write_text("7\n")
    (package / "data/secret/1.ans").write_text("7\n")
    for name, source in SUBMISSIONS.items():
        (package / "submissions" / name).parent.mkdir(parents=True, exist_ok=True)
        (package / "submissions" / name).write_text(source)
    report = verify(load_problem(package), pool, blobs, load_languages(), parts=["submissions"])
    assert report.time_limit == 2.0 and report.time_limit_computed, report.bounds
    checks = {Path(c.path).name: c for c in report.submissions}
    assert {name: c.got for name, c in checks.items()} == {
        "fast.py": Verdict.AC, "slow.py": Verdict.AC, "not_slow_enough.py": Verdict.AC}, \
        [(c.path, c.time, c.detail) for c in checks.values()]
    # judged at the final limit: it fits, so its folder's rule is broken
    assert checks["not_slow_enough.py"].broken
