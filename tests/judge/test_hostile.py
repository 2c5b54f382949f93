"""The hostile corpus: real attacks on the judge, each judged in a real sandbox.

Every file in tests/fixtures/hostile/cases/ is judged against the tiny package in
tests/fixtures/hostile/package/ (read n, print 2n), and its verdict must be one that
tests/fixtures/hostile/cases.toml accepts for it (JE never is). Cases that a known sandbox bug makes
fail are marked there with `known_bug` and expected to fail here (strict xfail), so fixing
the bug shows up as a failure until the marker is removed.

All cases are judged once, two at a time, by one module-scoped pool of two sandboxes; after
the pool is closed, no sandbox container of this process and no process of the sandbox's
user outside a live container may be left, and the host must still start processes.
"""

from __future__ import annotations

import concurrent.futures
import os
import re
import subprocess
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest

from appliance.problems.load import load_problem
from judge.blobs import BlobStore
from judge.judging import Judgement, Submission, judge_submission
from judge.languages import detect, load_languages
from judge.pool import open_pool
from judge.sandbox import LABEL, OWNER_LABEL, SCRATCH_LABEL, SandboxConfig, owner
from judge.verdicts import Verdict
from tests import paths

pytestmark = pytest.mark.docker

HOSTILE = paths.FIXTURES / "hostile"
CASES_DIR = HOSTILE / "cases"
TABLE = tomllib.loads((HOSTILE / "cases.toml").read_text(encoding="utf-8"))
VERDICT_IDS = {v.value for v in Verdict} - {"JE"}
# Judged first, so the two workers finish together: the ones bounded by the compile limit
# (10 s CPU, 21 s wall), then those bounded by the run's wall-clock limit (3 s).
SLOW_FIRST = ("template_bomb.cpp", "macro_bomb.c", "include_dev_random.c", "fork_bomb.py",
              "sleep_forever.c", "fork_bomb.c", "sleep_forever.py", "self_stop.c",
              "busy_loop.c", "output_flood_stdout.c", "output_flood_stderr.c")


def _param(name: str):
    entry = TABLE.get(name, {})
    bug = entry.get("known_bug")
    marks = [pytest.mark.xfail(strict=True, raises=AssertionError,
                               reason=" ".join(bug.split()))] if bug else []
    return pytest.param(name, marks=marks, id=name)


CASE_FILES = sorted(p.name for p in CASES_DIR.iterdir() if p.is_file())


@dataclass
class Outcome:
    """What judging the corpus left behind."""

    judgements: dict[str, Judgement]
    errors: dict[str, str]
    leftover_containers: list[str]


def _judge_all(blobs: BlobStore) -> tuple[dict[str, Judgement], dict[str, str]]:
    problem = load_problem(HOSTILE / "package")
    languages = load_languages()
    order = sorted(CASE_FILES, key=lambda n: (SLOW_FIRST.index(n) if n in SLOW_FIRST
                                              else len(SLOW_FIRST), n))
    judgements: dict[str, Judgement] = {}
    errors: dict[str, str] = {}

    def judge(name: str) -> None:
        source = CASES_DIR / name
        code = source.read_bytes()
        submission = Submission(language=detect(source, languages, code), source=code,
                                tests=problem.tests, limits=problem.limits, flags=problem.flags)
        try:
            judgements[name] = judge_submission(pool, blobs, submission)
        except Exception as exc:  # noqa: BLE001 - reported by the case's own test
            errors[name] = f"{type(exc).__name__}: {exc}"

    with open_pool(SandboxConfig(), blobs.root, size=2) as pool, \
            concurrent.futures.ThreadPoolExecutor(2) as workers:
        list(workers.map(judge, order))
    return judgements, errors


