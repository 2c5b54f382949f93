"""The jury's endpoints for the console, over real HTTP (no Docker: judgements are recorded
through the queue as the dispatcher would)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from appliance.judging.queue import JudgeQueue
from appliance.store import Store
from judge.judging import Judgement, TestResult
from judge.verdicts import Verdict
from tests.webserver import (
    A_PLUS_B,
    Client,
    as_user,
    make_contest,
    server_thread,
    submission_body,
)

JURY = "/api/contests/test/jury"


@pytest.fixture(scope="module")
def contest(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict, Path]]:
    data = tmp_path_factory.mktemp("web-jury")
    logins = make_contest(data, teams=3, started_ago=timedelta(minutes=10))
    with server_thread(data) as base:
        yield base, logins, data


def submit_and_judge(contest, team: str, verdict: Verdict) -> str:
    reply = as_user(contest, team).post_json(
        "/api/contests/test/submissions", submission_body("sum", "python3", A_PLUS_B, "a.py"))
    assert reply.status == 200, reply.text
    with Store.open(contest[2]) as store:
        queue = JudgeQueue(store)
        claim = queue.claim("w1", 60, time.time())
        assert claim is not None
        queue.complete(claim, Judgement(verdict, time=0.2, tests=(
            TestResult("sample/1", verdict, 0.2, 0.3, 5 << 20, 0, None),)), time.time())
    return reply.json()["id"]


def test_teams_and_the_public_cannot_use_the_jury_endpoints(contest) -> None:
    base, _, _ = contest
    assert Client(base).get(JURY + "/queue").status == 401
    assert as_user(contest, "team001").get(JURY + "/queue").status == 403
    assert as_user(contest, "team001").post_json(JURY + "/clock",
                                                 {"operation": "pause"}).status == 403


def test_queue_counts_latency_and_failures(contest) -> None:
    submit_and_judge(contest, "team001", Verdict.AC)
    queue = as_user(contest, "jury").get(JURY + "/queue").json()
    assert queue["counts"]["judged"] >= 1 and queue["counts"]["queued"] == 0
    assert queue["latency"]["count"] >= 1 and queue["latency"]["p50"] >= 0
    assert isinstance(queue["failures"], list) and "utilisation" in queue


def test_submission_detail_has_the_source_and_every_run(contest) -> None:
    sid = submit_and_judge(contest, "team002", Verdict.WA)
    detail = as_user(contest, "jury").get(f"{JURY}/submissions/{sid}").json()
    assert detail["files"] == [{"name": "a.py", "text": A_PLUS_B.decode()}]
    (judgement,) = detail["judgements"]
    assert judgement["verdict"] == "WA" and judgement["current"]
    assert judgement["runs"][0]["test_name"] == "sample/1"
    assert as_user(contest, "jury").get(f"{JURY}/submissions/999999").status == 404


def test_rejudging_is_started_reviewed_and_applied(contest) -> None:
    jury = as_user(contest, "jury")
    sid = submit_and_judge(contest, "team003", Verdict.WA)
    started = jury.post_json(JURY + "/rejudgings", {"submission_id": sid, "reason": "checker"})
    assert started.status == 201, started.text
    rid = started.json()["id"]
    assert started.json()["pending"] == 1 and started.json()["state"] == "judging"
    assert jury.post_json(f"{JURY}/rejudgings/{rid}/apply", {}).status == 409  # not judged yet
    with Store.open(contest[2]) as store:
        queue = JudgeQueue(store)
        claim = queue.claim("w1", 60, time.time())
        queue.complete(claim, Judgement(Verdict.AC, time=0.1), time.time())
    review = jury.get(f"{JURY}/rejudgings/{rid}").json()
    assert review["state"] == "judged" and review["pending"] == 0  # waits for apply or cancel
    assert review["changes"] == [{"submission_id": sid, "before": "WA", "after": "AC",
                                  "differs": True}]
    applied = jury.post_json(f"{JURY}/rejudgings/{rid}/apply", {})
    assert applied.status == 200 and applied.json()["state"] == "applied"
    current = [j for j in jury.get(f"/api/contests/test/judgements?submission_id={sid}").json()
               if j["current"]]
    assert [j["judgement_type_id"] for j in current] == ["AC"]
    assert jury.post_json(f"{JURY}/rejudgings/{rid}/cancel", {}).status == 409
    assert jury.post_json(JURY + "/rejudgings", {}).status == 400


def test_clarifications_come_unanswered_first(contest) -> None:
    jury = as_user(contest, "jury")
    asked = as_user(contest, "team001").post_json("/api/contests/test/clarifications",
                                                  {"text": "Is 0 allowed?"}).json()
    listed = jury.get(JURY + "/clarifications").json()
    assert listed[0]["id"] == asked["id"] and listed[0]["answered"] is False
    jury.post_json("/api/contests/test/clarifications", {"text": "Yes.",
                                                         "reply_to_id": asked["id"]})
    again = {c["id"]: c for c in jury.get(JURY + "/clarifications").json()}
    assert again[asked["id"]]["answered"] is True


def test_clock_pause_resume_and_refusals(contest) -> None:
    jury = as_user(contest, "jury")
    paused = jury.post_json(JURY + "/clock", {"operation": "pause"})
    assert paused.status == 200 and paused.json()["paused"] is True
    refused = as_user(contest, "team001").post_json(
        "/api/contests/test/submissions", submission_body("sum", "python3", A_PLUS_B, "a.py"))
    assert refused.status == 400 and "paused" in refused.json()["message"]
    assert jury.post_json(JURY + "/clock", {"operation": "pause"}).status == 409
    assert jury.post_json(JURY + "/clock", {"operation": "resume"}).json()["paused"] is False
    assert jury.post_json(JURY + "/clock", {"operation": "explode"}).status == 400
    extended = jury.post_json(JURY + "/clock", {"operation": "extend", "seconds": 600})
    assert extended.json()["length"] == 5 * 3600 + 600
    assert jury.post_json(JURY + "/reveal", {}).status == 409  # not over yet


def test_engines_show_state_slots_work_and_the_last_error(contest) -> None:
    from appliance.judging.engines import drain, mark_health, register

    with Store.open(contest[2]) as store:
        register(store, "unix:///tmp/one.sock", 2)
        register(store, "tcp://two.lan:2376", 4)
        mark_health(store, "unix:///tmp/one.sock", None)
        mark_health(store, "tcp://two.lan:2376", "the Docker engine at tcp://two.lan:2376 "
                                                  "does not answer: timed out")
        queue = JudgeQueue(store)
        as_user(contest, "team002").post_json("/api/contests/test/submissions", submission_body(
            "sum", "python3", A_PLUS_B, "a.py"))
        claim = queue.claim("w1", 60, time.time(), engine="unix:///tmp/one.sock")
        assert claim is not None
        drain(store, "unix:///tmp/one.sock")
    assert as_user(contest, "team001").get(JURY + "/engines").status == 403
    shown = {e["url"]: e for e in as_user(contest, "jury").get(JURY + "/engines").json()}
    assert shown["unix:///tmp/one.sock"] | {"checked_at": None} == {
        "url": "unix:///tmp/one.sock", "state": "draining", "slots": 2, "busy": 1, "judged": 0,
        "last_error": None, "checked_at": None}
    assert shown["tcp://two.lan:2376"]["state"] == "down"
    assert "timed out" in shown["tcp://two.lan:2376"]["last_error"]
    with Store.open(contest[2]) as store:
        JudgeQueue(store).complete(claim, Judgement(Verdict.AC), time.time(),
                                   engine="unix:///tmp/one.sock")


def test_the_newest_dry_run_is_shown_to_the_jury_alone(contest) -> None:
    from appliance.contest.dry_run import DryRun, ProblemDryRun, SubmissionRuns, save

    jury = as_user(contest, "jury")
    assert as_user(contest, "team001").get(JURY + "/dry-run").status == 403
    assert jury.get(JURY + "/dry-run").json() is None  # none ran yet
    report = DryRun("test", 2, 2, "2026-01-01T00:00:00+00:00", "2026-01-01T00:02:00+00:00", [
        ProblemDryRun("sum", "A", 1.0, 2.0, (SubmissionRuns(
            "submissions/accepted/sum.c", "accepted", "c", ("AC", "AC"), (0.25, 0.3)),))])
    with Store.open(contest[2]) as store:
        save(store, report)
    shown = jury.get(JURY + "/dry-run").json()
    assert shown == report.to_json()
    assert shown["problems"][0]["slowest_accepted"] == 0.3 and shown["ok"]


def test_the_jury_menu_offers_the_shadow_page_when_the_contest_shadows_one(contest) -> None:
    base, logins, data = contest
    jury, team = Client(base), Client(base)
    jury.login("jury", logins["jury"])
    team.login("team001", logins["team001"])
    assert 'href="/jury/shadow"' not in jury.get("/problems").text  # no primary: no page
    with Store.open(data) as store:
        store.write(lambda db: db.execute(
            "INSERT INTO shadow_feeds (contest_id, url, primary_contest_id) "
            "VALUES ('test', 'http://primary.lan/api', 'wf')"))
    try:
        menu = jury.get("/problems").text.split('<nav class="menu">')[1].split("</nav>")[0]
        assert 'href="/jury/shadow"' in menu and ">Shadow<" in menu
        assert 'href="/balloons"' in menu  # beside the jury's other pages
        assert "/jury/shadow" not in team.get("/problems").text
        assert "http://primary.lan/api" in jury.get("/jury/shadow").text
    finally:
        with Store.open(data) as store:
            store.write(lambda db: db.execute("DELETE FROM shadow_feeds"))
