"""A sandbox is lent again after its judging, reset as new: what a submission left (files
in the work, temporary and shared-memory folders, an opened work folder) is gone for the
next one, which runs in the same container; a judging that failed, or saw an OOM kill (an
MLE, logged below WARNING), gets a fresh container. Closing the pool cuts a reset in flight
short and leaves no sandbox; the memory limit the pool remembers is the container's."""

from __future__ import annotations

import logging
import time

import docker
import pytest

from appliance.problems.load import load_problem
from judge.blobs import BlobStore
from judge.judging import Submission, judge_submission
from judge.languages import load_languages
from judge.pool import open_pool
from judge.sandbox import LABEL, SCRATCH_LABEL, SandboxConfig
from judge.verdicts import Verdict
from tests.paths import FIXTURES, PACKS

pytestmark = pytest.mark.docker
SLOW_RESET_FILES = 5000

MESS = b"""import ctypes, os
n = int(input())
for folder in ("/tmp/left/deeper", "/dev/shm/left"):
    os.makedirs(folder, exist_ok=True)
    open(os.path.join(folder, "file"), "w").write("x")
open("/work/written_by_a_test", "w").write("x")
ctypes.CDLL(None).shmget(4242, 4096, 0o1666)
if os.fork() == 0:
    os.setsid()
    os.execv("/bin/sleep", ["sleep", "60"])
print(2 * n)
"""
CHECK = b"""import os
n = int(input())
seen = [name for name in os.listdir("/work") if name not in ("solution.py", "__pycache__")]
seen += os.listdir("/tmp") + os.listdir("/dev/shm")
seen += open("/proc/sysvipc/shm").read().splitlines()[1:]
mode = oct(os.stat("/work").st_mode & 0o7777)
print(2 * n if not seen and mode == "0o755" else f"left: {seen} {mode}")
"""


def test_the_next_submission_finds_the_same_sandbox_as_new(tmp_path) -> None:
    problem = load_problem(FIXTURES / "hostile" / "package")
    python = load_languages()["python3"]
    blobs = BlobStore(tmp_path / "blobs")

    def judge(source: bytes, **more):
        return judge_submission(pool, blobs, Submission(
            language=python, source=source, tests=problem.tests, limits=problem.limits,
            flags=problem.flags, **more))

    with open_pool(SandboxConfig(), blobs.root, size=1) as pool:
        with pool.acquire() as box:
            first = box.container.id
        mess = judge(MESS, writable_workdir=True,
                     extra_files={"left_behind.txt": b"from the compile"})
        assert mess.verdict is Verdict.AC, mess
        check = judge(CHECK, keep_output=4096)
        assert check.verdict is Verdict.AC, [t.output for t in check.tests]
        with pool.acquire() as box:
            assert box.container.id == first, "the one slot's sandbox was not reused"
            assert box.uses == 3


def test_a_sandbox_whose_judging_failed_is_replaced(tmp_path) -> None:
    blobs = BlobStore(tmp_path / "blobs")
    with open_pool(SandboxConfig(), blobs.root, size=1) as pool:
        with pytest.raises(RuntimeError), pool.acquire() as box:
            failed = box.container.id
            raise RuntimeError("the judging failed")
        with pool.acquire() as box:
            assert box.container.id != failed


def test_an_oom_kill_is_an_mle_and_its_sandbox_is_replaced_without_a_warning(
        tmp_path, caplog) -> None:
    problem = load_problem(PACKS / "sum")
    hog = PACKS / "sum" / "submissions" / "memory_limit_exceeded" / "hog.c"
    blobs = BlobStore(tmp_path / "blobs")
    caplog.set_level(logging.INFO, logger="judge.pool")
    with open_pool(SandboxConfig(), blobs.root, size=1) as pool:
        with pool.acquire() as box:
            first = box.container.id
        judged = judge_submission(pool, blobs, Submission(
            language=load_languages()["c"], source=hog.read_bytes(), tests=problem.tests,
            limits=problem.limits, flags=problem.flags))
        assert judged.verdict is Verdict.MLE
        with pool.acquire() as box:
            assert box.container.id != first, "a sandbox that saw an OOM kill was reused"
    said = [(r.levelno, r.getMessage()) for r in caplog.records if r.name == "judge.pool"]
    assert any(level == logging.INFO and "not reused: an OOM kill" in message
               for level, message in said), said
    assert all(level < logging.WARNING for level, _ in said), said


def test_the_remembered_memory_limit_is_the_containers_own(tmp_path) -> None:
    problem = load_problem(PACKS / "sum")
    source = PACKS / "sum" / "submissions" / "accepted" / "sum.c"
    blobs = BlobStore(tmp_path / "blobs")
    config = SandboxConfig()
    with open_pool(config, blobs.root, size=1) as pool:
        for text in (source.read_bytes(), b"int main(void) { return }"):  # AC, then CE
            judge_submission(pool, blobs, Submission(
                language=load_languages()["c"], source=text, tests=problem.tests,
                limits=problem.limits, flags=problem.flags))
            with pool.acquire() as box:
                box.container.reload()
                assert box.memory == config.compile_memory
                assert box.container.attrs["HostConfig"]["Memory"] == box.memory


def test_closing_the_pool_cuts_a_reset_short_and_leaves_no_sandbox(tmp_path, caplog) -> None:
    problem = load_problem(FIXTURES / "hostile" / "package")
    blobs = BlobStore(tmp_path / "blobs")
    caplog.set_level(logging.INFO, logger="judge.pool")
    many = {f"many/{i}.txt": b"x" for i in range(SLOW_RESET_FILES)}  # slow to remove
    with open_pool(SandboxConfig(), blobs.root, size=1) as pool:
        judged = judge_submission(pool, blobs, Submission(
            language=load_languages()["python3"], source=b"print(2 * int(input()))\n",
            tests=problem.tests[:1], limits=problem.limits, flags=problem.flags,
            extra_files=many))
        assert judged.verdict is Verdict.AC, judged
        while not pool._resetting:  # its reset has begun (the runner empties /work)
            time.sleep(0.001)
        pool.close()
        assert not pool._resetting and not pool._pending
    said = [(r.levelno, r.getMessage()) for r in caplog.records if r.name == "judge.pool"]
    assert any("reset cut short" in message for _, message in said), said
    assert all(level < logging.WARNING for level, _ in said), said
    ours = [c for c in docker.from_env().containers.list(all=True, filters={"label": LABEL})
            if c.labels.get(SCRATCH_LABEL, "").startswith(str(tmp_path))]  # this pool's
    assert ours == []
