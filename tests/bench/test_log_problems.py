"""The load benches' reading of a server log: warnings, errors and tracebacks are problems;
the machine's timing findings that `serve` logs at start (`doctor:`) are kept apart."""

from __future__ import annotations

from pathlib import Path

from bench.load import log_problems


def test_the_machine_s_findings_are_not_the_server_s_problems(tmp_path: Path) -> None:
    log = tmp_path / "serve.log"
    log.write_text(
        "2026-12-06 22:01:51 WARNING podium.serve doctor: aslr: address space layout "
        "randomisation is on (2)\n"
        "2026-12-06 22:01:52 INFO podium.serve serving on http://127.0.0.1:8080\n"
        "2026-12-06 22:02:10 ERROR podium.dispatch sandbox gone\n"
        "Traceback (most recent call last):\n")
    found = log_problems(log)
    assert found["problems"] == 2 and found["first"][0].endswith("sandbox gone")
    assert len(found["machine"]) == 1 and "aslr" in found["machine"][0]
