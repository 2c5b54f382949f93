"""Interactive problems inside the sandbox: the submission and the output validator talk
through two pipes, each process as its own user under its own limits.

The verdict follows the package format: the validator's 42 or 43 decides, except that a
submission that failed first (crashed, ran out of time or memory) gets that verdict, and a
validator that already rejected makes it WA whatever the submission did afterwards (a
write into a closed pipe included). A validator that neither accepts nor rejects is JE.
Standard library only.
"""

from __future__ import annotations

import os
import select
import signal
import time
from collections.abc import Callable

from judge.checking import (
    feedback_message,
    feedback_scores,
    validator_failure,
    validator_stage,
)
from judge.processes import kill_all, oom_kills, open_fresh, read_head, spawn, status_of

# What runtimes print when they write into a pipe nobody reads any more (C dies of SIGPIPE).
BROKEN_PIPE = ("Broken pipe", "BrokenPipeError", "EPIPE")


def run_interactive(job: dict, test: dict, root: str, err_path: str,
                    input_path: str | None = None,
                    keep_feedback: bool = False) -> tuple[dict, str, str]:
    """Run one test of an interactive problem: (the submission's run, verdict, message).
    A multi-pass problem's passes give `input_path` and `keep_feedback` (see
    `validator_stage`)."""
    limits, validator = job["limits"], job["validator"]
    verr = os.path.join(job["scratch"], "verr")
    with validator_stage(job, test, root, input_path, keep_feedback) as (argv, vjob):
        to_submission = os.pipe()
        to_validator = os.pipe()
        err = open_fresh(err_path)
        verr_fd = open_fresh(verr)
        oom_before = oom_kills()
        start = time.monotonic()
        vpid = spawn(validator["uid"], vjob["workdir"], vjob["env"], validator["limits"], argv,
                     to_validator[0], to_submission[1], verr_fd)
        spid = spawn(job["run_uid"], job["workdir"], job["env"], limits, job["command"],
                     to_submission[0], to_validator[1], err)
        for fd in (err, verr_fd):
            os.close(fd)
        # The runner keeps each side's ends of both pipes open until it has seen that side
        # end: only then can the other meet EOF or a broken pipe. An interpreter closes its
        # standard streams while it is still shutting down, so without this "who ended
        # first" would be a race, not a fact. The validator never meets a broken pipe: once
        # the submission has ended, the runner reads (and drops) what the validator still
        # writes to it, until the validator ends too; its verdict is read after both ended.
        held = {"submission": [to_validator[1]],
                "validator": [to_submission[1], to_validator[0]]}

        def release(name: str) -> None:
            while held[name]:
                os.close(held[name].pop())

        ended, killed = _wait_both({"submission": spid, "validator": vpid}, limits["wall"],
                                   release, drain=to_submission[0],
                                   decided=lambda name: name == "validator"
                                   and _exit_code(vpid) == 43)
        release("submission")
        release("validator")
        os.close(to_submission[0])
        wall = time.monotonic() - start
        kill_all()
        message = feedback_message(job)
        feedback_scores(job, test)
    sub_status, usage = ended["submission"]
    run = {**status_of(sub_status), "time": round(usage.ru_utime + usage.ru_stime, 6),
           "wall_time": round(wall, 6), "memory": usage.ru_maxrss * 1024,
           "timed_out": "submission" in killed,
           "oom_killed": oom_before >= 0 and oom_kills() > oom_before}
    validator_run = status_of(ended["validator"][0])
    validator_first = ended["order"][0] == "validator" if ended["order"] else False
    broken_pipe = run["signal"] == signal.SIGPIPE or any(
        mark in read_head(err_path, 8192) for mark in BROKEN_PIPE)
    verdict = _verdict(run, limits, validator_run["exit_code"], validator_first, broken_pipe)
    if verdict == "JE":
        message = validator_failure({**validator_run, "timed_out": "validator" in killed},
                                    verr) + message
    return run, verdict, message


def _exit_code(pid: int) -> int | None:
    """The exit status of an ended child, left to be reaped (None: killed by a signal)."""
    info = os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT)
    return info.si_status if info is not None and info.si_code == os.CLD_EXITED else None


def _wait_both(pids: dict[str, int], wall: float, on_end: Callable[[str], None],
               drain: int, decided: Callable[[str], bool] = lambda _: False
               ) -> tuple[dict, set[str]]:
    """Wait for both processes up to the wall limit (calling `on_end` as each ends); kill
    what is left then, or as soon as `decided(name)` says the end of `name` settles the
    verdict (a validator that rejected first: WA, whatever the submission does after, as
    the format says; a submission that spins on is not waited for). Once the submission has
    ended, what arrives on `drain` (the read end of the validator's output) is read and
    dropped, so the validator can write on.

    Returns {name: (status, rusage)} with "order", the names in the order they ended (the
    submission first when both ended at once: it cannot have died of the validator's end
    yet), and the names the wall limit struck.
    """
    fds = {os.pidfd_open(pid): name for name, pid in pids.items()}
    poller = select.poll()
    for fd in fds:
        poller.register(fd, select.POLLIN)
    order: list[str] = []
    deadline = time.monotonic() + wall
    while len(order) < len(fds):
        left = deadline - time.monotonic()
        events = poller.poll(max(0, left) * 1000) if left > 0 else []
        if not events:
            break
        if any(fd == drain for fd, _ in events) and not os.read(drain, 1 << 16):
            poller.unregister(drain)  # no writer left: nothing more will come
        names = sorted((fds[fd] for fd, _ in events if fd in fds),
                       key=lambda n: n != "submission")
        for name in names:
            order.append(name)
            poller.unregister(next(fd for fd, n in fds.items() if n == name))
            on_end(name)
            if name == "submission" and "validator" not in order:
                poller.register(drain, select.POLLIN)
        if any(decided(name) for name in names):
            break
    killed = {name for name in pids if name not in order}
    for name in killed:
        os.kill(pids[name], signal.SIGKILL)
    ended: dict = {"order": order}
    for name, pid in pids.items():
        _, status, usage = os.wait4(pid, 0)
        ended[name] = (status, usage)
    for fd in fds:
        os.close(fd)
    return ended, killed


def _verdict(run: dict, limits: dict, validator_exit: int | None, validator_first: bool,
             broken_pipe: bool) -> str:
    """The verdict of one interactive test (see the module's docstring).

    A broken pipe after the validator ended is never the submission's own failure.
    """
    broken_pipe = broken_pipe and validator_first
    failed = None
    if run["oom_killed"] or run["memory"] > limits["memory"]:
        failed = "MLE"
    elif run["timed_out"] or run["time"] > limits["time"]:
        failed = "TLE"
    elif (run["exit_code"] != 0 or run["signal"]) and not broken_pipe:
        failed = "RTE"
    if validator_exit == 43 and (validator_first or failed is None):
        return "WA"
    if failed:
        return failed
    if validator_exit == 42:
        return "AC"
    return "JE"

