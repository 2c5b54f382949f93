"""The contestants' pages in Chromium, on the web app alone (nothing is judged): what an
account may do now is shown (closed links greyed with their reason, refused pages a 403
saying why), and every page fits a phone's width."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from appliance.config import Config
from appliance.problems.library import import_package
from tests.web.test_browser import browser, log_in  # noqa: F401 - the browser fixture
from tests.webserver import (
    PACKS,
    Client,
    make_contest,
    server_process,
    server_thread,
    submission_body,
)

SHOTS = Path("/tmp/pages2-shots")
PHONE = {"width": 375, "height": 740}
PROBLEMS = ("sum", "floats", "multilang", "strings", "divisors", "paths", "bigsum", "pruning")


@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict]]:
    """A contest of eight problems that started a minute ago."""
    data = tmp_path_factory.mktemp("pages-running")
    logins = make_contest(data, problems=PROBLEMS, teams=6, started_ago=timedelta(minutes=1))
    with server_thread(data) as base:
        yield base, logins


@pytest.fixture(scope="module")
def ended(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict]]:
    """The same contest, ended an hour ago; a function problem imported on its own."""
    data = tmp_path_factory.mktemp("pages-ended")
    logins = make_contest(data, problems=PROBLEMS, teams=6, started_ago=timedelta(hours=6))
    import_package(PACKS / "rotation", Config.build(data_dir=data).library_dir)
    with server_thread(data) as base:
        yield base, logins


def shot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def overflow(page) -> int:
    """How far the document reaches past the viewport's width (0: it fits)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


# --- what an account may do now (issue 17, item 13) -------------------------------------------

def test_while_the_contest_runs_a_team_sees_practice_closed_and_why(running, browser) -> None:  # noqa: F811
    base, logins = running
    page = browser.new_page()
    log_in(page, base, "team001", logins["team001"])
    practice = page.locator("nav.menu a.practice-link")
    assert "closed" in practice.get_attribute("class")
    assert "when the contest is over" in practice.get_attribute("title")
    assert "closed" not in page.locator("nav.menu a.submit-link").get_attribute("class")
    practice.click()
    assert page.locator("h1").inner_text().startswith("Not open to you now")
    assert page.locator("p.error").inner_text() == \
        "practice opens for teams when the contest is over"
    assert page.locator("main a[href='/submit']").count() == 1  # what is open instead
    shot(page, "practice-refused")
    page.close()


def test_after_the_end_the_submit_form_is_gone_and_says_why(ended, browser) -> None:  # noqa: F811
    base, logins = ended
    page = browser.new_page()
    log_in(page, base, "team001", logins["team001"])
    assert page.locator("table.problems a[href^='/submit']").count() == 0
    assert page.locator("table.problems span.closed").first.get_attribute("title") == \
        "the contest has ended"
    page.goto(base + "/problems/sum/")
    assert page.locator("a[href^='/submit?']").count() == 0
    assert "Closed: the contest has ended." in page.locator(".closed-note").inner_text()
    response = page.goto(base + "/submit")
    assert response.status == 403
    assert page.locator("#submit-form").count() == 0
    assert page.locator("p.error").inner_text() == "the contest has ended"
    assert "closed" not in page.locator("nav.menu a.practice-link").get_attribute("class")
    page.close()


def test_the_jury_sees_submit_closed_and_why(running, browser) -> None:  # noqa: F811
    base, logins = running
    page = browser.new_page()
    log_in(page, base, "jury", logins["jury"])
    submit = page.locator("nav.menu a.submit-link")
    assert "closed" in submit.get_attribute("class")
    assert "only team accounts submit" in submit.get_attribute("title")
    submit.click()
    assert page.locator("#submit-form").count() == 0
    assert "only team accounts submit" in page.locator("p.error").inner_text()
    shot(page, "jury-submit-refused")
    page.close()


# --- a phone's width (issue 17, item 16) ------------------------------------------------------

def test_the_contest_pages_fit_a_phone(running, browser) -> None:  # noqa: F811
    base, logins = running
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    log_in(page, base, "team002", logins["team002"])
    for name, path in (("scoreboard", "/scoreboard"), ("problems", "/problems"),
                       ("statement", "/problems/sum/"), ("submit", "/submit?problem=sum")):
        page.goto(base + path)
        if name == "submit":
            page.wait_for_selector(".cm-editor")
        shot(page, f"{name}-375")
        assert overflow(page) <= 0, f"{path} is wider than the phone"
    page.goto(base + "/problems/sum/")  # the samples stack: Download never meets Output 1
    download = page.locator(".sample-head a").first.bounding_box()
    output = page.locator(".sample-head").nth(1).bounding_box()
    assert download["y"] + download["height"] <= output["y"]
    header = page.locator("header.top").bounding_box()
    assert header["width"] == PHONE["width"]
    context.close()


def test_the_practice_pages_fit_a_phone(ended, browser) -> None:  # noqa: F811
    base, logins = ended
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    log_in(page, base, "team002", logins["team002"])
    page.goto(base + "/practice")
    assert page.locator("table.practice tbody tr").count() == 9
    hint = page.locator("main p.hint").first.inner_text()  # Quarter Turn is in no contest
    assert "finished contests and the packages imported on their own" in hint
    shot(page, "practice-375")
    assert overflow(page) <= 0, "the practice list is wider than the phone"
    page.click("text=Quarter Turn")
    page.wait_for_selector(".cm-editor")
    shot(page, "practice-problem-375")
    assert overflow(page) <= 0, "a practice problem is wider than the phone"
    page.goto(base + "/scoreboard")
    assert overflow(page) <= 0, "the scoreboard is wider than the phone"
    context.close()


