"""`podium doctor` on this machine, as CI runs it (non-fatal: its findings are listed, whatever
they are): every check, then the busy loop's spread sandboxed beside bare, per slot."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import main

pytestmark = pytest.mark.docker

CHECKS = {"cgroups", "swap", "huge_pages", "governor", "turbo", "smt", "aslr", "clock_source",
          "virtual_machine", "load", "disk", "docker", "storage_driver"}


def test_doctor_lists_this_machines_findings_and_calibrates(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["doctor", "--json", "--runs", "2", "--pool-size", "2",
                                       "--data", str(tmp_path)])
    assert result.exit_code in (0, 1), result.output  # 1: a finding puts judging at risk
    report = json.loads(result.output)
    findings = {f["key"]: f for f in report["findings"]}
    assert set(findings) == CHECKS
    assert all(f["level"] in ("ok", "warn", "fail") and f["what"] for f in findings.values())
    assert all(f["fix"] for f in findings.values() if f["level"] != "ok")
    slots = report["calibration"]["slots"]
    assert {s["language"] for s in slots} == {"c", "python3"}
    for slot in slots:
        assert slot["error"] is None, slot
        assert len(slot["sandboxed"]) == len(slot["bare"]) == 2
        assert slot["sandboxed_spread"] is not None and slot["bare_spread"] is not None


def test_doctor_prints_a_table_of_findings(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["doctor", "--no-calibration", "--data", str(tmp_path)])
    assert result.exit_code in (0, 1), result.output
    assert "What makes timings untrustworthy here" in result.output
    assert all(key in result.output for key in CHECKS)
    assert "to act on" in result.output
