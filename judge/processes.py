"""Process control inside the sandbox: start a command under limits as an unprivileged
user, wait for it with a wall clock, kill and reap what it leaves, clean shared folders and
IPC objects, share a folder with one user's group, read back what a step wrote.

Used by the runner (compile, tests, validators) inside the container. Standard library only,
and the image's launcher (judge/launch.c) between the runner and each command.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import resource
import select
import shutil
import signal
import stat
import sys
import time

from judge.sandbox import LAUNCHER

PR_SET_CHILD_SUBREAPER = 36
MESSAGE_LIMIT = 64 * 1024
PID_PIPE = 3  # the launcher's descriptor that tells the command's pid (launch.c)
SHARED_DIRS = ("/tmp", "/dev/shm")
SYSV_IPC = ("shm", "msg", "sem")  # the kinds of /proc/sysvipc
MQUEUE = "/dev/mqueue"  # POSIX message queues
IPC_RMID = 0


def set_subreaper() -> None:
    """Adopt orphaned descendants, so a test that daemonises can still be reaped here."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)


def oom_kills() -> int:
    """How many processes the container's memory cgroup has OOM-killed so far (-1: unknown)."""
    for path in ("/sys/fs/cgroup/memory/memory.oom_control", "/sys/fs/cgroup/memory.events"):
        try:
            with open(path) as f:
                for line in f:
                    if line.startswith("oom_kill "):
                        return int(line.split()[1])
        except OSError:
            continue
    return -1


def kill_all() -> None:
    """Kill every process of the container but pid 1 and this runner, then reap them."""
    try:
        os.kill(-1, signal.SIGKILL)
    except ProcessLookupError:
        pass
    while True:
        try:
            os.waitpid(-1, 0)
        except ChildProcessError:
            return


def drop_to(uid: int) -> None:
    """Become an unprivileged user for good (capabilities go with uid 0)."""
    os.setgroups([])
    os.setgid(uid)
    os.setuid(uid)


def as_user(uid: int, action) -> bool:
    """Run `action()` in a child that has become `uid`; whether it succeeded."""
    pid = os.fork()
    if pid == 0:
        try:
            drop_to(uid)
            action()
            os._exit(0)
        except BaseException:  # noqa: BLE001 - the child must never return into the runner
            os._exit(1)
    _, status = os.waitpid(pid, 0)
    return status == 0


def open_workdir(workdir: str, owner: int) -> None:
    """Let the tests' user make files in the work folder (a problem that allows file
    writing): its owner, the compile user, opens it sticky, so the test user may add and
    remove its own files but never touch what was compiled."""
    if not as_user(owner, lambda: os.chmod(workdir, 0o1777)):
        raise OSError(f"could not open {workdir} for writing")


def clean_workdir(workdir: str, uid: int) -> None:
    """Remove what `uid` (the tests' user) wrote in the work folder, so no test sees what an
    earlier one left there."""
    def clean() -> None:
        for entry in os.scandir(workdir):
            if entry.stat(follow_symlinks=False).st_uid != uid:
                continue
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, ignore_errors=True)
            else:
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
    as_user(uid, clean)


def share_with(path: str, gid: int, mode: int) -> None:
    """Give a folder or file of root's to one user's group with `mode` (others get nothing).

    Root holds no CAP_CHOWN here, but an owner may give its file to a group it belongs to:
    the runner joins the group for the call alone (its children drop every group)."""
    groups = os.getgroups()
    os.setgroups([gid])
    try:
        os.chown(path, -1, gid, follow_symlinks=False)
    finally:
        os.setgroups(groups)
    os.chmod(path, mode)


def clean_ipc() -> None:
    """Remove every SysV IPC object and POSIX message queue, so none outlives its step.

    Root holds no CAP_IPC_OWNER here: each SysV object is removed by its creator's uid (a
    creator keeps that right whatever owner it has set since)."""
    created: dict[int, list[tuple[str, int]]] = {}
    for kind in SYSV_IPC:
        try:
            with open(f"/proc/sysvipc/{kind}") as f:
                header, *rows = f.read().splitlines()
        except (OSError, ValueError):
            continue
        names = header.split()  # key, shmid|msqid|semid, perms, ..., uid, gid, cuid, ...
        for row in rows:
            values = dict(zip(names, row.split(), strict=False))
            created.setdefault(int(values["cuid"]), []).append((kind, int(values[names[1]])))

    def remove(objects: list[tuple[str, int]]) -> None:
        libc = ctypes.CDLL(None, use_errno=True)
        for kind, ident in objects:
            if kind == "sem":
                libc.semctl(ident, 0, IPC_RMID)
            else:
                getattr(libc, f"{kind}ctl")(ident, IPC_RMID, None)

    for uid, objects in created.items():
        if uid == 0:
            remove(objects)
        else:
            as_user(uid, lambda objects=objects: remove(objects))
    with contextlib.suppress(OSError):  # root owns the sticky folder: it may unlink any queue
        for name in os.listdir(MQUEUE):
            with contextlib.suppress(OSError):
                os.unlink(os.path.join(MQUEUE, name))


def clean_shared(uid: int) -> None:
    """Empty /tmp and /dev/shm (as their owner) and remove every IPC object, so nothing a
    step parks there outlives it."""
    dirty = []
    for folder in SHARED_DIRS:  # both are root's sticky folders: root may unlink any entry
        with contextlib.suppress(OSError), os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    if folder not in dirty:  # the user's own folders: only it may empty them
                        dirty.append(folder)
                else:
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)

    def clean() -> None:
        for folder in dirty:
            for name in os.listdir(folder):
                path = os.path.join(folder, name)
                if os.path.isdir(path) and not os.path.islink(path):
                    shutil.rmtree(path, ignore_errors=True)
                else:
                    with contextlib.suppress(OSError):
                        os.unlink(path)

    if dirty:
        as_user(uid, clean)
    clean_ipc()


