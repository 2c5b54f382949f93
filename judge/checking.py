"""Checking a test's output inside the sandbox: the default output validator, or a custom
one built by the host, run as its own user. Standard library only.

Everything of the validator's (its build, its copies of the input and answer, its feedback
folder, its temporary folder) lies in the root-only scratch folder, owned by root and shared
with the validator's group alone: the submission's user, which may run beside it (an
interactive problem), can neither read it nor write there.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import stat
import tarfile
from collections.abc import Iterator

from judge.processes import as_user, clean_shared, execute, read_head, share_with
from judge.sandbox import BLOBS
from judge.validators.default import validate

INLINE_CHECK = 1 << 20  # bytes of answer + output compared inside the runner itself


class NextPassError(Exception):
    """A multi-pass validator's nextpass.in that is no regular file: its own failure."""


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


def install_validator(job: dict) -> str | None:
    """Unpack the output validator's build into a root-owned folder its user may read."""
    validator = job.get("validator")
    if not validator:
        return None
    root = os.path.join(job["scratch"], "validator")
    os.mkdir(root)
    share_with(root, validator["uid"], 0o700)  # opened to the validator's group while it runs
    with tarfile.open(os.path.join(BLOBS, validator["artifact"])) as tar:
        unpack_regular(tar, root)
    return root


def unpack_regular(tar: tarfile.TarFile, root: str) -> None:
    """Unpack a build's folders and regular files under `root`, executable or not as they
    were; links, devices and names that leave `root` are never unpacked."""
    for member in tar.getmembers():
        name = os.path.normpath(member.name)
        if name == "." or name.startswith("..") or os.path.isabs(name):
            continue
        target = os.path.join(root, name)
        if member.isdir():
            os.makedirs(target, exist_ok=True)
            os.chmod(target, 0o755)
        elif member.isfile():
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with tar.extractfile(member) as src, open(target, "wb") as dst:
                shutil.copyfileobj(src, dst)
            os.chmod(target, 0o755 if member.mode & 0o100 else 0o644)


@contextlib.contextmanager
def validator_stage(job: dict, test: dict, root: str, input_path: str | None = None,
                    keep_feedback: bool = False) -> Iterator[tuple[list[str], dict]]:
    """Set up one validator run (copies of input and answer, a feedback folder, a folder for
    its temporary files, the validator's folder opened); yield its argv and job; take it
    all away afterwards.

    A multi-pass problem's later passes give `input_path` (the input of this pass, which
    the validator sees as its input file) and every pass `keep_feedback`: the feedback
    folder is made by the first and lives on until `remove_feedback`.

    The package format's contract: `validator input answer feedback_dir [args]`. It runs as
    its own user with copies, since the blobs are root's alone. Each of its folders is
    root's, shared with the validator's group only, so the submission (running beside it in
    an interactive problem) reaches none of it and can plant nothing where the runner reads;
    when it is over, nothing of this test's input, answer or validator stays.
    """
    validator = job["validator"]
    gid = validator["uid"]
    data, feedback, temporary = (os.path.join(job["scratch"], name)
                                 for name in ("vdata", "feedback", "vtmp"))
    os.mkdir(data)
    share_with(data, gid, 0o750)
    paths = {}
    for key in ("input", "answer"):
        paths[key] = os.path.join(data, key)
        source = input_path if key == "input" and input_path else os.path.join(
            job["blobs"], test[key])
        shutil.copyfile(source, paths[key])
        share_with(paths[key], gid, 0o640)
    for folder in (feedback, temporary):
        if folder == feedback and os.path.isdir(feedback):
            continue  # an earlier pass's, kept
        os.mkdir(folder)
        share_with(folder, gid, 0o770)
    os.chmod(root, 0o750)
    argv = [*validator["command"], paths["input"], paths["answer"], feedback + "/",
            *test.get("validator_args", validator["args"])]
    env = {**validator["env"], "TMPDIR": temporary, "HOME": temporary}
    try:
        yield argv, {**job, "workdir": root, "env": env}
    finally:
        os.chmod(root, 0o700)
        gone = (temporary,) if keep_feedback else (feedback, temporary)
        as_user(validator["uid"], lambda: [shutil.rmtree(folder, ignore_errors=True)
                                           for folder in gone])
        for folder in (*gone, data):
            shutil.rmtree(folder, ignore_errors=True)
        clean_shared(validator["uid"])


def remove_feedback(job: dict) -> None:
    """Take away the feedback folder the passes of one test shared."""
    feedback = os.path.join(job["scratch"], "feedback")
    as_user(job["validator"]["uid"], lambda: shutil.rmtree(feedback, ignore_errors=True))
    shutil.rmtree(feedback, ignore_errors=True)


def take_next_pass(job: dict, number: int) -> str | None:
    """Move the `nextpass.in` a multi-pass validator left in its feedback folder to a file of
    root's (the next pass's input), or None if it wrote none. A link is never followed."""
    path = os.path.join(job["scratch"], "feedback", "nextpass.in")
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        if os.path.lexists(path):
            raise NextPassError("nextpass.in is not a regular file") from None
        return None
    target = os.path.join(job["scratch"], f"pass{number}.in")
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NextPassError("nextpass.in is not a regular file")
        with os.fdopen(os.dup(fd), "rb") as src, open(target, "wb") as dst:
            shutil.copyfileobj(src, dst)
    finally:
        os.close(fd)
    as_user(job["validator"]["uid"], lambda: os.unlink(path))
    return target


def feedback_message(job: dict) -> str:
    """What the validator wrote to judgemessage.txt (read before the stage is taken away)."""
    return read_head(os.path.join(job["scratch"], "feedback", "judgemessage.txt"), 4096)


SCORE_FILES = ("score.txt", "score_multiplier.txt")


def feedback_scores(job: dict, test: dict) -> None:
    """Keep on the test what score files the validator left in its feedback folder (2025-09
    scoring: `score.txt`, `score_multiplier.txt`), as text; the host checks them."""
    folder = os.path.join(job["scratch"], "feedback")
    found = {name: read_head(os.path.join(folder, name), 256) for name in SCORE_FILES
             if os.path.lexists(os.path.join(folder, name))}
    if found:
        test["feedback_scores"] = found
    else:
        test.pop("feedback_scores", None)


def validator_failure(run: dict, stderr_path: str) -> str:
    """Why a validator's run is its own failure (JE), not a verdict on the submission."""
    how = (f"exit status {run['exit_code']}" if run["exit_code"] is not None
           else "timed out" if run.get("timed_out") else f"signal {run['signal']}")
    return f"the output validator failed ({how}): {read_head(stderr_path, 2048)}"


def check_with_validator(job: dict, test: dict, out_path: str, root: str,
                         input_path: str | None = None,
                         keep_feedback: bool = False) -> tuple[str, str]:
    """Run the custom output validator on one test's output: (verdict, message).

    It runs only after every process of the submission is gone: exit 42 accepts, 43
    rejects, anything else is the validator's own failure (JE).
    """
    validator = job["validator"]
    verr = os.path.join(job["scratch"], "verr")
    with validator_stage(job, test, root, input_path, keep_feedback) as (argv, vjob):
        run = execute(vjob, validator["uid"], validator["limits"], argv, out_path,
                      os.path.join(job["scratch"], "vout"), verr)
        message = feedback_message(job)
        feedback_scores(job, test)
    if run["exit_code"] == 42:
        return "AC", message
    if run["exit_code"] == 43:
        return "WA", message
    return "JE", validator_failure(run, verr) + message
