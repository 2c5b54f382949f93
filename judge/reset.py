"""A used sandbox made as new, inside the container, so the pool may lend it again without a
container start: every process but the runner killed, the work, scratch and shared folders
emptied, IPC objects removed, the work folder's mode put back; then checked, and the sandbox
is reused only if the check finds nothing left (the host replaces it otherwise). One that
saw an OOM kill is never reused: the host tells a runner the OOM killer took (MLE) from one
killed otherwise (JE) by the container's count of OOM kills being above zero.

Used by the runner (`reset` jobs). Standard library only.
"""

from __future__ import annotations

import contextlib
import os
import shutil

from judge.processes import (
    MQUEUE,
    SHARED_DIRS,
    SYSV_IPC,
    as_user,
    clean_ipc,
    kill_all,
    oom_kills,
)

WORK_MODE = 0o755  # the work folder's mode as the container starts (tmpfs mode=0755)


def empty(folder: str) -> None:
    """Remove what this process may remove in a folder (links never followed)."""
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, ignore_errors=True)
            else:
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


def leftovers(folders: list[str], workdir: str, owner: int) -> list[str]:
    """What a fresh sandbox would not have: other processes, files in the folders, IPC
    objects, a work folder not as the container made it. Empty: as new."""
    found = [f"process {pid}" for pid in os.listdir("/proc") if pid.isdigit() and pid != "1"]
    for folder in folders:
        with contextlib.suppress(FileNotFoundError):
            found += [os.path.join(folder, name) for name in os.listdir(folder)]
    with contextlib.suppress(FileNotFoundError):
        found += [os.path.join(MQUEUE, name) for name in os.listdir(MQUEUE)]
    for kind in SYSV_IPC:
        with contextlib.suppress(OSError), open(f"/proc/sysvipc/{kind}") as f:
            found += [f"{kind} {line.split()[1]}" for line in f.read().splitlines()[1:]]
    if oom_kills() != 0:  # the host reads a dead runner's MLE from the count being above 0
        found.append("an OOM kill in the sandbox's memory cgroup")
    info = os.stat(workdir)
    if (info.st_mode & 0o7777, info.st_uid) != (WORK_MODE, owner):
        found.append(f"{workdir} mode {info.st_mode & 0o7777:o} owner {info.st_uid}")
    return found


def reset(job: dict) -> dict:
    """Make the sandbox as new; `clean` says whether the check found nothing left, else
    `left` names what was (the host then replaces the sandbox)."""
    kill_all()
    folders = [job["workdir"], job["scratch"], *SHARED_DIRS]
    for uid in job["uids"]:  # each user's own folders: only it may empty them
        as_user(uid, lambda: [empty(folder) for folder in folders])
    for folder in folders:
        empty(folder)
    clean_ipc()
    as_user(job["uid"], lambda: os.chmod(job["workdir"], WORK_MODE))
    left = leftovers(folders, job["workdir"], job["uid"])
    return {"clean": not left, "left": left[:20]}
