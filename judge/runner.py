"""The in-container runner: compiles a submission, runs its tests under limits, checks output.

It runs inside a sandbox container (see `judge.sandbox`) as root holding only the SETUID,
SETGID and KILL capabilities; every command of the submission runs as an unprivileged user
with no capabilities at all. A test costs one fork/exec here, not a Docker call, and its time
is the CPU time (rusage) of the submission's own processes, never the runner's.

Usage: python3 -S runner.py JOB_BLOB — reads the job from /blobs/JOB_BLOB (readable by root
only: a submission that reads this process's command line learns nothing) and prints one
JSON object on stdout. Standard library only, so the host's python3 runs it in the image.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import resource
import select
import shutil
import signal
import sys
import tarfile
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from judge.sandbox import ARTIFACT, BLOBS, PROGRESS  # noqa: E402
from judge.validators.default import parse_flags, validate  # noqa: E402

PR_SET_CHILD_SUBREAPER = 36
MESSAGE_LIMIT = 64 * 1024
SHARED_DIRS = ("/tmp", "/dev/shm")
INLINE_CHECK = 1 << 20  # bytes of answer + output compared inside the runner itself
JAVA_OOM = b"java.lang.OutOfMemoryError"


def _set_subreaper() -> None:
    """Adopt orphaned descendants, so a test that daemonises can still be reaped here."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)


def _oom_kills() -> int:
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


def _kill_all() -> None:
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


def _drop_to(uid: int) -> None:
    """Become an unprivileged user for good (capabilities go with uid 0)."""
    os.setgroups([])
    os.setgid(uid)
    os.setuid(uid)


def _as_user(uid: int, action) -> bool:
    """Run `action()` in a child that has become `uid`; whether it succeeded."""
    pid = os.fork()
    if pid == 0:
        try:
            _drop_to(uid)
            action()
            os._exit(0)
        except BaseException:  # noqa: BLE001 - the child must never return into the runner
            os._exit(1)
    _, status = os.waitpid(pid, 0)
    return status == 0


def _clean_shared(uid: int) -> None:
    """Empty /tmp and /dev/shm (as their owner), so nothing a step parks there outlives it."""
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
        _as_user(uid, clean)


def _retained() -> int:
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


def _child_setup(uid: int, workdir: str, limits: dict, stdin: int, stdout: int,
                 stderr: int) -> None:
    """In the forked child: wire files, apply limits, drop to the submission's user."""
    os.dup2(stdin, 0)
    os.dup2(stdout, 1)
    os.dup2(stderr, 2)
    os.closerange(3, 4096)
    # Python ignores SIGPIPE and SIGXFSZ, and ignored signals survive exec: give the
    # submission the defaults, so the file size limit kills it (OLE) as it should.
    for signum in (signal.SIGPIPE, signal.SIGXFSZ):
        signal.signal(signum, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_SETMASK, set())
    os.setsid()
    cpu = int(limits["time"]) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    resource.setrlimit(resource.RLIMIT_FSIZE, (limits["output"], limits["output"]))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_STACK, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
    resource.setrlimit(resource.RLIMIT_NOFILE, (1024, 1024))
    with open("/proc/self/oom_score_adj", "w") as f:
        f.write("1000")  # when the cgroup is full, the kernel kills the submission, not the runner
    _drop_to(uid)
    os.chdir(workdir)
    os.umask(0o022)  # what the compiler writes, the test user must be able to run


