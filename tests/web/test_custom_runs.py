"""Run on my input through a real `podium serve` judging on Docker: a team runs code on its
own input and on the samples over the API and from the submit page; a burst meets the rate
limit; a 50 MB input and a language the problem does not take are refused clearly; and
nothing of a run reaches the scoreboard, the event feed or the team's submissions."""

from __future__ import annotations

import re
import time
import urllib.parse
from pathlib import Path

import pytest

from appliance.judging.custom_runs import set_custom_runs
from appliance.store import Store
from tests.web.test_browser import browser, log_in  # noqa: F401 - the browser fixture
from tests.webserver import Client, make_contest, server_process

RUNS = "/api/contests/test/custom-runs"
DOUBLE = "print(2 * int(input()))\n"


@pytest.fixture(scope="module")
def contest(tmp_path_factory: pytest.TempPathFactory):
    data = tmp_path_factory.mktemp("runs")
    logins = make_contest(data, problems=("sum", "rotation"))
    with Store.open(data) as store:
        set_custom_runs(store, "test", True)
    with server_process(data, "--pool-size", "2") as base:
        yield base, logins, data


def finished(client: Client, path: str, timeout: float = 120) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        reply = client.get(path)
        assert reply.status == 200, reply.text
        if reply.json()["status"] == "done":
            return reply.json()
        time.sleep(0.3)
    raise AssertionError(f"{path} did not finish")


def test_a_team_runs_on_its_input_and_nothing_of_it_counts(contest) -> None:
    base, logins, _ = contest
    team = Client(base, "team001", logins["team001"])
    made = team.post_json(RUNS, {"problem_id": "sum", "language_id": "python3",
                                 "source": DOUBLE, "input": "21\n"})
    assert made.status == 200, made.text
    run = finished(team, made.headers["Location"])
    assert run["verdict"] == "OK" and run["tests"][0]["stdout"] == "42\n"
    samples = team.post_json(RUNS, {"problem_id": "sum", "language_id": "python3",
                                    "source": "a, b = map(int, input().split())\n"
                                              "print(a - b)\n", "samples": True})
    on_samples = finished(team, samples.headers["Location"])
    assert on_samples["verdict"] == "WA"
    first = on_samples["tests"][0]
    assert (first["input"], first["answer"], first["stdout"]) == ("1 2\n", "3\n", "-1\n")
    assert first["difference"]["line"] == 1
    # another team cannot read it
    other = Client(base, "team002", logins["team002"])
    assert other.get(made.headers["Location"]).status == 404
    # nothing of it counts
    assert team.get("/api/contests/test/submissions").json() == []
    feed = team.get("/api/contests/test/event-feed?stream=false").text
    assert '"submissions"' not in feed and '"judgements"' not in feed
    rows = team.get("/api/contests/test/scoreboard").json()["rows"]
    assert all(r["score"]["num_solved"] == 0 for r in rows)
    assert all(not p.get("num_judged") for r in rows for p in r["problems"])


def test_bad_runs_get_clear_errors(contest) -> None:
    base, logins, _ = contest
    team = Client(base, "team002", logins["team002"])
    huge = team.post_json(RUNS, {"problem_id": "sum", "language_id": "python3",
                                 "source": DOUBLE, "input": "1" * (50 << 20)})
    assert huge.status == 413 and "MiB" in huge.json()["message"]
    big = team.post_json(RUNS, {"problem_id": "sum", "language_id": "python3",
                                "source": DOUBLE, "input": "1" * (1536 << 10)})
    assert big.status == 400
    assert big.json()["message"] == ("run refused: the input is 1,572,864 bytes (1.5 MiB); a "
                                     "run takes at most 1,048,576 bytes (1 MiB)")
    ruby = team.post_json(RUNS, {"problem_id": "rotation", "language_id": "ruby",
                                 "source": "puts 1\n", "input": ""})
    assert ruby.status == 400 and "ruby" in ruby.json()["message"], ruby.text


def test_a_burst_of_runs_meets_the_rate_limit(contest) -> None:
    base, logins, _ = contest
    team = Client(base, "team003", logins["team003"])
    statuses = [team.post_json(RUNS, {"problem_id": "sum", "language_id": "python3",
                                      "source": DOUBLE, "input": f"{i}\n"}).status
                for i in range(20)]
    assert statuses.count(200) == 10 and statuses[10:] == [429] * 10
    refused = team.post_json(RUNS, {"problem_id": "sum", "language_id": "python3",
                                    "source": DOUBLE, "input": "1\n"})
    assert "at most 10 runs a minute" in refused.json()["message"]
    assert int(refused.headers["Retry-After"]) > 0


def test_the_submit_page_runs_code_and_shows_the_output(contest) -> None:
    base, logins, _ = contest
    page = Client(base)
    assert page.login("team001", logins["team001"]).status == 303
    form = page.get("/submit").text
    assert 'id="run-button"' in form and 'id="run-samples-button"' in form
    reply = page.request("POST", "/run", urllib.parse.urlencode(
        {"csrf": page.csrf(), "problem": "sum", "language": "python3", "code": DOUBLE,
         "input": "50\n"}).encode(), {"Content-Type": "application/x-www-form-urlencoded"})
    assert reply.status == 303, reply.text
    deadline = time.monotonic() + 120
    while 'http-equiv="refresh"' in (text := page.get(reply.headers["Location"]).text):
        assert time.monotonic() < deadline
        time.sleep(0.5)
    assert "100\n" in text and "on your input" in text


def test_runs_are_off_unless_the_organizer_turns_them_on(tmp_path: Path) -> None:
    logins = make_contest(tmp_path, problems=("sum",))
    with server_process(tmp_path, "--no-judge") as base:
        team = Client(base, "team001", logins["team001"])
        refused = team.post_json(RUNS, {"problem_id": "sum", "language_id": "python3",
                                        "source": DOUBLE, "input": "1\n"})
        assert refused.status == 400
        assert "does not offer runs" in refused.json()["message"]
        page = Client(base)
        page.login("team001", logins["team001"])
        assert 'id="run-button"' not in page.get("/submit").text


def test_a_team_uses_run_in_the_browser(contest, browser) -> None:  # noqa: F811
    """Chromium: the editor's code run on the team's input, then on the samples (a wrong
    answer's first difference marked); screenshots in /tmp/run-shots."""
    base, logins, _ = contest
    shots = Path("/tmp/run-shots")
    shots.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    log_in(page, base, "team002", logins["team002"])
    page.goto(f"{base}/submit?problem=sum")
    page.wait_for_selector(".cm-editor")
    page.select_option("#language", "python3")
    page.click(".cm-content")
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.type("a, b = map(int, input().split())\nprint(a * b)\n")
    page.click("details.run-box summary")
    page.fill("#run-input", "6 7\n")
    page.screenshot(path=str(shots / "editor.png"))
    page.click("#run-button")
    page.wait_for_url(re.compile(r".*/runs/\d+$"))
    page.wait_for_selector("#run-status .verdict.OK", timeout=120_000)
    assert page.locator("pre.output").first.inner_text().strip() == "42"
    page.screenshot(path=str(shots / "own-input.png"), full_page=True)
    page.click("text=Back to the editor")
    page.wait_for_selector(".cm-editor")
    page.click("details.run-box summary")
    page.click("#run-samples-button")
    page.wait_for_selector("#run-status .verdict.WA", timeout=120_000)
    assert page.locator("mark.first-difference").count() >= 2
    page.screenshot(path=str(shots / "samples.png"), full_page=True)
    assert errors == []
    context.close()
