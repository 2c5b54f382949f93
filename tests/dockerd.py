"""A second Docker engine on this machine for tests: its own dockerd with its own data root,
exec root, pid file and unix socket (no iptables, no bridge, as install.sh starts the first),
killed or stopped at will, and cleaned away whole at the end. With `tls`, it listens on
tcp://127.0.0.1 with TLS too, certificates made as a judge host's (`judge.host_setup`), and
`url` is that: the server then treats it as an engine sharing nothing with this machine."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

from judge.engines import engine_client
from judge.errors import SandboxError
from judge.host_setup import write_certificates
from judge.pool import DOCKER_ERRORS

START_S = 60.0  # a loaded machine starts dockerd slowly
STOP_S = 30.0


class Dockerd:
    """One extra dockerd in a temporary folder; `url` is its socket, or with `tls` its TLS
    port on tcp (`cert_path`: the client certificates the server is given)."""

    def __init__(self, tls: bool = False) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="podium-dockerd-"))
        self.socket = f"unix://{self.root}/docker.sock"
        self.url = self.socket
        self.cert_path: str | None = None
        self.tls_args: list[str] = []
        if tls:
            setup = write_certificates(self.root / "certs", ["127.0.0.1"], _free_port())
            self.url, self.cert_path = setup.engine_url(), str(setup.client)
            self.tls_args = ["-H", self.url, *setup.tls_flags()]
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        """Start it and wait until it answers."""
        log = open(self.root / "dockerd.log", "ab")  # noqa: SIM115 - the child keeps it
        self.process = subprocess.Popen(
            [shutil.which("dockerd") or "dockerd", "--data-root", str(self.root / "data"),
             "--exec-root", str(self.root / "exec"), "--pidfile", str(self.root / "docker.pid"),
             "-H", self.socket, "--iptables=false", "--bridge=none", *self.tls_args],
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        log.close()
        deadline = time.monotonic() + START_S
        while True:
            try:
                client = engine_client(self.url, self.cert_path, timeout=5)
                client.ping()
                client.close()
                return
            except (*DOCKER_ERRORS, SandboxError):
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


def _free_port() -> int:
    """A tcp port of 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
