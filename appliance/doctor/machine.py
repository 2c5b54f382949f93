"""This machine's findings, gathered: /proc and /sys, the data folder's disk, the local
Docker engine. The I/O around `findings`, shared by `podium doctor` and `podium serve`'s
start-up warnings."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from appliance.config import Config
from appliance.doctor.findings import Finding, disk, engine, host_findings, slot_cpus
from judge.errors import SandboxError
from judge.pool import DOCKER_ERRORS, connect


def pool_cpus(size: int) -> list[str]:
    """The CPUs a local pool of `size` slots started by this process is pinned to."""
    return slot_cpus(size, [str(c) for c in sorted(os.sched_getaffinity(0))])


def examine(config: Config, root: Path = Path("/"), docker: bool = True) -> list[Finding]:
    """Every finding about this machine for a pool of `config.pool_size` slots."""
    findings = host_findings(root, pool_cpus(config.pool_size))
    folder = config.data_dir
    while not folder.exists() and folder != folder.parent:  # not made yet: its disk
        folder = folder.parent
    usage = shutil.disk_usage(folder)
    findings.append(disk(config.data_dir, usage.free, usage.total))
    if docker:
        findings += engine_findings()
    return findings


def engine_findings() -> list[Finding]:
    """The local engine (DOCKER_HOST or the default socket): answers, limits, driver."""
    try:
        client = connect(timeout=10)
        try:
            info = client.info()
        finally:
            client.close()
    except SandboxError as exc:
        return engine(None, str(exc).partition("; ")[0].removeprefix(
            "the Docker engine does not answer: "))
    except DOCKER_ERRORS as exc:
        return engine(None, str(exc))
    return engine(info)