def execute(job: dict, uid: int, limits: dict, argv: list[str], stdin_path: str,
            stdout_path: str, stderr_path: str) -> dict:
    """Run one command of the submission under limits; return its exit, time and memory."""
    stdin = os.open(stdin_path, os.O_RDONLY)
    stdout = os.open(stdout_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    stderr = (stdout if stderr_path == stdout_path
              else os.open(stderr_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
    env = dict(job["env"])
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    oom_before = _oom_kills()
    start = time.monotonic()
    pid = os.fork()
    if pid == 0:
        try:
            _child_setup(uid, job["workdir"], limits, stdin, stdout, stderr)
            os.execvpe(argv[0], argv, env)
        except BaseException as exc:  # noqa: BLE001 - the child must never return into the runner
            os.write(2, f"podium: cannot start {argv[0]}: {exc}\n".encode())
        os._exit(127)
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
    _kill_all()  # whatever it left behind, before the next test starts
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    oom_after = _oom_kills()
    return {
        "exit_code": os.WEXITSTATUS(status) if os.WIFEXITED(status) else None,
        "signal": os.WTERMSIG(status) if os.WIFSIGNALED(status) else None,
        "time": round(cpu, 6),
        "wall_time": round(wall, 6),
        "memory": usage.ru_maxrss * 1024,
        "timed_out": timed_out,
        "oom_killed": oom_before >= 0 and oom_after > oom_before,
    }


def _read_head(path: str, limit: int = MESSAGE_LIMIT) -> str:
    """The start of a file as text, marked when cut."""
    try:
        size = os.path.getsize(path)
        with open(path, "rb") as f:
            data = f.read(limit)
    except OSError:
        return ""
    text = data.decode("utf-8", "replace")
    if size > limit:
        text += f"\n… ({size - limit} more bytes not shown)"
    return text


def _write_files(job: dict) -> None:
    """Write the source files into the work dir as the compile user (only it can write there)."""
    files = []
    for entry in job["files"]:
        with open(os.path.join(job["blobs"], entry["blob"]), "rb") as f:
            files.append((entry["name"], f.read()))

    def write() -> None:
        for name, data in files:
            path = os.path.join(job["workdir"], name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as f:
                f.write(data)

    if not _as_user(job["uid"], write):
        raise RuntimeError("cannot write the source into the work directory")


def _export_work(job: dict) -> None:
    """Pack what the compile step left in the work dir (a validator's build), for the host."""
    with tarfile.open(os.path.join(job["scratch"], ARTIFACT), "w") as tar:
        tar.add(job["workdir"], arcname=".")


def compile_phase(job: dict) -> dict:
    """Write the sources and run the compile command (if any) under the compile limits."""
    _write_files(job)
    if not job["command"]:
        if job.get("export"):
            _export_work(job)
        return {"ok": True, "output": "", "time": 0.0, "wall_time": 0.0,
                "retained": _retained()}
    log = os.path.join(job["scratch"], "compile.txt")
    limits = job["limits"]
    run = execute(job, job["uid"], limits, job["command"], "/dev/null", log, log)
    output = _read_head(log)
    os.unlink(log)
    _clean_shared(job["uid"])
    ok = run["exit_code"] == 0 and not run["timed_out"] and run["time"] <= limits["time"]
    if run["timed_out"] or run["time"] > limits["time"]:
        output += f"\npodium: compilation exceeded its time limit of {limits['time']} s"
    elif run["oom_killed"]:
        ok = False
        output += "\npodium: compilation exceeded its memory limit"
    elif run["signal"]:
        output += f"\npodium: the compiler was killed by signal {run['signal']}"
    if ok and job.get("export"):
        _export_work(job)
    return {"ok": ok, "output": output, "time": run["time"], "wall_time": run["wall_time"],
            "exit_code": run["exit_code"], "signal": run["signal"], "retained": _retained()}


def verdict_before_check(run: dict, limits: dict, out_path: str, err_path: str) -> str | None:
    """The verdict a finished run earns before its output is checked (None: check it)."""
    if run["signal"] == signal.SIGXFSZ or os.path.getsize(out_path) >= limits["output"]:
        return "OLE"  # first: a flood that ignores SIGXFSZ may spin until the CPU limit
    if run["oom_killed"] or (run["exit_code"] not in (0, None) and _jvm_out_of_memory(err_path)):
        return "MLE"  # before TLE: what follows running out of memory (a wait, GC) is no TLE
    if run["timed_out"] or run["time"] > limits["time"]:
        return "TLE"
    if run["memory"] > limits["memory"]:
        return "MLE"
    if run["exit_code"] != 0:
        return "RTE"
    return None


def _jvm_out_of_memory(err_path: str) -> bool:
    """Whether a JVM said it ran out of heap (it exits 1 rather than being killed)."""
    with open(err_path, "rb") as f:
        return JAVA_OOM in f.read(MESSAGE_LIMIT)


def check_output(answer_path: str, out_path: str, flags) -> tuple[bool, str]:
    """The default validator's outcome; large files are compared in a child process, so
    the runner's own memory (which shares the container's limit) stays small."""

    def compare() -> tuple[bool, str]:
        with open(answer_path, "rb") as f:
            answer = f.read()
        with open(out_path, "rb") as f:
            outcome = validate(answer, f.read(), flags)
        return outcome.accepted, outcome.message

    if os.path.getsize(answer_path) + os.path.getsize(out_path) <= INLINE_CHECK:
        return compare()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(read_end)
            os.write(write_end, json.dumps(compare()).encode())
            os._exit(0)
        except BaseException:  # noqa: BLE001 - the child must never return into the runner
            os._exit(1)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        data = pipe.read()
    os.waitpid(pid, 0)
    accepted, message = json.loads(data)
    return accepted, message


def _install_validator(job: dict) -> str | None:
    """Unpack the output validator's build into a root-owned folder its user may read."""
    validator = job.get("validator")
    if not validator:
        return None
    root = os.path.join(job["scratch"], "validator")
    os.mkdir(root)
    os.chmod(root, 0o700)  # opened to the validator's user only while it runs
    with tarfile.open(os.path.join(BLOBS, validator["artifact"])) as tar:
        for member in tar.getmembers():
            name = os.path.normpath(member.name)
            if name == "." or name.startswith("..") or os.path.isabs(name):
                continue
            target = os.path.join(root, name)
            if member.isdir():
                os.makedirs(target, exist_ok=True)
                os.chmod(target, 0o755)
            elif member.isfile():  # links and devices are never unpacked
                os.makedirs(os.path.dirname(target), exist_ok=True)
                with tar.extractfile(member) as src, open(target, "wb") as dst:
                    shutil.copyfileobj(src, dst)
                os.chmod(target, 0o755 if member.mode & 0o100 else 0o644)
    return root


def check_with_validator(job: dict, test: dict, out_path: str, root: str) -> tuple[str, str]:
    """Run the custom output validator on one test: (verdict, message).

    The package format's contract: `validator input answer feedback_dir [args] < output`,
    exit 42 accepts, 43 rejects, anything else is the validator's own failure (JE). It runs
    only after every process of the submission is gone, as its own user, with copies of the
    input and answer (the blobs are root's alone).
    """
    validator = job["validator"]
    data = os.path.join(job["scratch"], "vdata")
    feedback = os.path.join(job["scratch"], "feedback")
    os.makedirs(data, exist_ok=True)
    os.chmod(data, 0o755)
    paths = {}
    for key in ("input", "answer"):
        paths[key] = os.path.join(data, key)
        shutil.copyfile(os.path.join(job["blobs"], test[key]), paths[key])
        os.chmod(paths[key], 0o644)
    os.mkdir(feedback)
    os.chmod(feedback, 0o777)
    os.chmod(root, 0o755)
    argv = [*validator["command"], paths["input"], paths["answer"], feedback + "/",
            *validator["args"]]
    vjob = {**job, "workdir": root, "env": validator["env"]}
    vout, verr = os.path.join(job["scratch"], "vout"), os.path.join(job["scratch"], "verr")
    try:
        run = execute(vjob, validator["uid"], validator["limits"], argv, out_path, vout, verr)
        message = _read_head(os.path.join(feedback, "judgemessage.txt"), 4096)
    finally:
        # Nothing of this test's input, answer or validator stays where the next test's
        # submission could look.
        os.chmod(root, 0o700)
        _as_user(validator["uid"], lambda: shutil.rmtree(feedback, ignore_errors=True))
        shutil.rmtree(feedback, ignore_errors=True)
        shutil.rmtree(data, ignore_errors=True)
        _clean_shared(validator["uid"])
    if run["exit_code"] == 42:
        return "AC", message
    if run["exit_code"] == 43:
        return "WA", message
    how = (f"exit status {run['exit_code']}" if run["exit_code"] is not None
           else "timed out" if run["timed_out"] else f"signal {run['signal']}")
    return "JE", f"the output validator failed ({how}): {_read_head(verr, 2048)}{message}"


def run_phase(job: dict) -> dict:
    """Run every test (stopping at the first failure if asked) and check each output."""
    limits = job["limits"]
    # A custom validator takes its own arguments; the default one's flags are parsed here.
    flags = None if job.get("validator") else parse_flags(job["validator_flags"])
    out_path = os.path.join(job["scratch"], "out")
    err_path = os.path.join(job["scratch"], "err")
    results = []
    validator_root = _install_validator(job)
    progress = open(os.path.join(job["scratch"], PROGRESS), "w")  # noqa: SIM115
    for test in job["tests"]:
        # If the OOM killer takes the runner itself, the host reads this to know which
        # test was running (it gets MLE) and what the earlier ones got.
        progress.write(json.dumps({"start": test["name"]}) + "\n")
        progress.flush()
        input_path = os.path.join(job["blobs"], test["input"])
        run = execute(job, job["run_uid"], limits, job["command"], input_path, out_path,
                      err_path)
        _clean_shared(job["run_uid"])
        verdict = verdict_before_check(run, limits, out_path, err_path)
        message = ""
        if job.get("expect_exit") is not None and verdict in (None, "RTE"):
            # An input validator: its exit status is the verdict on the file it read.
            verdict = "AC" if run["exit_code"] == job["expect_exit"] else "WA"
            message = "" if verdict == "AC" else _read_head(err_path, 2048) + _read_head(
                out_path, 2048)
        elif verdict is None and validator_root:
            verdict, message = check_with_validator(job, test, out_path, validator_root)
        elif verdict is None:
            accepted, message = check_output(os.path.join(job["blobs"], test["answer"]),
                                             out_path, flags)
            verdict = "AC" if accepted else "WA"
        elif verdict == "RTE":
            message = _read_head(err_path, 2048)
        results.append({"name": test["name"], "verdict": verdict, "message": message,
                        **{k: run[k] for k in ("time", "wall_time", "memory", "exit_code",
                                               "signal")}})
        progress.write(json.dumps({"result": results[-1]}) + "\n")
        progress.flush()
        if verdict != "AC" and job["stop_on_failure"]:
            break
    progress.close()
    return {"tests": results}


def main(argv: list[str]) -> int:
    """Entry point: the job's blob name in argv[1], one JSON result on stdout."""
    with open(os.path.join(BLOBS, os.path.basename(argv[1])), "rb") as f:
        job = json.load(f)
    _set_subreaper()
    phase = {"compile": compile_phase, "run": run_phase}[job["phase"]]
    try:
        result = phase(job)
    except Exception as exc:  # noqa: BLE001 - reported to the host as a judging error
        result = {"error": f"{type(exc).__name__}: {exc}"}
    sys.stdout.write(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
