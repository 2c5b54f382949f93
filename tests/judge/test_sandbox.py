"""The sandbox's hardening, read from inside a real container and from Docker's own record."""

from __future__ import annotations

import hashlib
import socket
import subprocess
import threading
import time
from pathlib import Path

import docker
import docker.errors
import pytest

from judge.blobs import BlobStore
from judge.errors import SandboxError
from judge.judging import Submission, TestCase, judge_submission
from judge.languages import load_languages
from judge.limits import Limits
from judge.pool import Pool, connect, open_pool, remove_leftovers
from judge.sandbox import LABEL, OWNER_LABEL, SCRATCH_LABEL, SandboxConfig, owner
from judge.verdicts import Verdict

pytestmark = pytest.mark.docker

PROBE = r'''
import os, socket
status = dict(line.split(":", 1) for line in open("/proc/self/status"))
print("uid", os.getuid(), os.geteuid())
print("CapEff", status["CapEff"].strip(), "CapPrm", status["CapPrm"].strip())
print("NoNewPrivs", status["NoNewPrivs"].strip(), "Seccomp", status["Seccomp"].strip())
names = sorted(n for n in os.listdir("/sys/class/net"))
print("net", " ".join(names))
def readable(path):
    try:
        with open(path, "rb") as f:
            f.read(1)
        return "yes"
    except OSError:
        return "no"
listing = "yes" if os.access("/blobs", os.R_OK) else "no"
print("blobs", readable("/blobs/ANSWER_BLOB"), "listing", listing)
def writable(path):
    try:
        with open(path, "w") as f:
            f.write("x")
        return "yes"
    except OSError:
        return "no"
print("root", writable("/evil"), "usr", writable("/usr/evil"), "work", writable("/work/x"),
      "tmp", writable("/tmp/ok"))
'''
EXPECTED = """uid 10002 10002
CapEff 0000000000000000 CapPrm 0000000000000000
NoNewPrivs 1 Seccomp 2
net lo
blobs no listing no
root no usr no work no tmp yes
"""


def _probe(pool, blobs, tmp_path: Path, source: str, answer: str, limits: Limits | None = None):
    (tmp_path / "t.in").write_text("")
    (tmp_path / "t.ans").write_text(answer)
    submission = Submission(language=load_languages()["python3"], source=source.encode(),
                            tests=[TestCase("probe", tmp_path / "t.in", tmp_path / "t.ans")],
                            limits=limits or Limits(time=5))
    return judge_submission(pool, blobs, submission)


def test_submission_runs_unprivileged_offline_and_cannot_read_answers(pool, blobs,
                                                                      tmp_path: Path) -> None:
    answer_blob = hashlib.sha256(EXPECTED.encode()).hexdigest()  # the very file it must not read
    judgement = _probe(pool, blobs, tmp_path, PROBE.replace("ANSWER_BLOB", answer_blob), EXPECTED)
    assert judgement.verdict is Verdict.AC, judgement.to_json()


def _warm_container(client: docker.DockerClient):
    """One of this pool's containers (a recycled one may vanish while we look: look again)."""
    for _ in range(50):
        for sparse in client.containers.list(sparse=True, filters={
                "label": f"{OWNER_LABEL}={owner()}", "status": "running"}):
            try:
                return client.containers.get(sparse.id)
            except docker.errors.NotFound:
                continue
        time.sleep(0.1)
    raise AssertionError("the pool keeps warm containers")


def test_container_is_created_with_the_hardening_flags(pool) -> None:
    container = _warm_container(docker.from_env())
    host = container.attrs["HostConfig"]
    assert host["NetworkMode"] == "none"
    assert host["ReadonlyRootfs"] is True
    assert host["CapDrop"] == ["ALL"]
    assert sorted(host["CapAdd"]) == ["KILL", "SETGID", "SETUID"]
    assert "no-new-privileges:true" in host["SecurityOpt"]
    assert host["PidsLimit"] == pool.config.pids_limit
    assert host["Memory"] == host["MemorySwap"] > 0
    assert host["CpusetCpus"] in {str(c) for c in range(64)}
    writable = [m["Destination"] for m in container.attrs["Mounts"]
                if m["Type"] == "bind" and m["RW"]]
    assert writable == ["/out"]  # the runner's root-only scratch folder, nothing else


