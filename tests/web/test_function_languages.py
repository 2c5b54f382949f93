"""A function problem's submit forms offer only the languages it has a harness for
(`functions.code.offered_languages`); the editor starts each language from its own stub and
keeps what a user wrote per problem and language; a refused submission comes back as the
form, saying why, with the code kept."""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest

from appliance.config import Config
from appliance.functions.code import GENERATORS
from appliance.problems.library import import_package
from tests.web.test_browser import browser, log_in  # noqa: F401 - the browser fixture
from tests.webserver import PACKS, Client, make_contest, server_thread

SHOTS = Path("/tmp/pages1-shots")


@pytest.fixture(scope="module")
def contest(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict]]:
    """A running contest with sum and rotation (a function problem), pruning (another) in
    the library alone; served without judging."""
    data = tmp_path_factory.mktemp("function-languages")
    logins = make_contest(data, problems=("sum", "rotation"), teams=2)
    import_package(PACKS / "pruning", Config.build(data_dir=data).library_dir)
    with server_thread(data) as base:
        yield base, logins


def logged_in(base: str, logins: dict, name: str) -> Client:
    client = Client(base)
    assert client.login(name, logins[name]).status == 303
    return client


def options(page_html: str) -> list[str]:
    return re.findall(r'<option value="([^"]+)" data-extensions', page_html)


def test_the_practice_form_of_a_function_problem_offers_its_languages_only(contest) -> None:
    base, logins = contest
    jury = logged_in(base, logins, "jury")
    (pruning,) = re.findall(r'data-problem="([^"]+)"', jury.get("/practice").text)
    offered = options(jury.get(f"/practice/problems/{pruning}/").text)
    assert offered and set(offered) <= set(GENERATORS) and "ruby" not in offered
    team = logged_in(base, logins, "team001")  # the jury may not submit in the contest
    assert "ruby" in options(team.get("/submit").text)  # the contest's sum takes it


def test_a_refused_submission_comes_back_as_the_form_with_the_reason_and_the_code(
        contest) -> None:
    base, logins = contest
    team = logged_in(base, logins, "team002")
    code = "def rotate(m)\n  m\nend\n"
    reply = team.request("POST", "/submit", urllib.parse.urlencode(
        {"csrf": team.csrf(), "problem": "rotation", "language": "ruby", "code": code}
    ).encode(), {"Content-Type": "application/x-www-form-urlencoded"})
    assert reply.status == 400
    page = reply.text
    assert 'id="submit-form"' in page
    said = re.search(r'id="submit-error">([^<]*)<', page).group(1)
    assert said.startswith("submission refused: function problems are not offered in")
    assert "&#39;ruby&#39;" in said
    assert "def rotate(m)\n  m\nend\n</textarea>" in page
    assert re.search(r'<option value="rotation" selected>', page)


def test_the_editor_offers_a_function_problems_languages_and_keeps_code_per_user(
        contest, browser) -> None:  # noqa: F811 - the fixture
    base, logins = contest
    SHOTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    log_in(page, base, "team001", logins["team001"])
    page.goto(base + "/submit?problem=rotation")
    page.wait_for_selector(".cm-editor")
    enabled = page.eval_on_selector_all("#language option:not([disabled])",
                                        "o => o.map(x => x.value)")
    assert enabled and set(enabled) <= set(GENERATORS) and "ruby" not in enabled
    assert page.eval_on_selector('#language option[value="ruby"]', "o => o.hidden")

    editor = page.locator(".cm-content")
    page.select_option("#language", "python3")
    assert "def rotateClockwise(self, matrix" in editor.inner_text()
    page.select_option("#language", "cpp")  # its own stub, not Python's kept
    assert "rotateClockwise(vector<vector<int>>" in editor.inner_text().replace("& ", "")
    page.select_option("#language", "python3")
    page.locator(".cm-line", has_text="pass").dblclick()
    page.keyboard.type("return [list(row) for row in zip(*matrix[::-1])]")
    page.select_option("#language", "java")
    assert "zip(*matrix" not in editor.inner_text()
    page.select_option("#language", "python3")
    assert "zip(*matrix[::-1])" in editor.inner_text()  # kept for rotation in Python
    page.screenshot(path=str(SHOTS / "function-languages.png"))

    page.select_option("#problem", "sum")  # an ordinary problem takes every language
    assert page.eval_on_selector('#language option[value="ruby"]', "o => !o.disabled")
    assert "zip(*matrix" not in editor.inner_text()
    page.reload()
    page.wait_for_selector(".cm-editor")
    page.select_option("#problem", "rotation")
    page.select_option("#language", "python3")
    assert "zip(*matrix[::-1])" in page.locator(".cm-content").inner_text()  # after a reload

    # Another user in the same browser starts from the stub, not from team001's code.
    page.click("form.who button[type=submit]")
    page.wait_for_url(re.compile(r".*/login$"))
    log_in(page, base, "team002", logins["team002"])
    page.goto(base + "/submit?problem=rotation")
    page.wait_for_selector(".cm-editor")
    page.select_option("#language", "python3")
    text = page.locator(".cm-content").inner_text()
    assert "def rotateClockwise(self, matrix" in text and "zip(*matrix" not in text
    assert errors == []
    context.close()