def _our_containers(data_dir: Path) -> list[str]:
    """Sandbox containers (running or not) this module's pool started: this process's, with
    scratch folders in its data folder (other modules' pools may still be open)."""
    result = subprocess.run(
        ["docker", "ps", "-a", "--filter", f"label={LABEL}",
         "--filter", f"label={OWNER_LABEL}={owner()}",
         "--format", '{{.ID}} {{.Label "' + SCRATCH_LABEL + '"}}'],
        capture_output=True, text=True, timeout=60, check=True)
    rows = [line.split(" ", 1) for line in result.stdout.splitlines() if line.strip()]
    return [ident for ident, *scratch in rows
            if scratch and scratch[0].startswith(str(data_dir) + "/")]


@pytest.fixture(scope="module")
def outcome(tmp_path_factory: pytest.TempPathFactory) -> Outcome:
    blobs = BlobStore(tmp_path_factory.mktemp("hostile-data") / "blobs")
    judgements, errors = _judge_all(blobs)  # the pool is closed when this returns
    return Outcome(judgements, errors, _our_containers(blobs.root.parent))


def test_every_case_file_has_a_table_entry_and_back() -> None:
    assert sorted(TABLE) == CASE_FILES
    for name, entry in TABLE.items():
        assert entry.get("accept") and set(entry["accept"]) <= VERDICT_IDS, name
        assert entry.get("reason"), name
        assert set(entry) <= {"accept", "reason", "known_bug"}, name


@pytest.mark.parametrize("name", [_param(n) for n in CASE_FILES])
def test_hostile_case_gets_an_acceptable_verdict(outcome: Outcome, name: str) -> None:
    assert name not in outcome.errors, outcome.errors.get(name)
    judgement = outcome.judgements[name]
    report = judgement.to_json()
    report["compile_output"] = report["compile_output"][-1000:]
    accept = TABLE[name]["accept"]
    assert judgement.verdict is not Verdict.JE, report
    assert judgement.verdict.value in accept, (
        f"{name}: {judgement.verdict.value}, acceptable: {accept} "
        f"({TABLE[name]['reason']}); {report}")


def test_no_sandbox_container_is_left_after_the_pool_closes(outcome: Outcome) -> None:
    assert outcome.leftover_containers == []


def _live_container_ids() -> set[str]:
    result = subprocess.run(["docker", "ps", "-q", "--no-trunc"], capture_output=True,
                            text=True, timeout=60, check=True)
    return set(result.stdout.split())


def _processes_of(uid: int) -> dict[int, str]:
    """Host processes whose real uid is `uid`, with their cgroup file."""
    found = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            status = Path(f"/proc/{entry}/status").read_text()
            cgroup = Path(f"/proc/{entry}/cgroup").read_text()
        except OSError:
            continue
        match = re.search(r"^Uid:\s+(\d+)", status, re.MULTILINE)
        if match and int(match.group(1)) == uid:
            found[int(entry)] = cgroup
    return found


def test_no_sandbox_process_outlives_its_container(outcome: Outcome) -> None:
    """A process of the sandbox's user must live in a container that still exists.

    Other judges on this host may be running sandboxes right now; their processes are inside
    live containers. Anything else was left behind (escaped a removed container)."""
    uid = SandboxConfig().uid

    def strays() -> set[int]:
        live = _live_container_ids()
        return {pid for pid, cgroup in _processes_of(uid).items()
                if not live & set(re.findall(r"[0-9a-f]{64}", cgroup))}

    suspects = strays()
    if suspects:  # a container being removed right now: look again once it is gone
        time.sleep(3)
        suspects &= strays()
    assert not suspects, {pid: Path(f"/proc/{pid}/cmdline").read_bytes()[:200]
                          for pid in suspects if Path(f"/proc/{pid}").exists()}


def test_host_still_starts_processes(outcome: Outcome) -> None:
    """After the corpus, the host forks and runs new processes promptly."""
    for _ in range(20):
        subprocess.run(["true"], timeout=5, check=True)
    procs = [subprocess.Popen(["sleep", "0.1"]) for _ in range(50)]
    assert all(p.wait(timeout=10) == 0 for p in procs)
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        assert sum(pool.map(lambda x: x * 2, range(100))) == 9900
