"""The hardening of a judging container, as one pure description (tested without Docker).

A container gets no network, a read-only root, all capabilities dropped except the three the
runner needs to run the submission as another user and to kill what it leaves behind
(SETUID, SETGID, KILL; the submission itself holds none), no-new-privileges, Docker's
default seccomp profile, a pids limit, a memory limit with no swap, one CPU, and small
tmpfs folders. The host's toolchains are bind-mounted read-only from /usr and a few files
of /etc; nothing else of the host is visible.

Three unprivileged users: the compiler runs as `uid` and owns /work; tests run as `run_uid`,
which can read and run what was compiled but cannot change it or leave files there, so no
test sees what an earlier one left; output validators run as `validator_uid`, whose files
only its group may reach. Outputs go to a root-only scratch folder on the host's disk, so
they are page cache, not memory charged to the submission.
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass, field
from pathlib import Path

MiB = 1024 * 1024

LABEL = "podium.sandbox"
OWNER_LABEL = "podium.owner"
SCRATCH_LABEL = "podium.scratch"

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
SCRATCH = "/out"  # a host folder per container, root only
BLOBS = "/blobs"
RUNNER_DIR = "/podium"
RUNNER = f"{RUNNER_DIR}/judge/runner.py"
LAUNCHER = f"{RUNNER_DIR}/launch"  # in the image: starts a command under limits (launch.c)
PROGRESS = "progress.jsonl"  # in the scratch folder: the runner's test-by-test log
ARTIFACT = "artifact.tar"  # in the scratch folder: a built program (a validator) for the host


@dataclass(frozen=True)
class SandboxConfig:
    """Limits and names that hold for every judging container of one pool."""

    image: str = "podium-judge:1"
    uid: int = 10001  # compiles, owns /work
    run_uid: int = 10002  # runs the tests
    validator_uid: int = 10003  # runs output validators, after the tests' processes are gone
    compile_memory: int = 2048 * MiB
    run_slack: int = 16 * MiB
    pids_limit: int = 256
    work_size: int = 1024 * MiB
    tmp_size: int = 1024 * MiB
    host_paths: tuple[str, ...] = HOST_PATHS
    env: dict[str, str] = field(default_factory=lambda: {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "HOME": "/tmp",
        "TMPDIR": "/tmp",
        "LANG": "C.UTF-8",
    })


def owner() -> str:
    """This process as a label value, so leftovers of a dead judge can be found and removed."""
    return f"{socket.gethostname()}:{os.getpid()}"


def container_kwargs(config: SandboxConfig, blobs_dir: Path, runner_dir: Path,
                     scratch_dir: Path, cpuset: str | None) -> dict:
    """Arguments for `docker.containers.create` of one hardened sandbox whose pid 1 is the
    runner, waiting for jobs on its attached standard input; on an engine of this machine
    (or one sharing its files), with the blobs, runner and scratch folder bind-mounted."""
    volumes = toolchain_volumes(config)
    volumes[str(blobs_dir)] = {"bind": BLOBS, "mode": "ro"}
    volumes[str(runner_dir)] = {"bind": f"{RUNNER_DIR}/judge", "mode": "ro"}
    volumes[str(scratch_dir)] = {"bind": SCRATCH, "mode": "rw"}
    return _kwargs(config, volumes, [], str(scratch_dir), cpuset)


def shipped_kwargs(config: SandboxConfig, blob_volumes: dict, cpuset: str | None) -> dict:
    """The same sandbox on an engine that shares nothing of this machine (see
    `judge.shipping`): only the engine host's own toolchains are bind-mounted; the blobs
    are that engine's volume, the runner is in the image, the scratch folder an anonymous
    volume removed with the container."""
    volumes = {**toolchain_volumes(config), **blob_volumes}
    scratch = [{"Target": SCRATCH, "Source": "", "Type": "volume", "ReadOnly": False}]
    return _kwargs(config, volumes, scratch, "", cpuset)


def toolchain_volumes(config: SandboxConfig) -> dict:
    """The toolchain paths of the engine's host, read-only (those missing are skipped:
    the check is made here, which is the engine's host when the engine is this machine's,
    and the same paths on a judge host set up by `install.sh --judge-host`)."""
    return {path: {"bind": path, "mode": "ro"} for path in config.host_paths
            if os.path.exists(path)}


def _kwargs(config: SandboxConfig, volumes: dict, mounts: list, scratch: str,
            cpuset: str | None) -> dict:
    tmpfs = {
        WORKDIR: f"rw,exec,nosuid,nodev,size={config.work_size},uid={config.uid},"
                 f"gid={config.uid},mode=0755",
        "/tmp": f"rw,exec,nosuid,nodev,size={config.tmp_size},mode=1777",
    }
    kwargs = dict(
        image=config.image,
        command=["/usr/bin/python3", "-S", "-B", RUNNER, "--serve"],  # pid 1: jobs on stdin
        stdin_open=True,
        log_config={"type": "none"},  # the reports travel by attach alone, never to a log
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
        **({"mounts": mounts} if mounts else {}),
        environment=dict(config.env),
        cgroupns="private",
        ipc_mode="private",
        shm_size=64 * MiB,
        labels={LABEL: "1", OWNER_LABEL: owner(), SCRATCH_LABEL: scratch},
    )
    if cpuset is not None:
        kwargs["cpuset_cpus"] = cpuset
    return kwargs


def run_memory(config: SandboxConfig, memory_limit: int, retained: int) -> int:
    """The container's memory while tests run: the problem's limit on top of what the
    compile step left (the runner and the compiled files, measured), plus a small slack.

    Processes of one test together hit this wall, so memory spread over several processes
    or parked in /tmp is counted, not only the largest process.
    """
    return memory_limit + retained + config.run_slack


def job_blobs(job: dict) -> list[str]:
    """Every blob a job reads: sources, test inputs and answers, a validator's build."""
    names = [entry["blob"] for entry in job.get("files", ())]
    for test in job.get("tests", ()):
        names += [test["input"], test["answer"]]
    if job.get("validator"):
        names.append(job["validator"]["artifact"])
    if job.get("unpack"):
        names.append(job["unpack"])
    return names
