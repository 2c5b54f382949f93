"""A compile error shows the compiler's output: on the team's submission page (live, when
the verdict arrives, and when the page is loaded again), on a practice submission's page
and to the jury; never to another team, on a page or in its live stream. Judged for real:
the server takes the submissions, `podium dispatch` judges them once the pages are open."""

from __future__ import annotations

import re
import subprocess
import sys
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest

from appliance.config import Config
from appliance.problems.library import import_package
from tests.paths import REPO
from tests.web.test_browser import browser, log_in  # noqa: F401 - the browser fixture
from tests.webserver import (
    PACKS,
    Client,
    as_user,
    make_contest,
    server_thread,
    submission_body,
)

pytestmark = pytest.mark.docker

SHOTS = Path("/tmp/pages1-shots")
BROKEN_C = b'#include <stdio.h>\nint main(void) {\n    printf("%d\\n", 1 +);\n}\n'
SAID = re.compile(r":3:\d+: error: ")  # gcc names the line of the mistake


@pytest.fixture(scope="module")
def contest(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict, Path]]:
    """A running contest (sum, floats) judged by nobody until `dispatch` is called, and hello
    in the library alone (open for the jury's practice)."""
    data = tmp_path_factory.mktemp("compiler-output")
    logins = make_contest(data, teams=2)
    import_package(PACKS / "hello", Config.build(data_dir=data).library_dir)
    with server_thread(data) as base:
        yield base, logins, data


def dispatch(data: Path) -> None:
    """Judge everything queued, in another process (as `podium dispatch` does)."""
    subprocess.run([sys.executable, "-m", "cli", "dispatch", "--until-empty", "--pool-size",
                    "1", "--data", str(data)], cwd=REPO, check=True, timeout=300,
                   capture_output=True)


LISTEN = """() => { window.heard = [];
  const source = new EventSource("/live?since=0");
  source.addEventListener("judgement", (e) => window.heard.push(JSON.parse(e.data))); }"""


def test_the_compilers_output_reaches_the_submitter_and_the_jury_only(
        contest, browser) -> None:  # noqa: F811 - the fixture
    base, logins, data = contest
    SHOTS.mkdir(exist_ok=True)
    reply = as_user(contest, "team001").post_json(
        "/api/contests/test/submissions", submission_body("sum", "c", BROKEN_C, "sum.c"))
    assert reply.status == 200, reply.text
    sid = reply.json()["id"]

    # The jury practises on hello with the same mistake.
    jury = Client(base)
    assert jury.login("jury", logins["jury"]).status == 303
    (hello,) = re.findall(r'data-problem="([^"]+)"', jury.get("/practice").text)
    practised = jury.request("POST", f"/practice/problems/{hello}/", urllib.parse.urlencode(
        {"csrf": jury.csrf(), "language": "c", "code": BROKEN_C.decode()}).encode(),
        {"Content-Type": "application/x-www-form-urlencoded"})
    assert practised.status == 303, practised.text

    mine = browser.new_context(viewport={"width": 1100, "height": 800})
    page = mine.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    log_in(page, base, "team001", logins["team001"])
    page.goto(f"{base}/submissions/{sid}")
    assert page.locator(".verdict-cell .verdict").inner_text() == "pending"
    assert not page.locator("#compile-output").is_visible()
    page.evaluate("window.stayed = true")
    theirs = browser.new_context().new_page()
    log_in(theirs, base, "team002", logins["team002"])
    theirs.evaluate(LISTEN)

    dispatch(data)

    # Live: the verdict arrives with the compiler's message, and links to it.
    page.locator("#compile-output pre", has_text="error:").wait_for(timeout=30_000)
    assert page.evaluate("window.stayed === true"), "the output came by reloading the page"
    shown = page.locator("#compile-output pre").inner_text()
    assert SAID.search(shown), shown
    assert "1 +);" in shown  # the line itself, as gcc quotes it
    assert page.locator('.verdict-cell a[href="#compile-output"] .verdict.CE').count() == 1
    page.click('.verdict-cell a[href="#compile-output"]')
    assert page.url.endswith("#compile-output")
    page.screenshot(path=str(SHOTS / "ce.png"), full_page=True)

    # Loaded again, the page shows it from the store; the list links the CE to it.
    page.goto(f"{base}/submissions/{sid}")
    assert SAID.search(page.locator("#compile-output pre").inner_text())
    page.goto(f"{base}/submissions")
    link = page.locator(f"#s{sid} .verdict-cell a")
    assert link.get_attribute("href") == f"/submissions/{sid}#compile-output"
    assert errors == []

    # The jury's view of the team's submission shows it too; the practice page as well.
    assert SAID.search(jury.get(f"/submissions/{sid}").text)
    practice_page = jury.get(practised.headers["Location"]).text
    assert 'class="verdict CE compile-error"' in practice_page and SAID.search(practice_page)

    # Another team: no page, no API judgement, nothing in its live stream.
    other = Client(base)
    assert other.login("team002", logins["team002"]).status == 303
    refused = other.get(f"/submissions/{sid}")
    assert refused.status == 404 and "error:" not in refused.text
    assert as_user(contest, "team002").get(
        f"/api/contests/test/judgements?submission_id={sid}").json() == []
    theirs.wait_for_timeout(500)
    assert theirs.evaluate("window.heard") == []
    page.evaluate(LISTEN)
    page.wait_for_function("window.heard.length > 0", timeout=10_000)
    (heard,) = page.evaluate("window.heard")
    assert heard["verdict"] == "CE" and SAID.search(heard["compile_output"])
    mine.close()
    theirs.context.close()
