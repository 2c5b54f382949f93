"""The runners' balloon page kept live by the `/live` stream, as the other live pages are,
on `podium serve --workers 2` (no Docker: the verdict is recorded through the queue as the
dispatcher would): a quiet page fetches nothing, a new balloon shows within 2 s of its
verdict, and a mark made through either worker (another runner, the console) shows on it.
Screenshots go to /tmp/floor-live-shots, to be looked at by hand."""

from __future__ import annotations

import base64
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from appliance.judging.queue import JudgeQueue
from appliance.store import Store
from judge.judging import Judgement
from judge.verdicts import Verdict
from tests.web.test_browser import ARGS, CHROMIUM, log_in
from tests.web.test_floor import RUNNER, add_runner
from tests.web.test_floor_browser import PHONE
from tests.webserver import (
    A_PLUS_B,
    Client,
    make_contest,
    pin_both,
    spawn_server,
    stop_server,
    submission_body,
)

SHOTS = Path("/tmp/floor-live-shots")  # looked at by hand, as the other pages' shots
QUIET_S = 4.0


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict, Path]]:
    data = tmp_path_factory.mktemp("floor-live")
    logins = make_contest(data, problems=("sum", "hello"), teams=3,
                          started_ago=timedelta(minutes=5))
    add_runner(data)
    logins[RUNNER[0]] = RUNNER[1]
    process, base = spawn_server(data, "--workers", "2", "--no-judge")
    try:
        yield base, logins, data
    finally:
        stop_server(process)


@pytest.fixture(scope="module")
def browser():
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield launched
        launched.close()


def shot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / name), full_page=True)


def test_the_balloon_page_follows_the_stream_not_a_poll(server, browser) -> None:
    base, logins, data = server
    page = browser.new_context(viewport=PHONE, is_mobile=True).new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url) if "part=list" in r.url else None)
    log_in(page, base, *RUNNER)
    page.goto(base + "/balloons")
    page.wait_for_selector("li.empty")
    page.wait_for_timeout(QUIET_S * 1000)
    # a poll fetched the list every second; the stream's first look at the marks may
    # nudge once, then nothing while nothing changes
    assert len(fetched) <= 1, fetched

    reply = Client(base, "team002", logins["team002"]).post_json(
        "/api/contests/test/submissions", submission_body("sum", "python3", A_PLUS_B, "a.py"))
    assert reply.status == 200, reply.text
    with Store.open(data) as store:
        queue = JudgeQueue(store)
        claim = queue.claim("w1", 60, time.time())
        assert claim is not None
        queue.complete(claim, Judgement(Verdict.AC, time=0.1), time.time())
    page.wait_for_selector("#b-team002-sum.state-pending", timeout=2000)
    shot(page, "runner-live-new-balloon.png")

    # another runner's marks, through each worker in turn: one of them is not the worker
    # whose stream this page holds
    auth = "Basic " + base64.b64encode(f"jury:{logins['jury']}".encode()).decode()
    mark = "/api/contests/test/balloons/team002/sum/"
    for through, action, state in zip(pin_both(base), ("deliver", "undo"),
                                      ("delivered", "pending"), strict=True):
        status, answer = through.request("POST", mark + action, auth, {})
        assert status == 200, answer
        page.wait_for_selector(f"#b-team002-sum.state-{state}", timeout=3000)
    shot(page, "runner-live-after-marks.png")
    assert errors == []
