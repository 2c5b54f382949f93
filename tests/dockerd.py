"""A second Docker engine on this machine for tests: its own dockerd with its own data root,
exec root, pid file and unix socket (no iptables, no bridge, as install.sh starts the first),
killed or stopped at will, and cleaned away whole at the end."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

import docker

START_S = 60.0  # a loaded machine starts dockerd slowly
STOP_S = 30.0


class Dockerd:
    """One extra dockerd in a temporary folder; `url` is its socket."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="podium-dockerd-"))
        self.url = f"unix://{self.root}/docker.sock"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        """Start it and wait until it answers."""
        log = open(self.root / "dockerd.log", "ab")  # noqa: SIM115 - the child keeps it
        self.process = subprocess.Popen(
            [shutil.which("dockerd") or "dockerd", "--data-root", str(self.root / "data"),
             "--exec-root", str(self.root / "exec"), "--pidfile", str(self.root / "docker.pid"),
             "-H", self.url, "--iptables=false", "--bridge=none"],
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        log.close()
        deadline = time.monotonic() + START_S
        while True:
            try:
                client = docker.DockerClient(base_url=self.url, timeout=5)
                client.ping()
                client.close()
                return
            except docker.errors.DockerException:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("the second dockerd did not start: "
                                       + (self.root / "dockerd.log").read_text()[-2000:]) from None
                time.sleep(0.2)

    def kill(self) -> None:
        """SIGKILL, as a machine that dies would (its containers' shims live on)."""
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(STOP_S)

    def stop(self) -> None:
        """Stop it gracefully (its containers stop too), bounded."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(STOP_S)
        except subprocess.TimeoutExpired:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(STOP_S)

    def remove(self) -> None:
        """Stop it, end what it left running (shims of killed runs), unmount, delete."""
        self.stop()
        for pid in _pids_naming(str(self.root)):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        for mount in reversed(_mounts_under(str(self.root))):
            subprocess.run(["umount", "-l", mount], capture_output=True, timeout=30)
        shutil.rmtree(self.root, ignore_errors=True)


def _pids_naming(text: str) -> list[int]:
    """Processes whose command line names `text` (this engine's own folder)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if text.encode() in (entry / "cmdline").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def _mounts_under(root: str) -> list[str]:
    mounts = []
    for line in Path("/proc/self/mounts").read_text().splitlines():
        point = line.split()[1]
        if point == root or point.startswith(root + "/"):
            mounts.append(point)
    return mounts