# --- small things that read wrong (issue 17, item 17) -----------------------------------------

def test_a_wrong_password_keeps_the_user_name(running, browser) -> None:  # noqa: F811
    base, _ = running
    page = browser.new_page()
    page.goto(base + "/login")
    page.fill("input[name=username]", "team003")
    page.fill("input[name=password]", "not the password")
    page.click("button[type=submit]")
    assert page.locator("p.error").inner_text() == "wrong user name or password"
    assert page.input_value("input[name=username]") == "team003"
    assert page.input_value("input[name=password]") == ""
    page.close()


def test_the_jury_reads_whom_an_answer_went_to_and_the_numbers_it_refers_to(
        running, browser) -> None:  # noqa: F811
    base, logins = running
    page = browser.new_page()
    log_in(page, base, "team004", logins["team004"])
    page.goto(base + "/clarifications")
    page.fill("textarea[name=text]", "Is the input one line?")
    page.click("form.ask button[type=submit]")
    page.wait_for_selector("text=Is the input one line?")
    jury = Client(base, "jury", logins["jury"])
    (question,) = [c for c in jury.get("/api/contests/test/clarifications").json()
                   if c["text"] == "Is the input one line?"]
    reply = jury.post_json("/api/contests/test/clarifications",
                           {"text": "Yes, one line.", "reply_to_id": question["id"]})
    assert reply.status in (200, 201), reply.text
    page.reload()
    mine = page.locator("#clarifications li", has_text="Yes, one line.")
    assert "answer to you" in mine.inner_text()
    page.close()

    page = browser.new_page()
    log_in(page, base, "jury", logins["jury"])
    page.goto(base + "/clarifications")
    answer = page.locator("#clarifications li", has_text="Yes, one line.")
    assert "answer to Team 4" in answer.inner_text()
    assert "answer to you" not in answer.inner_text()
    answer.locator(f"a[href='#c{question['id']}']").click()  # the number it refers to
    asked = page.locator(f"#c{question['id']}")
    assert f"#{question['id']}" in asked.locator(".meta").inner_text()
    assert "Is the input one line?" in asked.inner_text()
    shot(page, "jury-clarifications")
    page.close()


def test_each_language_of_a_statement_is_a_link_away(running, browser) -> None:  # noqa: F811
    base, logins = running
    page = browser.new_page()
    log_in(page, base, "team005", logins["team005"])
    page.goto(base + "/problems/multilang/")
    assert page.locator(".statement-body").get_attribute("lang") == "en"
    assert page.locator(".statement-languages a").all_inner_texts() == ["en", "sv"]
    page.click(".statement-languages a[hreflang=sv]")
    page.wait_for_url(base + "/problems/multilang/?lang=sv")
    assert page.locator(".statement-body").get_attribute("lang") == "sv"
    assert "Lina har en lång, smal bräda" in page.locator(".statement-body").inner_text()
    assert "Dominoremsan" in page.locator("h1").inner_text()  # the name in that language
    assert page.locator(".statement-languages a[aria-current=page]").inner_text() == "sv"
    assert page.locator(".statement-body img").first.evaluate("i => i.naturalWidth") > 0
    shot(page, "statement-sv")
    response = page.goto(base + "/problems/multilang/?lang=xx")
    assert response.status == 404
    assert "not in 'xx'; it is in en, sv" in page.locator("p.error").inner_text()
    page.goto(base + "/problems/sum/")  # one language: no switch
    assert page.locator(".statement-languages").count() == 0
    page.close()


# --- verdict badges by kind (issue 17, item 17) ----------------------------------------------

@pytest.mark.docker
def test_a_compile_error_badge_is_not_green_like_accepted(tmp_path: Path, browser) -> None:  # noqa: F811
    logins = make_contest(tmp_path, problems=("sum",), teams=1)
    with server_process(tmp_path, "--pool-size", "1") as base:
        team = Client(base, "team001", logins["team001"])
        posted = {}
        for name, source in (("ce", b"int main() { return x; }\n"),
                             ("ac", b"a, b = map(int, input().split())\nprint(a + b)\n")):
            language, file = ("c", "a.c") if name == "ce" else ("python3", "a.py")
            reply = team.post_json("/api/contests/test/submissions",
                                   submission_body("sum", language, source, file))
            assert reply.status in (200, 201), reply.text
            posted[name] = reply.json()["id"]
        page = browser.new_page()
        log_in(page, base, "team001", logins["team001"])
        page.goto(base + "/submissions")
        colour = "getComputedStyle(document.querySelector('#s{} .verdict')).backgroundColor"
        for live in (True, False):  # as the page first showed it (maybe pushed live), reloaded
            page.locator(f"#s{posted['ce']} .verdict.CE").wait_for(timeout=120_000)
            page.locator(f"#s{posted['ac']} .verdict.AC").wait_for(timeout=120_000)
            ce = page.locator(f"#s{posted['ce']} .verdict")
            assert "compile-error" in ce.get_attribute("class"), live
            assert page.evaluate(colour.format(posted["ce"])) != \
                page.evaluate(colour.format(posted["ac"]))
            page.reload()
        shot(page, "verdict-badges")
        page.close()
