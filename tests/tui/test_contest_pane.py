"""The contest pane's dry-run panel: what the jury reads before the start."""

from __future__ import annotations

from tests.tui.canned import DRY_RUN
from tui.panes.contest import dry_run_text


def test_no_dry_run_yet_says_how_to_make_one() -> None:
    assert "podium contest dry-run" in dry_run_text(None).plain


def test_each_problem_its_margin_and_the_verdicts_to_check() -> None:
    text = dry_run_text(DRY_RUN).plain
    assert "verdicts to check" in text
    assert "B floats  limit 2 s  slowest AC 1.410 s  1.4x  spread 3.1%" in text
    assert "brute.cpp: verdicts change between runs: TLE AC" in text
    assert "greedy.py: expected accepted, got WA: secret/07" in text
