"""The in-container runner: compiles a submission, runs its tests under limits, checks output.

It runs inside a sandbox container (see `judge.sandbox`) as root holding only the SETUID,
SETGID and KILL capabilities; every command of the submission runs as an unprivileged user
with no capabilities at all. A test costs one fork/exec here, not a Docker call, and its time
is the CPU time (rusage) of the submission's own processes, never the runner's.

Usage: python3 -S runner.py --serve — the container's pid 1, started with the sandbox ahead
of need: it reads one job a line (JSON) on its standard input, which Docker's attach carries
from the host, and answers each with one JSON line on stdout, until end of file. A job never
appears on a command line (any process may read another's) nor in a file a submission could
open. Standard library only, so the host's python3 runs it in the image.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import signal
import sys
import tarfile

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from judge.checking import (  # noqa: E402
    NextPassError,
    check_output,
    check_with_validator,
    install_validator,
    remove_feedback,
    take_next_pass,
    unpack_regular,
)
from judge.classfiles import find_main_class  # noqa: E402
from judge.interactive import run_interactive  # noqa: E402
from judge.processes import (  # noqa: E402
    MESSAGE_LIMIT,
    as_user,
    clean_shared,
    clean_workdir,
    execute,
    file_head,
    open_workdir,
    read_head,
    retained,
    set_subreaper,
    share_with,
)
from judge.reset import reset  # noqa: E402
from judge.sandbox import ARTIFACT, PROGRESS, job_blobs  # noqa: E402
from judge.stopping import needed, should_stop  # noqa: E402
from judge.validators.default import parse_flags  # noqa: E402

JAVA_OOM = b"java.lang.OutOfMemoryError"


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

    if not as_user(job["uid"], write):
        raise RuntimeError("cannot write the source into the work directory")


def _export_work(job: dict) -> None:
    """Pack what the compile step left in the work dir (a validator's build), for the host."""
    with tarfile.open(os.path.join(job["scratch"], ARTIFACT), "w") as tar:
        tar.add(job["workdir"], arcname=".")


def _unpack_build(job: dict) -> None:
    """Put a cached build's work folder back (`unpack`: its blob), as the compile user, as
    if it had just compiled it there."""
    with tarfile.open(os.path.join(job["blobs"], job["unpack"])) as tar:  # root's: read here
        if not as_user(job["uid"], lambda: unpack_regular(tar, job["workdir"])):
            raise RuntimeError("cannot unpack the cached build into the work directory")


def _folder_size(folder: str) -> int:
    """Bytes of the regular files under a folder (links not followed)."""
    total = 0
    for path, _, names in os.walk(folder):
        for name in names:
            with contextlib.suppress(OSError):
                total += os.lstat(os.path.join(path, name)).st_size
    return total


def compile_phase(job: dict) -> dict:
    """Write the sources and run the compile command (if any) under the compile limits;
    or, with `unpack`, put back a cached build of the same sources."""
    _write_files(job)
    if job.get("unpack"):
        _unpack_build(job)
    if not job["command"]:
        if job.get("export"):
            _export_work(job)
        return {"ok": True, "output": "", "time": 0.0, "wall_time": 0.0,
                "retained": retained()}
    log = os.path.join(job["scratch"], "compile.txt")
    limits = job["limits"]
    run = execute(job, job["uid"], limits, job["command"], "/dev/null", log, log)
    output = read_head(log)
    os.unlink(log)
    clean_shared(job["uid"])
    ok = run["exit_code"] == 0 and not run["timed_out"] and run["time"] <= limits["time"]
    if run["timed_out"] or run["time"] > limits["time"]:
        output += f"\npodium: compilation exceeded its time limit of {limits['time']} s"
    elif run["oom_killed"]:
        ok = False
        output += "\npodium: compilation exceeded its memory limit"
    elif run["signal"]:
        output += f"\npodium: the compiler was killed by signal {run['signal']}"
    main_class = None
    if ok and job.get("main_class") is not None:
        main_class, found = find_main_class(job["workdir"], job["main_class"])
        if main_class is None:
            ok = False
            output += "\npodium: no class declares public static void main(String[] args)"
        elif len(found) > 1:
            output += (f"\npodium: several classes declare main ({', '.join(found)}); "
                       f"running {main_class}")
    exported = ok and bool(job.get("export") or job.get("cache") and
                           _folder_size(job["workdir"]) <= job["cache"])
    if exported:
        _export_work(job)
    return {"ok": ok, "output": output, "time": run["time"], "wall_time": run["wall_time"],
            "exit_code": run["exit_code"], "signal": run["signal"], "retained": retained(),
            "main_class": main_class, "exported": exported}


def verdict_before_check(run: dict, limits: dict, out_path: str, err_path: str) -> str | None:
    """The verdict a finished run earns before its output is checked (None: check it)."""
    if run["signal"] == signal.SIGXFSZ or os.path.getsize(out_path) >= limits["output"]:
        return "OLE"  # first: a flood that ignores SIGXFSZ may spin until the CPU limit
    if run["oom_killed"] or run["memory"] > limits["memory"] or (
            run["exit_code"] not in (0, None) and _jvm_out_of_memory(err_path)):
        # Before TLE: a program over its memory limit broke a rule for certain, and what
        # follows running out of memory (a wait, a GC thrashing at the heap's end) is no TLE.
        return "MLE"
    if run["timed_out"] or run["time"] > limits["time"]:
        return "TLE"
    if run["exit_code"] != 0:
        return "RTE"
    return None


def _jvm_out_of_memory(err_path: str) -> bool:
    """Whether a JVM said it ran out of heap (it exits 1 rather than being killed)."""
    with open(err_path, "rb") as f:
        return JAVA_OOM in f.read(MESSAGE_LIMIT)


def _record(results: list, progress, test: dict, verdict: str, message: str,
            run: dict, kept: dict | None = None) -> None:
    """Keep one test's result, and log it for the host in case the runner dies."""
    results.append({"name": test["name"], "verdict": verdict, "message": message,
                    **{k: run[k] for k in ("time", "wall_time", "memory", "exit_code",
                                           "signal")},
                    **({"scores": test["feedback_scores"]} if "feedback_scores" in test
                       else {}), **(kept or {})})
    progress.write(json.dumps({"result": results[-1]}) + "\n")
    progress.flush()


def run_phase(job: dict) -> dict:
    """Run every test (stopping at the first failure if asked, or once the job's stop plan
    is decided) and check each output."""
    # A custom validator takes its own arguments; the default one's flags are parsed here.
    flags = None if job.get("validator") else parse_flags(job["validator_flags"])
    results = []
    validator_root = install_validator(job)
    if job.get("writable_workdir"):
        open_workdir(job["workdir"], job["uid"])
    progress = os.fdopen(os.open(os.path.join(job["scratch"], PROGRESS),
                                 os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w")
    plan = job.get("stop_plan")  # rules whose outcome is all the caller needs
    for test in job["tests"]:
        if plan is not None and not needed(plan, results, test["name"]):
            continue
        # If the OOM killer takes the runner itself, the host reads this to know which
        # test was running (it gets MLE) and what the earlier ones got.
        progress.write(json.dumps({"start": test["name"]}) + "\n")
        progress.flush()
        if job.get("passes", 1) > 1 and validator_root:
            run, verdict, message = run_passes(job, test, validator_root)
        else:
            run, verdict, message = run_test(job, test, validator_root, flags)
        _record(results, progress, test, verdict, message, run, kept_output(job))
        if verdict != "AC" and job["stop_on_failure"]:
            break
        if plan is not None and should_stop(plan, results):
            break
    progress.close()
    return {"tests": results}


def run_test(job: dict, test: dict, validator_root: str | None, flags,
             input_path: str | None = None, keep_feedback: bool = False
             ) -> tuple[dict, str, str]:
    """Run one test (or one pass of it, on `input_path`) and check its output:
    (the run, its verdict, the message)."""
    limits = job["limits"]
    out_path = os.path.join(job["scratch"], "out")
    err_path = os.path.join(job["scratch"], "err")
    if job.get("interactive"):
        run, verdict, message = run_interactive(job, test, validator_root, err_path,
                                                input_path, keep_feedback)
        clean_after_run(job)
        return run, verdict, message
    input_path = input_path or os.path.join(job["blobs"], test["input"])
    run = execute(job, job["run_uid"], limits, job["command"] + test.get("args", []),
                  input_path, out_path, err_path)
    clean_after_run(job)
    verdict = verdict_before_check(run, limits, out_path, err_path)
    message = ""
    if job.get("expect_exit") is not None and verdict in (None, "RTE"):
        # An input validator: its exit status is the verdict on the file it read.
        verdict = "AC" if run["exit_code"] == job["expect_exit"] else "WA"
        message = "" if verdict == "AC" else read_head(err_path, 2048) + read_head(
            out_path, 2048)
    elif verdict is None and validator_root:
        verdict, message = check_with_validator(job, test, out_path, validator_root,
                                                input_path, keep_feedback)
    elif verdict is None:
        test_flags = (parse_flags(test["validator_flags"]) if "validator_flags" in test
                      else flags)
        accepted, message = check_output(os.path.join(job["blobs"], test["answer"]),
                                         out_path, test_flags)
        verdict = "AC" if accepted else "WA"
    elif verdict == "RTE":
        message = read_head(err_path, 2048)
    return run, verdict, message


def kept_output(job: dict) -> dict:
    """What the job asks to keep of the test just run (`keep_output`: bytes of its
    standard output and of its error): their starts as text and the output's whole size,
    for the jury's view and a team's own run. Nothing when not asked."""
    keep = job.get("keep_output") or 0
    if not keep:
        return {}
    out, size = file_head(os.path.join(job["scratch"], "out"), keep)
    err, err_size = file_head(os.path.join(job["scratch"], "err"), keep)
    return {"output": out.decode("utf-8", "replace"), "output_size": size,
            "stderr": err.decode("utf-8", "replace"), "stderr_size": err_size}


def clean_after_run(job: dict) -> None:
    """What a run leaves goes: /tmp, /dev/shm, IPC, and what it wrote in the work folder."""
    clean_shared(job["run_uid"])
    if job.get("writable_workdir"):
        clean_workdir(job["workdir"], job["run_uid"])


def run_passes(job: dict, test: dict, validator_root: str) -> tuple[dict, str, str]:
    """One test of a multi-pass problem: the submission runs again on the `nextpass.in` its
    validator accepted with, up to `passes` times; the feedback folder lives through them
    all. The first pass that fails gives the verdict; the run reported is the slowest
    pass's (limits hold per pass). A validator that asks for a pass past the limit, or
    writes nextpass.in and rejects, is at fault (JE), as the package format says."""
    passes, input_path, slowest, memory = job["passes"], None, None, 0
    try:
        for number in range(1, passes + 1):
            run, verdict, message = run_test(job, test, validator_root, None, input_path,
                                             keep_feedback=True)
            slowest = run if slowest is None or run["time"] > slowest["time"] else slowest
            memory = max(memory, run["memory"])
            try:
                input_path = take_next_pass(job, number + 1)
            except NextPassError as exc:
                verdict, message, input_path = "JE", f"{exc}; {message}", None
            if verdict == "WA" and input_path:
                verdict = "JE"
                message = f"the output validator wrote nextpass.in and rejected; {message}"
            if verdict != "AC" or input_path is None:
                break
            if number == passes:
                verdict = "JE"
                message = (f"the output validator asked for pass {passes + 1}, but "
                           f"limits.validation_passes is {passes}; {message}")
                break
    finally:
        remove_feedback(job)
        for number in range(2, passes + 2):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(os.path.join(job["scratch"], f"pass{number}.in"))
    if number > 1:
        message = f"pass {number}: {message}".rstrip(": ")
    return {**run, "time": slowest["time"], "memory": memory}, verdict, message


def seal_scratch(job: dict) -> None:
    """Close the scratch folder to everyone but root, and to the validator's group, which
    only passes through it to its own folders (see `judge.checking`): the submission's user
    reaches nothing in it (outputs, logs, the progress of earlier tests)."""
    os.chmod(job["scratch"], 0o700)
    if job.get("validator"):
        share_with(job["scratch"], job["validator"]["uid"], 0o710)


def verify_blobs(folder: str, names: list[str]) -> None:
    """Check that each blob's content has the SHA-256 it is named by, before any is used:
    every engine must judge on identical data, and a copy that differs fails the judging.
    The folder and every blob must be root's alone (test data is secret): one open to
    others fails the judging, since the submission's user could read it."""
    if os.stat(folder).st_mode & 0o077:
        raise RuntimeError(f"the blob folder {folder} is open to other users: its test data "
                           "would be readable by submissions")
    for name in dict.fromkeys(names):
        digest = hashlib.sha256()
        with open(os.path.join(folder, name), "rb") as f:
            if os.fstat(f.fileno()).st_mode & 0o077:
                raise RuntimeError(f"blob {name} is open to other users: it would be "
                                   "readable by submissions")
            while chunk := f.read(1 << 20):
                digest.update(chunk)
        if digest.hexdigest() != name:
            raise RuntimeError(f"blob {name} does not match its hash on this engine "
                               f"(its content hashes to {digest.hexdigest()}): the engine's "
                               "copy of the data differs from the appliance's")


def handle(job: dict) -> dict:
    """One job's report: a phase's result, or the error that stopped it."""
    if job.get("phase") == "ping":
        return {"pong": True}
    if job.get("phase") == "reset":  # the host lends the sandbox again if it comes back clean
        try:
            return reset(job)
        except Exception as exc:  # noqa: BLE001 - the host replaces the sandbox
            return {"clean": False, "left": [f"{type(exc).__name__}: {exc}"]}
    phase = {"compile": compile_phase, "run": run_phase}[job["phase"]]
    try:
        seal_scratch(job)
        verify_blobs(job["blobs"], job_blobs(job))
        return phase(job)
    except Exception as exc:  # noqa: BLE001 - reported to the host as a judging error
        return {"error": f"{type(exc).__name__}: {exc}"}


def serve(jobs, answers) -> None:
    """Answer every job line of `jobs` with one JSON line on `answers`, until end of file."""
    for line in iter(jobs.readline, b""):
        try:
            job = json.loads(line)
        except ValueError as exc:
            report = {"error": f"the job is not JSON: {exc}"}
        else:
            report = handle(job)
        answers.write(json.dumps(report).encode() + b"\n")
        answers.flush()


def main(argv: list[str]) -> int:
    """Entry point: `--serve`, jobs on stdin and reports on stdout, one JSON line each."""
    if argv[1:] != ["--serve"]:
        sys.stderr.write("usage: runner.py --serve\n")
        return 2
    os.chdir("/")
    set_subreaper()
    serve(sys.stdin.buffer, sys.stdout.buffer)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
