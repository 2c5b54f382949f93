"""Two contests served at once by one server, each with its own teams and problems: neither
team sees the other contest in the API or the pages, both event feeds validate against the
CLICS 2026-01 schemas, both archives pass the audit and replay to their boards, a team in
two contests switches between them, the console switches contest (x), and a team in none,
or a submission to another contest's problem, gets a clear error."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import time
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from textual.widgets import DataTable

from appliance.audit import audit_archive, export_archive
from appliance.config import Config
from appliance.contest.control import control
from appliance.contest.package import Account, Team
from appliance.contest.setup import import_contest, quick_contest
from appliance.judging.queue import JudgeQueue
from appliance.passwords import hash_password
from appliance.store import Store
from judge.judging import Judgement, TestResult
from judge.verdicts import Verdict
from tests.paths import PACKS
from tests.web.test_clics_schemas import SCHEMAS, check_api
from tests.webserver import A_PLUS_B, Client, server_thread, submission_body
from tui.app import PodiumConsole
from tui.client import JuryClient

HELLO = b"print('Hello, World!')\n"


def _beta(password: str):
    """The second contest: `hello` only, teams b01 and b02 (ids are unique in a data folder;
    the first contest's jury works in it too)."""
    package = quick_contest("Beta", [PACKS / "hello"], 0)
    teams = tuple(Team(id=f"b0{i}", name=f"Beta {i}", label=f"B{i}") for i in (1, 2))
    accounts = tuple(Account(id=t.id, username=t.id, type="team", team_id=t.id,
                             password=password) for t in teams)
    return dataclasses.replace(package, teams=teams, accounts=accounts)


def _judge(store: Store, verdict: Verdict) -> None:
    queue = JudgeQueue(store)
    claim = queue.claim("two-contests", 60, time.time())
    assert claim is not None
    tests = (TestResult("sample/1", verdict, 0.1, 0.2, 1 << 20, 0, None),)
    assert queue.complete(claim, Judgement(verdict, time=0.1, tests=tests), time.time())


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict, Path]]:
    """Alpha (sum; team001 to team003) and Beta (hello; b01, b02 and team003), both running,
    each with a judged submission, a question and an answer; `lone`, a team account in no
    contest."""
    data = tmp_path_factory.mktemp("two-contests")
    config = Config.build(data_dir=data)
    alpha = quick_contest("Alpha", [PACKS / "sum"], 3)
    logins = {a.username: a.password for a in alpha.accounts}
    logins.update(b01="beta-password", b02="beta-password", lone="lone-password")
    with Store.open(data) as store:
        import_contest(store, alpha, config.library_dir)
        import_contest(store, _beta("beta-password"), config.library_dir)
        store.write(lambda db: (
            db.execute("INSERT INTO teams (id, name) VALUES ('lone', 'Lone')"),
            db.execute("INSERT INTO accounts (id, username, type, team_id, password_hash) "
                       "VALUES ('lone', 'lone', 'team', 'lone', ?)",
                       [hash_password("lone-password")]),
            db.execute("INSERT INTO contest_teams VALUES ('beta', 'team003')"),
            db.execute("INSERT INTO memberships VALUES ('beta', 'team003')")))
        for contest in ("alpha", "beta"):
            control(store, contest, "start", datetime.now(UTC), datetime.now(UTC))
    with server_thread(data, ["alpha", "beta"]) as base:
        team, other = Client(base, "team001", logins["team001"]), Client(base, "b01",
                                                                         "beta-password")
        for client, contest, problem, source in ((team, "alpha", "sum", A_PLUS_B),
                                                 (other, "beta", "hello", HELLO)):
            reply = client.post_json(f"/api/contests/{contest}/submissions",
                                     submission_body(problem, "python3", source, "a.py"))
            assert reply.status == 200, reply.text
            with Store.open(data) as store:
                _judge(store, Verdict.AC)
            asked = client.post_json(f"/api/contests/{contest}/clarifications",
                                     {"text": f"A question in {contest}?"})
            assert asked.status == 200, asked.text
            assert Client(base, "jury", logins["jury"]).post_json(
                f"/api/contests/{contest}/clarifications",
                {"text": "Yes.", "reply_to_id": asked.json()["id"]}).status == 200
        yield base, logins, data


