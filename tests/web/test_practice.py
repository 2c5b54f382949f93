"""Practice on a real `podium serve` judging with the real Docker engine: submissions taken
when the contest refuses them (before its start, after its end), judged by the same queue,
shown in the solved list and the leaderboard, and never in the contest's scoreboard,
submissions or event feed; teams wait while the contest runs."""

from __future__ import annotations

import json
import re
import time
import urllib.parse
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from appliance.config import Config
from appliance.problems.library import import_package
from tests.web.test_browser import browser, log_in  # noqa: F401 - the browser fixture
from tests.webserver import (
    A_PLUS_B,
    PACKS,
    Client,
    as_user,
    make_contest,
    server_process,
    server_thread,
    submission_body,
)

HELLO = b"print('Hello World!')\n"
WRONG = b"a, b = map(int, input().split())\nprint(a - b)\n"


def browser_login(base: str, logins: dict, name: str) -> Client:
    client = Client(base)
    assert client.login(name, logins[name]).status == 303
    return client


def practise(client: Client, problem: str, code: bytes, language: str = "python3") -> str:
    """Submit from the practice problem's form; the new submission's page."""
    reply = client.request("POST", f"/practice/problems/{problem}/", urllib.parse.urlencode(
        {"csrf": client.csrf(), "language": language, "code": code.decode()}).encode(),
        {"Content-Type": "application/x-www-form-urlencoded"})
    assert reply.status == 303, reply.text
    return reply.headers["Location"]


