"""Every endpoint and the event feed of a running server, as each role sees them, valid
against the CLICS 2026-01 JSON schemas of icpc/ccs-specs (kept in
`tests/fixtures/clics-2026-01/`), checked with `bench/check_api.py`."""

from __future__ import annotations

import importlib.util
import json
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from appliance.judging.queue import JudgeQueue
from appliance.store import Store
from judge.judging import Judgement, TestResult
from judge.verdicts import Verdict
from tests import paths
from tests.webserver import (
    A_PLUS_B,
    Client,
    as_user,
    make_contest,
    server_thread,
    submission_body,
)

SCHEMAS = paths.REPO / "tests" / "fixtures" / "clics-2026-01" / "json-schema"
_SPEC = importlib.util.spec_from_file_location("check_api", paths.REPO / "bench" / "check_api.py")
check_api = importlib.util.module_from_spec(_SPEC)
sys.modules.setdefault("check_api", check_api)
_SPEC.loader.exec_module(check_api)


def _judge_one(data: Path, verdict: Verdict) -> None:
    with Store.open(data) as store:
        queue = JudgeQueue(store)
        claim = queue.claim("test-worker", 60, time.time())
        assert claim is not None
        tests = (TestResult("sample/1", verdict, 0.1, 0.2, 1 << 20, 0, None),)
        assert queue.complete(claim, Judgement(verdict, time=0.1, tests=tests), time.time())


@pytest.fixture(scope="module")
def contest(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict, Path]]:
    """A running contest with something in every live endpoint: judged submissions with
    runs (one with a string id, as another CCS gives them), a pending one, a question, its
    answer and an announcement."""
    data = tmp_path_factory.mktemp("clics-schemas")
    logins = make_contest(data, teams=3)
    with server_thread(data) as base:
        served = (base, logins, data)
        put = as_user(served, "admin").request(
            "PUT", "/api/contests/test/submissions/s-001.x", json.dumps({
                **submission_body("sum", "python3", A_PLUS_B, "a.py"), "team_id": "team002",
                "time": datetime.now(UTC).isoformat()}).encode(),
            {"Content-Type": "application/json"})
        assert put.status == 200, put.text
        _judge_one(data, Verdict.AC)  # the oldest: its judgement names "s-001.x"
        team = as_user(served, "team001")
        for source in (b"print(0)\n", A_PLUS_B, A_PLUS_B):
            reply = team.post_json("/api/contests/test/submissions",
                                   submission_body("sum", "python3", source, "a.py"))
            assert reply.status in (200, 201), reply.text
        _judge_one(data, Verdict.WA)
        _judge_one(data, Verdict.AC)
        asked = team.post_json("/api/contests/test/clarifications",
                               {"text": "Is n positive?", "problem_id": "sum"})
        assert asked.status in (200, 201), asked.text
        jury = as_user(served, "jury")
        assert jury.post_json("/api/contests/test/clarifications",
                              {"text": "Yes.", "reply_to_id": asked.json()["id"]}
                              ).status in (200, 201)
        assert jury.post_json("/api/contests/test/clarifications",
                              {"text": "Mind the limits."}).status in (200, 201)
        yield served


@pytest.mark.parametrize("who", [None, "team001", "jury", "admin"])
def test_every_endpoint_and_the_feed_validate_against_2026_01(contest, who: str | None) -> None:
    base, logins, _ = contest
    schemas = check_api.Schemas.from_directory(SCHEMAS)
    client = check_api.Client(base, who, logins.get(who) if who else None, 30.0)
    checks = list(check_api.run(client, schemas, "test", limit=20, idle=1.0))
    failed = [line for check in checks if check.issues for line in check_api.text_lines(check)]
    assert not failed, "\n".join(failed)
    objects = {check.endpoint.split("?")[0].removeprefix("/api/contests/test/"): check.objects
               for check in checks if check.status == "ok"}
    assert objects["event-feed"] > 0 and objects["scoreboard"] == 1 and objects["problems"] == 2
    if who is not None:
        assert objects["submissions"] == (3 if who == "team001" else 4)
        assert objects["clarifications"] >= 2
        mine = as_user(contest, who).get("/api/contests/test/account").json()
        assert not schemas.issues("account", mine) and mine["username"] == who


def test_access_lists_the_notification_types_only(contest) -> None:
    """2026-01: `access` names the types of the notification table; the scoreboard and the
    feed are served but never listed (a client reads each listed endpoint as JSON)."""
    for who in ("team001", "admin"):
        listed = {e["type"] for e in as_user(contest, who).get(
            "/api/contests/test/access").json()["endpoints"]}
        assert {"contest", "problems", "submissions", "accounts"} <= listed
        assert not listed & {"scoreboard", "event-feed"}


def test_account_is_the_callers_own_and_404_for_the_public(contest) -> None:
    team = as_user(contest, "team001").get("/api/contests/test/account/")
    assert team.status == 200 and team.json()["team_id"] == "team001"
    assert as_user(contest, "jury").get("/api/contests/test/account").json()["type"] == "judge"
    assert Client(contest[0]).get("/api/contests/test/account").status == 404


@pytest.mark.parametrize("path", ["/api/contests/", "/api/contests/test/",
                                  "/api/contests/test/scoreboard/",
                                  "/api/contests/test/problems/", "/api/contests/test/state/",
                                  "/api/contests/test/problems/sum/"])
def test_trailing_slashes_are_accepted(contest, path: str) -> None:
    reply = as_user(contest, "team001").get(path)
    assert reply.status == 200
    assert reply.json() == as_user(contest, "team001").get(path.rstrip("/")).json()


def test_problems_state_their_limits_and_submissions_their_account(contest) -> None:
    problem = Client(contest[0]).get("/api/contests/test/problems/sum").json()
    assert problem["memory_limit"] > 0 and problem["output_limit"] > 0
    assert problem["code_limit"] == 256 and problem["time_limit"] > 0
    (first, *_) = as_user(contest, "team001").get("/api/contests/test/submissions").json()
    assert first["account_id"] == "team001"


def test_api_information_names_2026_01_with_or_without_the_slash(contest) -> None:
    base = contest[0]
    for path in ("/api", "/api/"):
        info = Client(base).get(path).json()
        assert info["version"] == "2026-01"
        assert info["version_url"] == "https://ccs-specs.icpc.io/2026-01/contest_api"


def test_a_string_submission_id_is_what_its_judgement_names(contest) -> None:
    admin = as_user(contest, "admin")
    judged = admin.get("/api/contests/test/judgements?submission_id=s-001.x").json()
    assert [j["submission_id"] for j in judged] == ["s-001.x"]
    assert admin.get("/api/contests/test/submissions/s-001.x").json()["team_id"] == "team002"