def _as(served, who: str) -> Client:
    base, logins, _ = served
    return Client(base) if who == "public" else Client(base, who, logins[who])


def _ids(reply) -> list[str]:
    assert reply.status == 200, reply.text
    return sorted(item["id"] for item in reply.json())


def test_each_team_sees_only_its_contest_in_the_api(served) -> None:
    assert _ids(_as(served, "team001").get("/api/contests")) == ["alpha"]
    assert _ids(_as(served, "b01").get("/api/contests")) == ["beta"]
    assert _ids(_as(served, "jury").get("/api/contests")) == ["alpha", "beta"]
    assert _ids(_as(served, "public").get("/api/contests")) == ["alpha", "beta"]
    for who, mine, theirs in (("team001", "alpha", "beta"), ("b01", "beta", "alpha")):
        client = _as(served, who)
        for tail in ("", "/problems", "/teams", "/scoreboard", "/event-feed?stream=false"):
            reply = client.get(f"/api/contests/{theirs}{tail}")
            assert reply.status == 404 and theirs in reply.json()["message"], (who, tail)
        assert client.get(f"/api/contests/{mine}").status == 200
    alpha, beta = _as(served, "jury"), _as(served, "jury")
    assert _ids(alpha.get("/api/contests/alpha/teams")) == ["team001", "team002", "team003"]
    assert _ids(beta.get("/api/contests/beta/teams")) == ["b01", "b02", "team003"]
    assert _ids(alpha.get("/api/contests/alpha/problems")) == ["sum"]
    assert _ids(beta.get("/api/contests/beta/problems")) == ["hello"]
    assert "b01" not in alpha.get("/api/contests/alpha/accounts").text
    assert [s["problem_id"] for s in alpha.get("/api/contests/alpha/submissions").json()] == [
        "sum"]
    deadline = time.monotonic() + 10  # the live board follows the log within a poll
    while True:
        rows = alpha.get("/api/contests/beta/scoreboard").json()["rows"]
        solved = {r["team_id"]: r["score"]["num_solved"] for r in rows}
        if solved.get("b01") or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    assert solved == {"b01": 1, "b02": 0, "team003": 0}


def test_each_feed_holds_its_contest_only_and_validates(served) -> None:
    base, logins, _ = served
    schemas = check_api.Schemas.from_directory(SCHEMAS)
    for contest, mine, theirs in (("alpha", "team001", "b01"), ("beta", "b01", "team001")):
        feed = [json.loads(line) for line in _as(served, "jury").get(
            f"/api/contests/{contest}/event-feed?stream=false").text.splitlines() if line]
        text = json.dumps(feed)
        assert f'"{mine}"' in text and f'"{theirs}"' not in text, contest
        for who in (None, "jury", mine):
            client = check_api.Client(base, who, logins.get(who) if who else None, 30.0)
            checks = list(check_api.run(client, schemas, contest, limit=20, idle=1.0))
            failed = [line for check in checks if check.issues
                      for line in check_api.text_lines(check)]
            assert not failed, "\n".join(failed)
            assert any(c.endpoint.startswith(f"/api/contests/{contest}/event-feed")
                       and c.objects > 0 for c in checks)


def test_each_archive_passes_the_audit_and_replays_to_its_board(served, tmp_path: Path) -> None:
    _, _, data = served
    config = Config.build(data_dir=data)
    for contest, teams in (("alpha", {"team001", "team002", "team003"}),
                           ("beta", {"b01", "b02", "team003"})):
        with Store.open(data) as store:
            out = export_archive(store, contest, tmp_path / f"{contest}.zip",
                                 config.library_dir)
        report = audit_archive(out)
        assert report.ok, report.problems
        served_board = _as(served, "jury").get(f"/api/contests/{contest}/scoreboard").json()
        with zipfile.ZipFile(out) as archive:
            board = json.loads(archive.read("audit/scoreboard.json"))
            feed = archive.read("audit/events.ndjson").decode()
        assert {r["team_id"] for r in board} == teams
        assert {r["team_id"]: r["score"]["num_solved"] for r in board} == {
            r["team_id"]: r["score"]["num_solved"] for r in served_board["rows"]}
        other = {"b01", "b02"} if contest == "alpha" else {"team001", "team002"}
        assert not any(f'"{t}"' in feed for t in other)


