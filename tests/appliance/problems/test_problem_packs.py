"""Every demo package in problem_packs/ verifies: its data passes its input validators and
every submission gets what its folder expects, judged for real."""

from __future__ import annotations

from pathlib import Path

import pytest

from appliance.problems.load import load_problem
from appliance.problems.verify import verify
from judge.languages import load_languages
from tests.paths import PACKS

pytestmark = pytest.mark.docker

PACKAGES = sorted(p.parent for p in PACKS.glob("*/problem.yaml"))


def test_the_demo_contest_has_its_problems() -> None:
    assert len(PACKAGES) >= 9
    problems = [load_problem(p) for p in PACKAGES]
    assert any(p.output_validator and not p.interactive for p in problems), "a custom validator"
    assert any(p.interactive for p in problems), "an interactive one"
    assert any(p.flags.float_absolute_tolerance for p in problems), "one with float tolerance"
    assert any(len(p.names) > 1 for p in problems), "one with a statement in two languages"
    assert max(t.input.stat().st_size for p in problems for t in p.tests) >= 10 * 2**20


@pytest.mark.parametrize("package", PACKAGES, ids=lambda p: p.name)
def test_demo_package_verifies(pool, blobs, package: Path) -> None:
    report = verify(load_problem(package), pool, blobs, load_languages())
    failures = [c.to_json() for c in [*report.inputs, *report.submissions] if not c.ok]
    assert report.ok, (report.errors, failures)
    assert all(c.got is not None for c in report.submissions), "every language is Podium's"