def retained() -> int:
    """Memory the container holds that cannot be reclaimed: processes and tmpfs files."""
    for path, keys in (("/sys/fs/cgroup/memory/memory.stat", ("total_rss", "total_shmem")),
                       ("/sys/fs/cgroup/memory.stat", ("anon", "shmem"))):
        try:
            with open(path) as f:
                stats = dict(line.split() for line in f)
            return sum(int(stats[key]) for key in keys)
        except (OSError, KeyError, ValueError):
            continue
    return 0


def launcher_argv(uid: int, workdir: str, limits: dict, argv: list[str]) -> list[str]:
    """The launcher's command line (see judge/launch.c) for argv under `limits` as `uid`:
    the CPU limit a second past the test's (the wall clock and rusage decide TLE; this only
    stops a spinning program), and the output limit as the file size limit (OLE)."""
    cpu = int(limits["time"]) + 1
    return [LAUNCHER, str(uid), workdir, str(cpu), str(cpu + 1), str(limits["output"]), "--",
            *argv]


def spawn(uid: int, workdir: str, env: dict, limits: dict, argv: list[str], stdin: int,
          stdout: int, stderr: int) -> int:
    """Start argv as `uid` under the limits with its standard streams wired; its pid (a
    child of this process, to wait for).

    posix_spawn (vfork and exec: no copy of the runner's memory map, no Python in the
    child) starts the launcher, a small static program of the image that applies the
    limits, drops to the user, forks argv and tells its pid on a pipe before it exits;
    this runner (a child subreaper) adopts it. A command that cannot start exits 127 with
    its reason on its standard error, as a shell's would; when the launcher fails before
    forking, it is that command (exit 127, the reason on standard error)."""
    told, tell = os.pipe()
    try:
        launcher = os.posix_spawn(LAUNCHER, launcher_argv(uid, workdir, limits, argv), env,
                                  file_actions=[(os.POSIX_SPAWN_DUP2, stdin, 0),
                                                (os.POSIX_SPAWN_DUP2, stdout, 1),
                                                (os.POSIX_SPAWN_DUP2, stderr, 2),
                                                (os.POSIX_SPAWN_DUP2, tell, PID_PIPE)])
    except FileNotFoundError:
        raise RuntimeError(f"the judge image has no launcher at {LAUNCHER}: build the "
                           "image again (podium image)") from None
    finally:
        os.close(tell)
    try:
        pid = os.read(told, 4)
    finally:
        os.close(told)
    if len(pid) != 4:
        return launcher
    os.waitpid(launcher, 0)  # it exits once it has told: its child is ours from then on
    return int.from_bytes(pid, sys.byteorder)


def status_of(status: int) -> dict:
    """Exit code and signal from a wait status."""
    return {"exit_code": os.WEXITSTATUS(status) if os.WIFEXITED(status) else None,
            "signal": os.WTERMSIG(status) if os.WIFSIGNALED(status) else None}


def open_fresh(path: str) -> int:
    """A new empty file for writing, in place of whatever had that name.

    Unlinking the last test's output and making a new file costs a fraction of truncating it
    in place (on ext4, O_TRUNC of a file with data waits on the journal), and a link or FIFO
    left there is never followed."""
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)
    return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)


def execute(job: dict, uid: int, limits: dict, argv: list[str], stdin_path: str,
            stdout_path: str, stderr_path: str) -> dict:
    """Run one command of the submission under limits; return its exit, time and memory."""
    stdin = os.open(stdin_path, os.O_RDONLY)
    stdout = open_fresh(stdout_path)
    stderr = stdout if stderr_path == stdout_path else open_fresh(stderr_path)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    oom_before = oom_kills()
    start = time.monotonic()
    pid = spawn(uid, job["workdir"], job["env"], limits, argv, stdin, stdout, stderr)
    for fd in {stdin, stdout, stderr}:
        os.close(fd)
    pidfd = os.pidfd_open(pid)
    poller = select.poll()
    poller.register(pidfd, select.POLLIN)
    timed_out = not poller.poll(limits["wall"] * 1000)
    if timed_out:
        os.kill(pid, signal.SIGKILL)
    _, status, usage = os.wait4(pid, 0)
    wall = time.monotonic() - start
    os.close(pidfd)
    kill_all()  # whatever it left behind, before the next test starts
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    oom_after = oom_kills()
    return {
        **status_of(status),
        "time": round(cpu, 6),
        "wall_time": round(wall, 6),
        "memory": usage.ru_maxrss * 1024,
        "timed_out": timed_out,
        "oom_killed": oom_before >= 0 and oom_after > oom_before,
    }


def file_head(path: str, limit: int) -> tuple[bytes, int]:
    """The first `limit` bytes of a regular file and its whole size; (b"", 0) for anything
    else. What it reads may have been made by a submission or a validator: a link is never
    followed, a FIFO never waited on."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return b"", 0
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return b"", 0
        return os.read(fd, limit), info.st_size
    except OSError:
        return b"", 0
    finally:
        os.close(fd)


def read_head(path: str, limit: int = MESSAGE_LIMIT) -> str:
    """The start of a regular file as text, marked when cut; "" for anything else
    (`file_head`'s rules)."""
    data, size = file_head(path, limit)
    text = data.decode("utf-8", "replace")
    if size > limit:
        text += f"\n… ({size - limit} more bytes not shown)"
    return text
