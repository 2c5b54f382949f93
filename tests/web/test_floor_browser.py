"""The contest floor in Debian's Chromium against a real `podium serve` judging on Docker: a
team prints from its page; a runner's phone-sized page shows a new balloon within 2 s of
the verdict and marks it delivered. Screenshots go to /tmp/floor-shots."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from tests.web.test_browser import ARGS, CHROMIUM, log_in
from tests.web.test_floor import RUNNER, add_runner
from tests.webserver import A_PLUS_B, Client, make_contest, server_process, submission_body

pytestmark = pytest.mark.docker

SHOTS = Path("/tmp/floor-shots")
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict, Path]]:
    data = tmp_path_factory.mktemp("floor-e2e")
    logins = make_contest(data, problems=("sum", "hello"), teams=3,
                          started_ago=timedelta(minutes=5))
    add_runner(data)
    logins[RUNNER[0]] = RUNNER[1]
    with server_process(data, "--pool-size", "2") as base:
        yield base, logins, data


@pytest.fixture(scope="module")
def browser():
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield launched
        launched.close()


def test_a_team_prints_from_its_page(server, browser) -> None:
    base, logins, _ = server
    SHOTS.mkdir(exist_ok=True)
    page = browser.new_context(viewport={"width": 1200, "height": 900}).new_page()
    log_in(page, base, "team001", logins["team001"])
    page.click("a.print-link")
    page.fill("input[name=file_name]", "sum.py")
    page.fill("textarea[name=text]", A_PLUS_B.decode())
    page.click("form.print button[type=submit]")
    page.wait_for_selector("p.notice")
    page.screenshot(path=str(SHOTS / "team-print.png"), full_page=True)
    row = page.locator("table.print-jobs tbody tr").first
    assert "sum.py" in row.inner_text() and "queued" in row.inner_text()
    with page.expect_download() as download:
        row.locator("a").click()
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")

    page.fill("input[name=file_name]", "a.out")
    page.set_input_files("input[name=file]", files=[{"name": "a.out", "mimeType":
                                                      "application/octet-stream",
                                                      "buffer": b"\x7fELF\x00\x01"}])
    page.click("form.print button[type=submit]")
    page.wait_for_selector("p.error")
    assert "a.out: a binary file" in page.locator("p.error").inner_text()


def test_a_runner_phone_shows_a_new_balloon_within_2_s(server, browser) -> None:
    base, logins, _ = server
    SHOTS.mkdir(exist_ok=True)
    page = browser.new_context(viewport=PHONE, is_mobile=True).new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    log_in(page, base, *RUNNER)
    page.goto(base + "/balloons")
    page.wait_for_selector("li.empty")

    team = Client(base, "team002", logins["team002"])
    reply = team.post_json("/api/contests/test/submissions",
                           submission_body("sum", "python3", A_PLUS_B, "a.py"))
    sid = reply.json()["id"]
    jury = Client(base, "jury", logins["jury"])
    deadline = time.monotonic() + 120
    while not any(j["submission_id"] == sid and j["judgement_type_id"] == "AC"
                  for j in jury.get("/api/contests/test/judgements").json()):
        assert time.monotonic() < deadline, "not judged"
        time.sleep(0.05)
    seen = time.monotonic()
    page.wait_for_selector("#b-team002-sum", timeout=2000)
    shown_after = time.monotonic() - seen
    page.screenshot(path=str(SHOTS / "runner-new-balloon.png"), full_page=True)
    assert shown_after < 2.0
    balloon = page.locator("#b-team002-sum")
    assert "first to solve" in balloon.inner_text() and "pending" in balloon.inner_text()

    balloon.locator("button[value=deliver]").click()
    page.wait_for_selector("#b-team002-sum.state-delivered")
    page.screenshot(path=str(SHOTS / "runner-delivered.png"), full_page=True)
    assert errors == []
