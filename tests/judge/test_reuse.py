"""A sandbox is lent again after its judging, reset as new: what a submission left (files
in the work, temporary and shared-memory folders, an opened work folder) is gone for the
next one, which runs in the same container; a judging that failed gets a fresh container."""

from __future__ import annotations

import pytest

from appliance.problems.load import load_problem
from judge.blobs import BlobStore
from judge.judging import Submission, judge_submission
from judge.languages import load_languages
from judge.pool import open_pool
from judge.sandbox import SandboxConfig
from judge.verdicts import Verdict
from tests.paths import FIXTURES

pytestmark = pytest.mark.docker

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
