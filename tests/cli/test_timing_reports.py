"""The tables of `podium doctor`'s calibration and of `podium contest dry-run`, as printed."""

from __future__ import annotations

import io

from rich.console import Console

from appliance.contest.dry_run import DryRun, ProblemDryRun, SubmissionRuns
from appliance.doctor.calibration import Calibration, SlotCalibration
from cli.report import print_calibration, print_dry_run


def printed(fn, *args) -> str:
    out = io.StringIO()
    fn(Console(file=out, width=200, color_system=None), *args)
    return out.getvalue()


def test_the_calibration_shows_each_slots_spread_sandboxed_beside_bare() -> None:
    text = printed(print_calibration, Calibration(3, [
        SlotCalibration("c", "0", (0.10, 0.11, 0.12), (0.10, 0.10, 0.10)),
        SlotCalibration("python3", "1", (), (), "sandboxed: JE the sandbox failed")]))
    assert "3 runs per slot" in text
    row = next(line for line in text.splitlines() if "│ c " in line)
    assert "0.110" in row and "7.4%" in row and "0.100" in row and "0.0%" in row
    assert "sandboxed: JE the sandbox failed" in text


def test_the_dry_run_table_then_each_thing_to_check() -> None:
    text = printed(print_dry_run, DryRun("wf", 2, 2, problems=[
        ProblemDryRun("sum", "A", 1.0, 2.0, (
            SubmissionRuns("accepted/slow.py", "accepted", "python3", ("AC", "AC"), (0.6, 0.6)),
            SubmissionRuns("accepted/bad.py", "accepted", "python3", ("WA", "WA"), (0.1, 0.1),
                           agrees=False, detail="got WA: secret/1: wrong"))),
        ProblemDryRun("paths", "B", error="problem.yaml: limits.time_limit: not a number")]))
    assert "Dry run of wf: 2 runs of each jury submission on 2 slots" in text
    assert "1.7x" in text and "1 differ" in text and "error" in text
    assert "A: the slowest accepted run (accepted/slow.py) fits 1.7x in the limit" in text
    assert "A accepted/bad.py: expected accepted, got WA: secret/1: wrong" in text
    assert "B paths: problem.yaml: limits.time_limit: not a number" in text
    assert "The dry run found problems" in text
