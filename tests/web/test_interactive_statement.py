"""An interactive problem's statement (the demo's H, Higher or Lower) shows its sample as
the package's transcript, the judge's and the program's turns, never the sample's input
(it holds the number to guess); that input and its answer are not served either."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.web.test_browser import browser, log_in  # noqa: F401 - the browser fixture
from tests.webserver import Client, make_contest, server_thread
from web.serve import DEMO_PROBLEMS

SHOTS = Path("/tmp/pages1-shots")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict]]:
    """The demo's problems (H is guessing), started, served without judging."""
    data = tmp_path_factory.mktemp("interactive-statement")
    logins = make_contest(data, problems=DEMO_PROBLEMS, teams=1)
    with server_thread(data) as base:
        yield base, logins


def test_problem_h_shows_the_interaction_and_keeps_the_secret(
        demo, browser) -> None:  # noqa: F811 - the fixture
    base, logins = demo
    SHOTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1100, "height": 1000})
    log_in(page, base, "team001", logins["team001"])
    page.goto(base + "/problems/guessing/")
    assert page.locator("h1 .balloon").inner_text() == "H"
    table = page.locator("table.interaction")
    assert table.locator("th").all_inner_texts() == ["Judge", "Your program"]
    turns = [(row.get_attribute("class"), row.inner_text().strip())
             for row in table.locator("tbody tr").all()]
    assert turns == [("judge", "10"), ("program", "? 5"), ("judge", "higher"),
                     ("program", "? 8"), ("judge", "lower"), ("program", "? 7"),
                     ("judge", "correct")]
    body = page.locator("main").inner_text()
    assert "10 7" not in body and "Input 1" not in body
    assert page.locator("a[download]").count() == 0
    page.locator("table.interaction").scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "problem-h.png"), full_page=True)
    page.close()

    team = Client(base)
    assert team.login("team001", logins["team001"]).status == 303
    for kind in ("in", "ans"):
        refused = team.get(f"/problems/guessing/samples/0.{kind}")
        assert refused.status == 404 and "10 7" not in refused.text
    assert team.get("/problems/sum/samples/0.in").status == 200  # others' still download
