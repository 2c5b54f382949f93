"""Issue 18 items 3 and 4 in a real Chromium against a real server: a package's SVG opened
on its own runs no script on Podium's origin, and a page of another site that posts forms
(text/plain, urlencoded, multipart) with the Basic credentials the browser keeps changes
nothing."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.security.hostile import chromium, hostile_contest, other_site
from tests.webserver import Client, server_thread

API = "/api/contests/test"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict, Path]]:
    data = tmp_path_factory.mktemp("security-browser")
    logins = hostile_contest(data)
    with server_thread(data) as base:
        yield base, logins, data


@pytest.fixture(scope="module")
def browser():
    pytest.importorskip("playwright.sync_api")
    if not Path("/usr/bin/chromium").exists():
        pytest.fail("/usr/bin/chromium is missing: install.sh installs Debian's chromium")
    with chromium() as launched:
        yield launched


def paused(base: str, logins: dict) -> bool:
    return Client(base, "jury", logins["jury"]).get(f"{API}/jury/clock").json()["paused"]


def log_in(page, base: str, user: str, password: str) -> None:
    page.goto(base + "/login")
    page.fill("input[name=username]", user)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(base + "/problems")


def test_a_statements_svg_opened_alone_runs_no_script(server, browser) -> None:
    base, logins, _ = server
    context = browser.new_context()
    page = context.new_page()
    log_in(page, base, "jury", logins["jury"])
    reply = page.goto(base + "/problems/sum/evil.svg")
    assert reply.status == 200 and reply.headers["content-type"] == "image/svg+xml"
    page.wait_for_timeout(1000)  # time enough for the script's fetches, had it run
    assert page.evaluate("document.documentElement.getAttribute('data-ran')") is None
    assert page.evaluate("document.documentElement.getAttribute('data-csrf')") is None
    assert not paused(base, logins)
    assert "sandbox" in reply.headers.get("content-security-policy", "")
    assert reply.headers.get("x-content-type-options") == "nosniff"
    context.close()


def cache_basic(page, base: str, user: str, password: str) -> None:
    """Open a jury URL with credentials in it, as someone would from a link: the server
    challenges, Chromium answers and keeps the credentials for the realm."""
    credentialed = base.replace("http://", f"http://{user}:{password}@")
    page.goto(credentialed + f"{API}/jury/clock")
    assert page.goto(base + f"{API}/jury/queue").status in (200, 403)  # sent again, unasked


def auto_post(action: str, enctype: str, fields: dict[str, str]) -> str:
    inputs = "".join(f"<input name='{name}' value='{value}'>" for name, value in fields.items())
    return (f'<form id="f" method="POST" action="{action}" enctype="{enctype}">{inputs}'
            '</form><script>document.getElementById("f").submit()</script>')


def forms(base: str) -> dict[str, str]:
    """The attacker's pages: each posts one form to Podium as soon as it is open."""
    pause = {'{"operation":"pause","x":"': '"}'}  # text/plain: name=value is this JSON
    announce = {'{"text":"the contest is cancelled","x":"': '"}'}
    return {
        "/pause-plain": auto_post(f"{base}{API}/jury/clock", "text/plain", pause),
        "/announce-plain": auto_post(f"{base}{API}/clarifications", "text/plain", announce),
        "/pause-urlencoded": auto_post(f"{base}{API}/jury/clock",
                                       "application/x-www-form-urlencoded",
                                       {"operation": "pause"}),
        "/announce-multipart": auto_post(f"{base}{API}/clarifications", "multipart/form-data",
                                         {"text": "the contest is cancelled"}),
        "/ask-form": auto_post(f"{base}/clarifications", "application/x-www-form-urlencoded",
                               {"text": "sent from another site"}),
        "/submit-multipart": auto_post(f"{base}/submit", "multipart/form-data",
                                       {"problem": "sum", "language": "python3",
                                        "code": "print(1)"}),
    }


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])  # same site; another site
def test_forms_of_another_site_change_nothing_with_cached_basic_credentials(
        server, browser, host: str) -> None:
    base, logins, _ = server
    jury = Client(base, "jury", logins["jury"])
    before = jury.get(f"{API}/clarifications").json(), jury.get(f"{API}/submissions").json()
    with other_site(forms(base), host) as attacker:
        for user in ("jury", "team001"):
            context = browser.new_context()
            page = context.new_page()
            cache_basic(page, base, user, logins[user])
            posted: list = []
            page.on("request", lambda r, into=posted: into.append(r) if r.method == "POST"
                    else None)
            for path in forms(base):
                sent = len(posted)
                page.goto(attacker + path)
                deadline = time.monotonic() + 10
                while len(posted) == sent and time.monotonic() < deadline:
                    page.wait_for_timeout(50)
                assert len(posted) > sent, f"{path}: the form was not posted"
                page.wait_for_load_state()
                response = posted[-1].response()
                assert response is not None and response.status >= 400, (path, user)
            context.close()
    assert not paused(base, logins)
    after = jury.get(f"{API}/clarifications").json(), jury.get(f"{API}/submissions").json()
    assert after == before