def test_container_killed_mid_run_gives_judging_error(pool, blobs, tmp_path: Path) -> None:
    client = docker.from_env()
    result = {}
    failures = dict(pool.failures)

    def run() -> None:
        result["judgement"] = _probe(pool, blobs, tmp_path, "import time\ntime.sleep(30)\n",
                                     "", Limits(time=10))

    thread = threading.Thread(target=run)
    thread.start()
    deadline = time.monotonic() + 60
    killed = False
    while not killed and time.monotonic() < deadline:
        for sparse in client.containers.list(sparse=True, filters={
                "label": f"{OWNER_LABEL}={owner()}", "status": "running"}):
            try:
                container = client.containers.get(sparse.id)
                # every warm sandbox's pid 1 is the runner: look for the submission's run
                if "python3 solution.py" in str(container.top().get("Processes")):
                    container.kill()
                    killed = True
            except docker.errors.APIError:
                pass  # removed or stopped between listing and looking
        time.sleep(0.2)
    thread.join(timeout=120)
    assert killed
    judgement = result["judgement"]
    assert judgement.verdict is Verdict.JE, judgement.to_json()
    assert "runner stopped" in judgement.error or "sandbox" in judgement.error, judgement.error
    assert pool.failures["judging"] == failures["judging"] + 1  # for the server's metrics


def test_closing_the_pool_under_running_judgings_ends_them_all(tmp_path: Path) -> None:
    """The server stops while every slot judges: closing the pool wakes each judging at once
    (JE, cut short), round after round; none is left waiting on a reused descriptor."""
    client = docker.from_env()
    blobs = BlobStore(tmp_path / "blobs")
    for round_ in range(5):
        results: list = []
        with open_pool(SandboxConfig(), blobs.root, size=2) as pool:
            def judge(pool=pool, results=results) -> None:
                results.append(_probe(pool, blobs, tmp_path, "import time\ntime.sleep(60)\n",
                                      "", Limits(time=30)))

            threads = [threading.Thread(target=judge, daemon=True) for _ in range(2)]
            for thread in threads:
                thread.start()
            deadline = time.monotonic() + 60
            while _running_probes(client, tmp_path) < 2:
                assert time.monotonic() < deadline, "the judgings did not start"
                time.sleep(0.1)
        for thread in threads:
            thread.join(timeout=30)
        assert not any(thread.is_alive() for thread in threads), f"round {round_}: stuck"
        assert [j.verdict for j in results] == [Verdict.JE, Verdict.JE]


def _running_probes(client: docker.DockerClient, tmp_path: Path) -> int:
    """How many of this test's sandboxes run the submission now."""
    running = 0
    for sparse in client.containers.list(sparse=True, filters={"label": LABEL}):
        try:
            container = client.containers.get(sparse.id)
            if (container.labels.get(SCRATCH_LABEL, "").startswith(str(tmp_path))
                    and "python3 solution.py" in str(container.top().get("Processes"))):
                running += 1
        except docker.errors.APIError:
            pass  # removed or stopped between listing and looking
    return running


def test_a_warm_container_found_dead_is_replaced_and_counted(tmp_path: Path) -> None:
    client = docker.from_env()
    blobs = BlobStore(tmp_path / "blobs")  # its scratch folders (under tmp_path) name its box
    with open_pool(SandboxConfig(), blobs.root, size=1) as pool:
        deadline = time.monotonic() + 60
        warm = []
        while not warm and time.monotonic() < deadline:
            warm = [c for c in client.containers.list(filters={"label": LABEL}) if
                    c.labels.get(SCRATCH_LABEL, "").startswith(str(tmp_path))]
            time.sleep(0.1)
        assert len(warm) == 1
        warm[0].kill()
        judgement = _probe(pool, blobs, tmp_path, "print('ok')\n", "ok\n")
        assert judgement.verdict is Verdict.AC, judgement.to_json()
        assert pool.failures == {"start": 0, "dead": 1, "judging": 0}


def test_a_container_that_cannot_start_is_counted(blobs) -> None:
    broken = Pool(connect(), SandboxConfig(), blobs.root, size=1, cpus=["4095"])  # no such CPU
    broken.start()
    try:
        with pytest.raises(SandboxError, match="cannot start a sandbox"), \
                broken.acquire(timeout=60):
            pass
        assert broken.failures["start"] >= 1
    finally:
        broken.close()


def test_leftovers_of_a_dead_judge_are_removed_and_live_ones_kept(pool) -> None:
    client = docker.from_env()
    host = socket.gethostname()
    dead = subprocess.Popen(["true"])
    dead.wait()  # a pid that no longer runs
    orphan = client.containers.create(pool.config.image, ["/usr/bin/sleep", "60"], labels={
        LABEL: "1", OWNER_LABEL: f"{host}:{dead.pid}"})
    stopped = client.containers.create(pool.config.image, ["/usr/bin/true"], labels={
        LABEL: "1", OWNER_LABEL: owner()}, volumes={"/usr": {"bind": "/usr", "mode": "ro"}})
    stopped.start()
    stopped.wait()
    live = _warm_container(client)
    remove_leftovers(client)
    remaining = {c.id for c in client.containers.list(all=True, sparse=True)}
    assert orphan.id not in remaining and stopped.id not in remaining
    assert live.id in remaining
