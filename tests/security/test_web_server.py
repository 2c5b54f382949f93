"""Issue 18 items 3, 4 and 10 against a real server (no judging): file responses inert,
state changes refused without JSON or token whatever the credentials, and the smaller leaks
and holes (an analyst's view of clarifications, logout, colours, the login's `next`, the
statement folder's file names, user names)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from appliance.passwords import hash_password
from appliance.store import Store
from tests.security.hostile import BAD_RGB, hostile_contest
from tests.webserver import Client, server_thread, submission_body

API = "/api/contests/test"
ANALYST = "analyst-password"
FILE_CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict, Path]]:
    data = tmp_path_factory.mktemp("security-server")
    logins = hostile_contest(data)
    hashed = hash_password(ANALYST)
    with Store.open(data) as store:  # an analyst: an account without a team
        store.write(lambda db: db.execute(
            "INSERT INTO accounts (id, username, type, password_hash) VALUES ('analyst', "
            "'analyst', 'analyst', ?)", [hashed]))
        store.write(lambda db: db.execute(  # as an import makes it: a member of the contest
            "INSERT INTO memberships (contest_id, account_id) SELECT id, 'analyst' "
            "FROM contests WHERE id != 'practice'"))
    with server_thread(data) as base:
        yield base, logins, data


def logged_in(base: str, logins: dict, user: str) -> Client:
    client = Client(base)
    assert client.login(user, logins[user]).status == 303
    return client


def test_every_package_and_team_file_is_served_inert(server) -> None:
    base, logins, _ = server
    team = logged_in(base, logins, "team001")
    tool = Client(base, "team001", logins["team001"])
    made = tool.post_json(f"{API}/submissions",
                          submission_body("sum", "python3", b"print(1)\n", "a.py"))
    assert made.status == 200, made.text
    for path in ("/problems/sum/evil.svg", "/problems/sum/samples/1.in",
                 f"{API}/submissions/{made.json()['id']}/files", f"{API}/problems"):
        reply = team.get(path)
        assert reply.status == 200, path
        assert reply.headers["Content-Security-Policy"] == FILE_CSP, path
        assert reply.headers["X-Content-Type-Options"] == "nosniff", path


def test_basic_credentials_change_nothing_without_json(server) -> None:
    base, logins, _ = server
    jury = Client(base, "jury", logins["jury"])
    pause = json.dumps({"operation": "pause"}).encode()
    for kind in ("text/plain", "application/x-www-form-urlencoded",
                 "multipart/form-data; boundary=x"):
        reply = jury.request("POST", f"{API}/jury/clock", pause, {"Content-Type": kind})
        assert reply.status in (403, 415), (kind, reply.text)
        announce = jury.request("POST", f"{API}/clarifications",
                                json.dumps({"text": "cancelled"}).encode(),
                                {"Content-Type": kind})
        # a tool's multipart form is read as DOMjudge's clients send it (`auth.tool_form`):
        # this one is no form, and is refused as such
        assert announce.status == (400 if kind.startswith("multipart") else 415), \
            (kind, announce.text)
    form = jury.post_form("/clarifications", {"text": "asked by a form"})
    assert form.status == 403
    assert not jury.get(f"{API}/jury/clock").json()["paused"]
    assert jury.get(f"{API}/clarifications").json() == []


def test_a_state_change_from_another_origin_is_refused_whatever_the_credentials(
        server) -> None:
    base, logins, _ = server
    jury = Client(base, "jury", logins["jury"])
    for headers in ({"Origin": "http://elsewhere.example"}, {"Origin": "null"},
                    {"Sec-Fetch-Site": "cross-site"}, {"Sec-Fetch-Site": "same-site"}):
        reply = jury.request("POST", f"{API}/jury/clock", b'{"operation": "pause"}',
                             {"Content-Type": "application/json", **headers})
        assert reply.status == 403 and "another" in reply.json()["message"], headers
    assert not jury.get(f"{API}/jury/clock").json()["paused"]
    same = jury.request("GET", f"{API}/jury/clock", headers={"Origin": base})
    assert same.status == 200


def test_an_analyst_sees_no_private_clarification(server) -> None:
    base, logins, _ = server
    team = Client(base, "team001", logins["team001"])
    asked = team.post_json(f"{API}/clarifications", {"text": "is n positive?"})
    assert asked.status == 200, asked.text
    jury = Client(base, "jury", logins["jury"])
    answer = jury.post_json(f"{API}/clarifications",
                            {"text": "yes, for you", "reply_to_id": asked.json()["id"]})
    assert answer.status == 200, answer.text
    analyst = Client(base, "analyst", ANALYST)
    assert analyst.get(f"{API}/clarifications").json() == []
    feed = analyst.get(f"{API}/event-feed?stream=false").text
    assert '"clarifications"' not in feed
    page = logged_in(base, {"analyst": ANALYST}, "analyst").get("/clarifications").text
    assert "yes, for you" not in page and "is n positive?" not in page


def test_logout_revokes_the_session_even_for_a_copied_cookie(server) -> None:
    base, logins, _ = server
    team = logged_in(base, logins, "team002")
    (cookie,) = [c for c in team.cookies if c.name == "podium_session"]
    copy = Client(base)
    copy.cookies.set_cookie(cookie)
    assert copy.get("/problems").status == 200
    assert team.post_form("/logout", {"csrf": team.csrf()}).status == 303
    assert copy.get("/problems").status == 303  # to the login page
    assert "/login" in copy.get("/problems").headers["Location"]


def test_a_colour_that_is_css_never_reaches_a_page(server) -> None:
    base, logins, _ = server
    team = logged_in(base, logins, "team001")
    for path in ("/problems", "/problems/sum/", "/scoreboard", "/public"):
        page = team.get(path).text
        assert "position: fixed" not in page and "background: #888" in page, path
    assert BAD_RGB not in Client(base).get("/public").text


@pytest.mark.parametrize("target", ["/%09/evil.example", "/\t/evil.example", "//evil.example",
                                    "/\\evil.example", "/%2F/evil.example",
                                    "/%5Cevil.example", "https://evil.example", "/\n/evil"])
def test_the_login_goes_nowhere_but_this_server(server, target: str) -> None:
    base, logins, _ = server
    target = target.replace("\\t", "\t").replace("\\n", "\n")
    client = Client(base)
    reply = client.post_form("/login", {"csrf": client.csrf(), "username": "team001",
                                        "password": logins["team001"], "next": target})
    assert reply.status == 303 and reply.headers["Location"] == "/problems", target


def test_a_local_next_is_kept(server) -> None:
    base, logins, _ = server
    client = Client(base)
    reply = client.post_form("/login", {"csrf": client.csrf(), "username": "team001",
                                        "password": logins["team001"], "next": "/submit?x=1"})
    assert reply.headers["Location"] == "/submit?x=1"


def test_no_file_outside_the_statement_folder_is_told_apart(server, tmp_path: Path) -> None:
    base, logins, _ = server
    team = logged_in(base, logins, "team001")
    there = tmp_path / "there.png"
    there.write_bytes(b"\x89PNG")
    answers = []
    for name in (str(there), str(tmp_path / "absent.png"), "../problem.yaml",
                 "..%2Fproblem.yaml", "%2Fetc%2Fpasswd", "evil.svg%00.png"):
        path = "/problems/sum/" + name.replace("/", "%2F") if not name.startswith(".") \
            else "/problems/sum/" + name
        reply = team.get(path)
        answers.append((reply.status, "no such file" in reply.text))
    assert [status for status, _ in answers] == [404] * len(answers), answers
    assert answers[0] == answers[1] == (404, True)  # a file there or not: the same answer


def test_user_names_are_compared_case_and_width_aside(server) -> None:
    base, logins, _ = server
    for name in ("TEAM001", "Team001", "\uff54eam001"):  # a full-width t
        client = Client(base, name, logins["team001"])
        assert client.get(f"{API}/account").status in (200, 404)
        assert client.get(f"{API}/jury/clock").status == 403  # known: a team's account
    page = logged_in(base, logins, "team001").get("/scoreboard").text
    assert "<bdi>team001</bdi>" in page and "<bdi>Team 1</bdi>" in page