def verdict(client: Client, page: str, timeout: float = 120) -> str:
    """The verdict a practice submission's page shows once judged."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = client.get(page).text
        found = re.search(r'class="verdict-cell"><span class="verdict (\w+)[ "]', text)
        if found and found.group(1) != "pending":
            assert 'http-equiv="refresh"' not in text  # a judged page stops reloading
            return found.group(1)
        assert 'http-equiv="refresh"' in text  # a waiting one reloads by itself
        time.sleep(0.5)
    raise AssertionError(f"{page} was not judged in {timeout} s")


def archive_ids(client: Client, query: str = "") -> list[str]:
    return re.findall(r'data-problem="([^"]+)"', client.get("/practice" + query).text)


def contest_feed(base: str, logins: dict) -> list[dict]:
    reply = as_user((base, logins, None), "jury").get(
        "/api/contests/test/event-feed?stream=false")
    assert reply.status == 200
    return [json.loads(line) for line in reply.text.splitlines() if line.strip()]


# --- before the contest starts ---------------------------------------------------------------

@pytest.fixture(scope="module")
def before(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict, Path]]:
    """A contest not started (sum, floats) and hello imported into the library alone."""
    data = tmp_path_factory.mktemp("practice-before")
    logins = make_contest(data, start=False)
    import_package(PACKS / "hello", Config.build(data_dir=data).library_dir)
    with server_process(data, "--pool-size", "2") as base:
        yield base, logins, data


@pytest.mark.docker
def test_before_the_start_practice_is_judged_and_stays_out_of_the_contest(before) -> None:
    base, logins, _ = before
    team = browser_login(base, logins, "team001")
    refused = as_user(before, "team001").post_json(
        "/api/contests/test/submissions", submission_body("sum", "python3", A_PLUS_B, "a.py"))
    assert refused.status == 400 and "not started" in refused.text
    (hello,) = archive_ids(team)  # the contest's own problems wait for its end
    assert hello.startswith("hello-")
    wrong = practise(team, hello, b"print('hello')\n")
    assert verdict(team, wrong) == "WA"
    right = practise(team, hello, HELLO)
    assert verdict(team, right) == "AC"

    mine = team.get("/practice/me").text
    assert re.search(r'id="solved">\s*<li><a href="/practice/problems/' + hello, mine)
    assert 'class="solved" data-problem="' + hello in team.get("/practice").text
    board = team.get("/practice/leaderboard").text
    assert re.search(r'<tr class="me">\s*<td>1</td><td><bdi>team001</bdi></td><td>1</td>', board)

    feed = contest_feed(base, logins)
    assert not [e for e in feed if e["type"] in ("submissions", "judgements", "runs")]
    jury = as_user(before, "jury")
    assert jury.get("/api/contests/test/submissions").json() == []
    rows = jury.get("/api/contests/test/scoreboard").json()["rows"]
    assert rows and all(r["score"]["num_solved"] == 0 for r in rows)
    assert team.get(right.replace("/practice", "")).status == 404  # not a contest submission
    other = browser_login(base, logins, "team002")
    assert other.get(right).status == 404  # nor another account's


@pytest.mark.docker  # on the judging server above, though nothing here is judged
def test_search_and_unknown_problems_on_the_practice_pages(before) -> None:
    base, logins, _ = before
    team = browser_login(base, logins, "team003")
    (hello,) = archive_ids(team)
    assert archive_ids(team, "?q=HELLO") == [hello]
    assert archive_ids(team, "?difficulty=easy&tag=output") == [hello]
    assert archive_ids(team, "?q=graphs") == []
    assert "No problem matches" in team.get("/practice?q=graphs").text
    assert team.get("/practice/problems/sum/").status == 404
    page = team.get(f"/practice/problems/{hello}/").text
    assert "Hello World!" in page and 'id="code"' in page and "samples/0.in" in page
    assert team.get(f"/practice/problems/{hello}/samples/0.ans").body == \
        (PACKS / "hello/data/sample/1.ans").read_bytes()
    assert Client(base).get("/practice").status == 303  # log in first


# --- after the contest's end -----------------------------------------------------------------

@pytest.fixture(scope="module")
def after(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict, Path]]:
    """A contest of sum and floats that ended an hour ago."""
    data = tmp_path_factory.mktemp("practice-after")
    logins = make_contest(data, started_ago=timedelta(hours=6))
    with server_process(data, "--pool-size", "2") as base:
        yield base, logins, data


@pytest.mark.docker
def test_after_the_end_its_problems_open_for_practice_to_any_account(after) -> None:
    base, logins, _ = after
    refused = as_user(after, "team001").post_json(
        "/api/contests/test/submissions", submission_body("sum", "python3", A_PLUS_B, "a.py"))
    assert refused.status == 400 and "ended" in refused.text
    team, jury = browser_login(base, logins, "team001"), browser_login(base, logins, "jury")
    (sum_id,) = [p for p in archive_ids(team) if p.startswith("sum-")]
    assert len(archive_ids(team)) == 2  # sum and floats
    assert verdict(team, practise(team, sum_id, A_PLUS_B)) == "AC"
    assert verdict(jury, practise(jury, sum_id, WRONG)) == "WA"
    time.sleep(1.1)  # the leaderboard counts whole seconds: the jury's AC comes later
    assert verdict(jury, practise(jury, sum_id, A_PLUS_B)) == "AC"
    board = jury.get("/practice/leaderboard").text
    ranked = re.findall(r"<td>(\d+)</td><td><bdi>(\w+)</bdi></td><td>(\d+)</td>", board)
    assert ranked == [("1", "team001", "1"), ("2", "jury", "1")]  # team001 on its first try
    assert not [e for e in contest_feed(base, logins)
                if e["type"] in ("submissions", "judgements", "runs")]


# --- while the contest runs ------------------------------------------------------------------

def test_while_the_contest_runs_teams_wait_and_the_jury_practises(tmp_path: Path) -> None:
    logins = make_contest(tmp_path)
    import_package(PACKS / "hello", Config.build(data_dir=tmp_path).library_dir)
    with server_thread(tmp_path) as base:
        team, jury = browser_login(base, logins, "team001"), browser_login(base, logins, "jury")
        closed = team.get("/practice")
        assert closed.status == 403 and "when the contest is over" in closed.text
        assert team.get("/practice/leaderboard").status == 403
        assert len(archive_ids(jury)) == 1
        assert 'href="/practice"' in team.get("/problems").text  # linked all the same


# --- in a browser ----------------------------------------------------------------------------

@pytest.mark.docker
def test_a_team_finds_a_problem_solves_it_in_the_editor_and_sees_it_solved(
        after, browser) -> None:  # noqa: F811 - the fixture imported above
    base, logins, _ = after
    page = browser.new_page()
    log_in(page, base, "team002", logins["team002"])
    page.click("nav >> text=Practice")
    page.fill("input[name=q]", "two integers")
    page.click("form.search button")
    page.wait_for_url(re.compile(r".*/practice\?q=two\+integers.*"))
    assert page.locator("table.practice tbody tr").count() == 1
    page.click("text=Sum of Two Integers")
    page.wait_for_selector(".cm-editor")
    page.select_option("#language", "python3")
    page.click(".cm-content")
    page.keyboard.type(A_PLUS_B.decode())
    page.click("#submit-button")
    page.wait_for_url(re.compile(r".*/practice/submissions/\d+"))
    page.wait_for_selector(".verdict-cell .verdict.AC", timeout=120_000)  # reloaded by itself
    page.click("text=My progress")
    assert page.locator("#solved li").inner_text().startswith("Sum of Two Integers")
    page.close()


@pytest.mark.docker
def test_a_function_problem_starts_from_the_stub_and_only_the_function_is_written(
        tmp_path: Path, browser) -> None:  # noqa: F811 - the fixture imported above
    logins = make_contest(tmp_path, started_ago=timedelta(hours=6))
    import_package(PACKS / "rotation", Config.build(data_dir=tmp_path).library_dir)
    with server_process(tmp_path, "--pool-size", "1") as base:
        page = browser.new_page()
        log_in(page, base, "team003", logins["team003"])
        page.goto(base + "/practice?q=quarter")
        page.click("text=Quarter Turn")
        page.wait_for_selector(".cm-editor")
        page.select_option("#language", "python3")
        editor = page.locator(".cm-content")
        assert "def rotateClockwise(self, matrix" in editor.inner_text()
        page.locator(".cm-line", has_text="pass").dblclick()  # the stub's body, and no more
        page.keyboard.type("return [list(row) for row in zip(*matrix[::-1])]")
        page.click("#submit-button")
        page.wait_for_url(re.compile(r".*/practice/submissions/\d+"))
        page.wait_for_selector(".verdict-cell .verdict.AC", timeout=120_000)
        page.close()
        team = browser_login(base, logins, "team003")
        (rotation,) = archive_ids(team, "?q=quarter")
        refused = team.request("POST", f"/practice/problems/{rotation}/", urllib.parse.urlencode(
            {"csrf": team.csrf(), "language": "ruby", "code": "def x; end"}).encode(),
            {"Content-Type": "application/x-www-form-urlencoded"})
        assert refused.status == 400  # no harness in Ruby: said at once, nothing stored
        assert "function problems are not offered in" in refused.text and "ruby" in refused.text
        assert len(re.findall(r"/practice/submissions/\d+", team.get("/practice/me").text)) == 1
