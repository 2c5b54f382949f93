"""`podium serve` warns at start, one line each, about what `podium doctor` would flag."""

from __future__ import annotations

from pathlib import Path

from appliance.config import Config
from tests.appliance.doctor.test_findings import GOOD, machine
from web.serve import timing_warnings


def test_serve_warns_one_line_per_flagged_finding(tmp_path: Path) -> None:
    root = machine(tmp_path / "root", {**GOOD, "proc/sys/kernel/randomize_va_space": "2\n"})
    config = Config.build(data_dir=tmp_path / "data", pool_size=2)
    lines = timing_warnings(config, root, docker=False)
    assert any(line.startswith("doctor: aslr: address space layout randomisation is on (2)")
               and "sysctl" in line for line in lines)
    assert not any(line.startswith(("doctor: swap", "doctor: governor")) for line in lines)