def test_pages_show_each_team_its_own_contest(served) -> None:
    base, logins, _ = served
    for who, mine, theirs in (("team001", "Sum of Two Integers", "Hello"),
                              ("b01", "Hello", "Sum of Two Integers")):
        browser = Client(base)
        assert browser.login(who, logins[who]).status == 303
        problems = browser.get("/problems").text
        assert mine in problems and theirs not in problems, who
        board = browser.get("/scoreboard").text
        assert ("Beta 1" in board) == (who == "b01") and ("Team 1" in board) == (
            who == "team001")
        assert 'name="contest"' not in problems  # one contest: no chooser
        assert browser.get("/problems?contest=" + ("beta" if who == "team001" else "alpha")
                           ).text.count(theirs) == 0


def test_a_team_in_two_contests_switches_in_the_menu(served) -> None:
    base, logins, _ = served
    browser = Client(base)
    assert browser.login("team003", logins["team003"]).status == 303
    page = browser.get("/problems").text
    assert 'name="contest"' in page and "Sum of Two Integers" in page
    switched = browser.post_form("/contest", {"csrf": browser.csrf(), "contest": "beta"})
    assert switched.status == 303
    assert "Hello" in browser.get("/problems").text
    assert browser.post_form("/contest", {"csrf": browser.csrf(), "contest": "nope"}
                             ).status == 404
    assert _ids(_as(served, "team003").get("/api/contests")) == ["alpha", "beta"]


def test_a_team_in_no_contest_and_another_contests_problem_are_clear_errors(served) -> None:
    lone = _as(served, "lone")
    reply = lone.get("/api/contests")
    assert reply.status == 200 and reply.json() == []
    assert lone.get("/api/contests/alpha").status == 404
    base, _, _ = served
    browser = Client(base)
    assert browser.login("lone", "lone-password").status == 303
    page = browser.get("/problems")
    assert page.status == 403 and "takes part in no contest served here" in page.text
    wrong = _as(served, "team001").post_json(
        "/api/contests/alpha/submissions", submission_body("hello", "python3", HELLO, "a.py"))
    assert wrong.status in (400, 404) and "hello" in wrong.json()["message"]


def test_the_console_shows_each_contest_switching_with_x(served) -> None:
    base, logins, _ = served

    def board_has(app: PodiumConsole, team: str) -> bool:
        try:
            app.query_one("#board", DataTable).get_row(team)
        except Exception:  # noqa: BLE001 - not there (yet)
            return False
        return True

    async def until(pilot, predicate, what: str) -> None:
        deadline = time.monotonic() + 30
        while not predicate():
            assert time.monotonic() < deadline, f"{what} did not happen within 30 s"
            await pilot.pause(0.1)

    async def scenario() -> None:
        app = PodiumConsole(JuryClient(base, "jury", logins["jury"]))
        async with app.run_test(size=(140, 45)) as pilot:
            await until(pilot, lambda: board_has(app, "team001"), "alpha's board")
            assert not board_has(app, "b01") and app.client.contests == ["alpha", "beta"]
            await pilot.press("x")
            await until(pilot, lambda: board_has(app, "b01") and app.connected, "beta's board")
            assert app.client.contest == "beta" and not board_has(app, "team001")
            assert app.roster.problems[0]["id"] == "hello"
            await pilot.press("x")
            await until(pilot, lambda: board_has(app, "team001") and app.connected,
                        "alpha's board again")
            assert app.client.contest == "alpha"

    asyncio.run(scenario())
