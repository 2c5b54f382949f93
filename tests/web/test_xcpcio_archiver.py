"""xcpcio's `clics-archiver` (PyPI `xcpcio`, installed by install.sh into `.venv/clients`),
unchanged, archives a running contest completely: the API information, every endpoint
`access` lists, each submission's files and the whole event feed."""

from __future__ import annotations

import json
import subprocess
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from appliance.judging.queue import JudgeQueue
from appliance.store import Store
from judge.judging import Judgement, TestResult
from judge.verdicts import Verdict
from tests.paths import CLIENTS_BIN
from tests.webserver import A_PLUS_B, as_user, make_contest, server_thread, submission_body

ARCHIVER = CLIENTS_BIN / "clics-archiver"


@pytest.fixture(scope="module")
def contest(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict, Path]]:
    if not ARCHIVER.exists():
        pytest.fail(f"{ARCHIVER} is missing: run ./install.sh (it installs xcpcio)")
    data = tmp_path_factory.mktemp("xcpcio")
    logins = make_contest(data, teams=2)
    with server_thread(data) as base:
        served = (base, logins, data)
        reply = as_user(served, "team001").post_json(
            "/api/contests/test/submissions", submission_body("sum", "python3", A_PLUS_B, "a.py"))
        assert reply.status == 200, reply.text
        with Store.open(data) as store:
            queue = JudgeQueue(store)
            claim = queue.claim("test-worker", 60, time.time())
            tests = (TestResult("sample/1", Verdict.AC, 0.1, 0.2, 1 << 20, 0, None),)
            queue.complete(claim, Judgement(Verdict.AC, time=0.1, tests=tests), time.time())
        assert as_user(served, "team002").post_json(
            "/api/contests/test/clarifications", {"text": "Can n be 0?"}).status == 200
        yield served


def test_clics_archiver_archives_the_contest_completely(contest, tmp_path: Path) -> None:
    base, logins, _ = contest
    out = tmp_path / "archive"
    done = subprocess.run([str(ARCHIVER), "--base-url", base + "/api/", "--contest-id", "test",
                           "-o", str(out), "-u", "admin", "-p", logins["admin"]],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert json.loads((out / "api.json").read_text())["version"] == "2026-01"
    assert json.loads((out / "contest.json").read_text())["id"] == "test"
    listed = json.loads((out / "access.json").read_text())["endpoints"]
    for kind in {e["type"] for e in listed} - {"contest"}:
        assert (out / f"{kind}.json").exists(), kind
    (submission,) = json.loads((out / "submissions.json").read_text())
    files = list((out / "submissions" / submission["id"]).rglob("*.zip"))
    assert len(files) == 1 and zipfile.ZipFile(files[0]).namelist() == ["a.py"]
    assert len(json.loads((out / "clarifications.json").read_text())) == 1
    events = [json.loads(line) for line in
              (out / "event-feed.ndjson").read_text().splitlines() if line.strip()]
    assert {"contest", "problems", "teams", "submissions", "judgements", "runs",
            "clarifications"} <= {e["type"] for e in events}
