"""The hardening of a judging container, as one pure description (tested without Docker).

A container gets no network, a read-only root, all capabilities dropped except the three the
runner needs to run the submission as another user and to kill what it leaves behind
(SETUID, SETGID, KILL; the submission itself holds none), no-new-privileges, Docker's
default seccomp profile, a pids limit, a memory limit with no swap, one CPU, and small
tmpfs work folders. The host's toolchains are bind-mounted read-only from /usr and a few
files of /etc; nothing else of the host is visible.
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass, field
from pathlib import Path

MiB = 1024 * 1024

LABEL = "podium.sandbox"
OWNER_LABEL = "podium.owner"

# Paths of the host that toolchains need (configuration, alternatives, GHC's package database);
# those missing on the host are skipped.
HOST_PATHS = (
    "/usr",
    "/etc/alternatives",
    "/etc/java-17-openjdk",
    "/etc/mono",
    "/etc/php",
    "/etc/fpc.cfg",
    "/etc/fpc-3.2.2.cfg",
    "/etc/ld.so.cache",
    "/etc/ld.so.conf",
    "/etc/ld.so.conf.d",
    "/etc/localtime",
    "/var/lib/ghc",
)

WORKDIR = "/work"
SCRATCH = "/out"
BLOBS = "/blobs"
RUNNER_DIR = "/podium"


@dataclass(frozen=True)
class SandboxConfig:
    """Limits and names that hold for every judging container of one pool."""

    image: str = "podium-judge:1"
    uid: int = 10001
    compile_memory: int = 2048 * MiB
    memory_headroom: int = 64 * MiB
    pids_limit: int = 256
    work_size: int = 512 * MiB
    scratch_size: int = 1024 * MiB
    tmp_size: int = 256 * MiB
    host_paths: tuple[str, ...] = HOST_PATHS
    env: dict[str, str] = field(default_factory=lambda: {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "HOME": WORKDIR,
        "TMPDIR": "/tmp",
        "LANG": "C.UTF-8",
    })


def owner() -> str:
    """This process as a label value, so leftovers of a dead judge can be found and removed."""
    return f"{socket.gethostname()}:{os.getpid()}"


def container_kwargs(config: SandboxConfig, blobs_dir: Path, runner_dir: Path,
                     cpuset: str | None) -> dict:
    """Arguments for `docker.containers.run` that create one hardened, idle sandbox."""
    volumes = {path: {"bind": path, "mode": "ro"} for path in config.host_paths
               if os.path.exists(path)}
    volumes[str(blobs_dir)] = {"bind": BLOBS, "mode": "ro"}
    volumes[str(runner_dir)] = {"bind": f"{RUNNER_DIR}/judge", "mode": "ro"}
    tmpfs = {
        WORKDIR: f"rw,exec,nosuid,nodev,size={config.work_size},uid={config.uid},"
                 f"gid={config.uid},mode=0700",
        SCRATCH: f"rw,noexec,nosuid,nodev,size={config.scratch_size},mode=0700",
        "/tmp": f"rw,exec,nosuid,nodev,size={config.tmp_size},mode=1777",
    }
    kwargs = dict(
        image=config.image,
        command=["/usr/bin/sleep", "infinity"],
        detach=True,
        user="0:0",
        working_dir=WORKDIR,
        hostname="sandbox",
        network_mode="none",
        read_only=True,
        cap_drop=["ALL"],
        cap_add=["SETUID", "SETGID", "KILL"],
        security_opt=["no-new-privileges:true"],
        mem_limit=config.compile_memory,
        memswap_limit=config.compile_memory,
        pids_limit=config.pids_limit,
        tmpfs=tmpfs,
        volumes=volumes,
        environment=dict(config.env),
        cgroupns="private",
        ipc_mode="private",
        shm_size=64 * MiB,
        labels={LABEL: "1", OWNER_LABEL: owner()},
    )
    if cpuset is not None:
        kwargs["cpuset_cpus"] = cpuset
    return kwargs


def run_memory(config: SandboxConfig, memory_limit: int) -> int:
    """The container's memory for running tests: the problem's limit plus the runner's share."""
    return memory_limit + config.memory_headroom
