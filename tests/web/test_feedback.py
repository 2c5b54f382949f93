"""Feedback a contestant can learn from, judged for real: a team's submission that fails on
a sample shows that sample's input, the expected answer and its output side by side, the
first difference marked; a secret test's stays secret; in practice a problem keyworded
`full-feedback` shows a failed secret test too, and an accepted submission shows where its
time and memory stand among the accepted ones (the same figures as the JSON API's)."""

from __future__ import annotations

import re
import shutil
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest

from appliance.config import Config
from appliance.problems.library import import_package
from tests.web.test_browser import browser, log_in  # noqa: F401 - the browser fixture
from tests.web.test_compiler_output import dispatch
from tests.webserver import PACKS, Client, as_user, make_contest, server_thread, submission_body

pytestmark = pytest.mark.docker

SHOTS = Path("/tmp/feedback-shots")
MINUS = b"a, b = map(int, input().split())\nprint(a - b)\n"  # WA on sample 1: -1, not 3
SMALL = b"a, b = map(int, input().split())\nprint(a + b if abs(a) < 100 else 0)\n"
RIGHT = b"a, b = map(int, input().split())\nprint(a + b)\n"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict, Path, str]]:
    """A running contest on sum (judged by `dispatch` when asked), and beside it in the
    library a copy of sum keyworded `full-feedback`, open for practice."""
    root = tmp_path_factory.mktemp("feedback")
    data = root / "data"
    logins = make_contest(data, ("sum",), teams=2)
    open_sum = root / "opensum"
    shutil.copytree(PACKS / "sum", open_sum)
    yaml = open_sum / "problem.yaml"
    yaml.write_text(yaml.read_text().replace("Sum of Two Integers", "Open Sum").replace(
        "[easy, arithmetic]", "[easy, arithmetic, full-feedback]"))
    folder = import_package(open_sum, Config.build(data_dir=data).library_dir)
    with server_thread(data) as base:
        yield base, logins, data, folder.path.name


def practise(client: Client, problem: str, code: bytes) -> str:
    reply = client.request("POST", f"/practice/problems/{problem}/", urllib.parse.urlencode(
        {"csrf": client.csrf(), "language": "python3", "code": code.decode()}).encode(),
        {"Content-Type": "application/x-www-form-urlencoded"})
    assert reply.status == 303, reply.text
    return reply.headers["Location"]


def test_a_failed_sample_is_shown_whole_and_a_practice_ac_where_it_stands(
        served, browser) -> None:  # noqa: F811 - the fixture
    base, logins, data, folder = served
    SHOTS.mkdir(exist_ok=True)
    team = (base, logins, data)
    wrong = as_user(team, "team001").post_json(
        "/api/contests/test/submissions", submission_body("sum", "python3", MINUS, "a.py"))
    secret = as_user(team, "team001").post_json(
        "/api/contests/test/submissions", submission_body("sum", "python3", SMALL, "b.py"))
    assert wrong.status == 200 and secret.status == 200
    jury = Client(base)
    assert jury.login("jury", logins["jury"]).status == 303
    practised = [practise(jury, folder, code) for code in (SMALL, RIGHT, RIGHT, RIGHT)]
    dispatch(data)

    mine = Client(base)
    assert mine.login("team001", logins["team001"]).status == 303
    page = mine.get(f"/submissions/{wrong.json()['id']}").text
    assert 'id="feedback"' in page and "Failed on sample/1" in page
    assert '<pre class="data input">1 2\n</pre>' in page
    assert '<mark class="first-difference">3</mark>' in page  # the answer's token
    assert '<mark class="first-difference">-1</mark>' in page  # the output's
    hidden = mine.get(f"/submissions/{secret.json()['id']}").text
    assert "WA" in hidden and 'id="feedback"' not in hidden  # failed on a secret test

    # Practice: the archive's full-feedback problem opens its secret tests.
    open_page = jury.get(practised[0]).text
    assert 'id="feedback"' in open_page and "Failed on secret/" in open_page
    ac_page = jury.get(practised[-1]).text
    assert 'id="standing"' in ac_page and "Among 3 accepted" in ac_page
    said = re.search(r"Faster than <strong>(\d+) %</strong>", ac_page)
    check = jury.get(f"/api/practice/check/{practised[-1].rsplit('/', 1)[-1]}").json()
    assert said and int(said.group(1)) == check["standing"]["faster_than_percent"]
    assert check["feedback"] is None
    assert jury.get(f"/api/practice/check/{practised[0].rsplit('/', 1)[-1]}").json()[
        "feedback"]["test_name"].startswith("secret/")

    # Seen in a browser: the team's page, then the practice pages.
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    tab = context.new_page()
    log_in(tab, base, "team001", logins["team001"])
    tab.goto(f"{base}/submissions/{wrong.json()['id']}")
    assert tab.locator("#feedback mark.first-difference").count() == 2
    tab.screenshot(path=str(SHOTS / "team-sample-feedback.png"), full_page=True)
    jury_tab = browser.new_context(viewport={"width": 1100, "height": 900}).new_page()
    log_in(jury_tab, base, "jury", logins["jury"])
    jury_tab.goto(base + practised[0])
    jury_tab.screenshot(path=str(SHOTS / "practice-secret-feedback.png"), full_page=True)
    jury_tab.goto(base + practised[-1])
    assert jury_tab.locator("#standing .bar.mine").count() == 2
    jury_tab.screenshot(path=str(SHOTS / "practice-standing.png"), full_page=True)
    context.close()
    jury_tab.context.close()
