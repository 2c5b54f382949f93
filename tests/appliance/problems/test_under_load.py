"""Verdicts that hold under load: every jury submission of the demo packages (the
interactive one included), verified ten times with every slot of the pool busy and a CPU
hog on every core outside Podium, gets what its folder expects every time.

Slow (minutes): run with PODIUM_LOAD_REPEAT=1. The number of repetitions is
PODIUM_LOAD_ROUNDS (10). A flip is reported with each round's verdict and time, so a limit
computed with too little margin shows as the submission whose time crosses it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections import defaultdict
from collections.abc import Iterator

import pytest

from appliance.problems.load import load_problem
from appliance.problems.verify import verify
from judge.languages import load_languages
from tests.paths import PACKS

pytestmark = [pytest.mark.docker,
              pytest.mark.skipif(os.environ.get("PODIUM_LOAD_REPEAT") != "1",
                                 reason="slow: set PODIUM_LOAD_REPEAT=1")]

ROUNDS = int(os.environ.get("PODIUM_LOAD_ROUNDS", "10"))
PACKAGES = sorted(p.parent for p in PACKS.glob("*/problem.yaml"))
HOG = "import os\nparent = os.getppid()\nwhile os.getppid() == parent: pass"  # ends with the test


@pytest.fixture
def cpu_hogs() -> Iterator[list[subprocess.Popen]]:
    """A busy loop per core of this machine, outside any sandbox, for the test's length."""
    hogs = [subprocess.Popen([sys.executable, "-S", "-c", HOG])
            for _ in range(os.cpu_count() or 1)]
    try:
        yield hogs
    finally:
        for hog in hogs:
            hog.kill()
            hog.wait()


def test_verdicts_hold_under_load(pool, blobs, cpu_hogs) -> None:
    languages = load_languages()
    problems = {path.name: load_problem(path) for path in PACKAGES}
    assert any(p.interactive for p in problems.values()), "an interactive package"
    seen: dict[tuple[str, str], list[str]] = defaultdict(list)
    wrong: set[tuple[str, str]] = set()
    for _ in range(ROUNDS):
        for name, problem in problems.items():
            report = verify(problem, pool, blobs, languages, parts=("submissions",))
            assert not report.errors, (name, report.errors)
            for check in report.submissions:
                if check.skipped:
                    continue
                got = check.got.value if check.got else None
                seen[name, check.path].append(
                    f"{got}@{check.time:.3f}s/limit {report.time_limit:.3f}s")
                if not check.ok:
                    wrong.add((name, check.path))
    flips = {f"{name}/{path}": seen[name, path] for name, path in sorted(wrong)}
    assert not flips, flips

