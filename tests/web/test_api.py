"""The CLICS API and the pages' safety over real HTTP (a real server on a socket, no Docker:
judgements are recorded through the judge queue as the dispatcher would)."""

from __future__ import annotations

import gzip
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from appliance.judging.queue import JudgeQueue
from appliance.store import Store
from judge.judging import Judgement, TestResult
from judge.verdicts import Verdict
from tests.webserver import (
    A_PLUS_B,
    Client,
    as_user,
    make_contest,
    server_thread,
    submission_body,
)

RELTIME = re.compile(r"^-?\d+:\d\d:\d\d(\.\d\d\d)?$")
ABSTIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?([+-]\d\d:\d\d|Z)$")


@pytest.fixture(scope="module")
def contest(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict, Path]]:
    data = tmp_path_factory.mktemp("web-api")
    logins = make_contest(data, teams=4)
    with server_thread(data) as base:
        yield base, logins, data


@pytest.fixture(scope="module")
def base(contest) -> str:
    return contest[0]


def judge(data: Path, verdict: Verdict, tests: tuple[TestResult, ...] = ()) -> None:
    """Record a judgement for the oldest queued submission, as the dispatcher does."""
    with Store.open(data) as store:
        queue = JudgeQueue(store)
        claim = queue.claim("test-worker", 60, time.time())
        assert claim is not None
        assert queue.complete(claim, Judgement(verdict, time=0.1, tests=tests), time.time())


def submit(contest, team: str, problem: str = "sum", source: bytes = A_PLUS_B) -> dict:
    reply = as_user(contest, team).post_json("/api/contests/test/submissions",
                                             submission_body(problem, "python3", source, "a.py"))
    assert reply.status == 200, reply.text
    return reply.json()


def wait_for(predicate, timeout: float = 10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError("condition not met in time")


# --- shapes --------------------------------------------------------------------------------

def test_api_information_and_contest_objects(base: str) -> None:
    info = Client(base).get("/api").json()
    assert info["version"] == "2026-01" and info["provider"]["name"] == "Podium"
    (contest,) = Client(base).get("/api/contests").json()
    assert contest == Client(base).get("/api/contests/test").json()
    assert contest["id"] == "test" and contest["scoreboard_type"] == "pass-fail"
    assert contest["shortname"] == "test"  # DOMjudge's, which its `submit` requires
    assert RELTIME.match(contest["duration"]) and contest["penalty_time"] == "0:20:00.000"
    assert ABSTIME.match(contest["start_time"])
    state = Client(base).get("/api/contests/test/state").json()
    assert set(state) == {"started", "frozen", "ended", "thawed", "finalized", "end_of_updates"}
    assert ABSTIME.match(state["started"]) and state["ended"] is None


def test_fixed_collections_have_their_clics_fields(base: str) -> None:
    public = Client(base)
    types = {t["id"]: t for t in public.get("/api/contests/test/judgement-types").json()}
    assert types["AC"]["solved"] and not types["WA"]["solved"] and types["WA"]["penalty"]
    assert types["CE"]["penalty"] is False
    languages = {lang["id"]: lang for lang in public.get("/api/contests/test/languages").json()}
    assert languages["java"]["entry_point_required"] is False
    assert "entry_point_name" not in languages["java"]  # 2026-01: only beside a required one
    assert languages["cpp"]["entry_point_required"] is False
    assert "entry_point_name" not in languages["cpp"] and "cpp" in languages["cpp"]["extensions"]
    assert all(lang["extensions"] for lang in languages.values())  # DOMjudge's clients
    assert "cpp" in languages["cpp17"]["extensions"] and "py" in languages["pypy3"]["extensions"]
    problems = public.get("/api/contests/test/problems").json()
    assert [p["label"] for p in problems] == ["A", "B"]
    assert all(p["test_data_count"] > 0 and p["time_limit"] > 0 for p in problems)
    assert public.get("/api/contests/test/problems/sum").json() == problems[0]
    teams = public.get("/api/contests/test/teams").json()
    assert {t["id"] for t in teams} == {"team001", "team002", "team003", "team004"}
    assert all({"id", "name", "label"} <= set(t) for t in teams)


def test_scoreboard_shape_and_etag(base: str) -> None:
    public = Client(base)
    reply = public.get("/api/contests/test/scoreboard")
    board = reply.json()
    assert ABSTIME.match(board["time"]) and RELTIME.match(board["contest_time"])
    assert len(board["rows"]) == 4
    row = board["rows"][0]
    assert set(row) == {"rank", "team_id", "score", "problems"}
    assert set(row["score"]) == {"num_solved", "total_time", "time"}
    assert set(row["problems"][0]) == {"problem_id", "num_judged", "num_pending", "solved"}
    again = public.get("/api/contests/test/scoreboard",
                       headers={"If-None-Match": reply.headers["ETag"]})
    assert again.status == 304 and again.body == b""
    packed = public.get("/api/contests/test/scoreboard", headers={"Accept-Encoding": "gzip"})
    assert packed.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.body) == reply.body


def test_access_says_what_each_role_may_do(contest) -> None:
    base, _, _ = contest
    public = Client(base).get("/api/contests/test/access").json()
    assert public["capabilities"] == []
    assert "submissions" not in {e["type"] for e in public["endpoints"]}
    team = as_user(contest, "team001").get("/api/contests/test/access").json()
    assert "team_submit" in team["capabilities"]
    assert {"submissions", "judgements"} <= {e["type"] for e in team["endpoints"]}


# --- 404 and 400 ---------------------------------------------------------------------------

@pytest.mark.parametrize("path", [
    "/api/contests/nope", "/api/contests/nope/problems", "/api/contests/test/nope",
    "/api/contests/test/problems/nope", "/api/contests/test/teams/nope",
    "/api/contests/test/submissions/999999", "/api/contests/test/judgement-types/XX",
])
def test_unknown_things_are_404_with_a_json_error(base: str, path: str) -> None:
    reply = Client(base).get(path)
    assert reply.status == 404
    assert reply.json()["code"] == 404 and reply.json()["message"]


def test_bad_requests_are_400(contest) -> None:
    base, _, _ = contest
    assert Client(base).get("/api/contests/test/event-feed?since_token=nope&stream=false"
                            ).status == 400
    team = as_user(contest, "team004")
    assert team.request("POST", "/api/contests/test/submissions", b"{not json",
                        {"Content-Type": "application/json"}).status == 400
    unknown = team.post_json("/api/contests/test/submissions",
                             submission_body("nope", "python3", A_PLUS_B, "a.py"))
    assert unknown.status == 400 and "not in this contest" in unknown.json()["message"]
    assert team.post_json("/api/contests/test/submissions",
                          {"problem_id": "sum", "language_id": "python3",
                           "files": [{"data": "%%%"}]}).status == 400


# --- visibility ----------------------------------------------------------------------------

def test_team_sees_only_its_own_submissions_judgements_and_sources(contest) -> None:
    base, _, data = contest
    made = submit(contest, "team001")
    sid = made["id"]
    assert made["team_id"] == "team001" and made["entry_point"] is None
    judge(data, Verdict.AC, (TestResult("sample/1", Verdict.AC, 0.1, 0.2, 1 << 20, 0, None),))
    owner, other, public = as_user(contest, "team001"), as_user(contest, "team002"), Client(base)
    jury = as_user(contest, "jury")

    assert owner.get(f"/api/contests/test/submissions/{sid}").json()["id"] == sid
    assert other.get(f"/api/contests/test/submissions/{sid}").status == 404
    assert public.get(f"/api/contests/test/submissions/{sid}").status == 404
    assert sid not in [s["id"] for s in other.get("/api/contests/test/submissions").json()]
    assert public.get("/api/contests/test/submissions").json() == []
    assert jury.get(f"/api/contests/test/submissions/{sid}").status == 200

    mine = owner.get(f"/api/contests/test/judgements?submission_id={sid}").json()
    assert [j["judgement_type_id"] for j in mine] == ["AC"]
    assert RELTIME.match(mine[0]["end_contest_time"])
    assert other.get(f"/api/contests/test/judgements?submission_id={sid}").json() == []
    assert public.get("/api/contests/test/judgements").json() == []
    assert other.get(f"/api/contests/test/judgements/{mine[0]['id']}").status == 404
    runs = owner.get(f"/api/contests/test/runs?judgement_id={mine[0]['id']}").json()
    assert [r["judgement_type_id"] for r in runs] == ["AC"]
    assert other.get("/api/contests/test/runs").json() == []

    files = f"/api/contests/test/submissions/{sid}/files"
    assert owner.get(files).headers["Content-Type"] == "application/zip"
    assert other.get(files).status == 404 and public.get(files).status == 404
    assert b"a, b = map" not in public.get(files).body

    assert other.get("/submissions/" + sid).status in (303, 404)  # no cookie session: login
    browser = Client(base)
    assert browser.login("team002", contest[1]["team002"]).status == 303
    page = browser.get("/submissions/" + sid)
    assert page.status == 404 and b"a, b = map" not in page.body


def test_accounts_are_the_jurys(contest) -> None:
    base, _, _ = contest
    assert Client(base).get("/api/contests/test/accounts").json() == []
    own = as_user(contest, "team001").get("/api/contests/test/accounts").json()
    assert [a["id"] for a in own] == ["team001"]
    everyone = as_user(contest, "jury").get("/api/contests/test/accounts").json()
    assert len(everyone) == 6 and all("password" not in a for a in everyone)


def test_scoreboard_follows_a_judgement(contest) -> None:
    base, _, data = contest
    public = Client(base)
    before = public.get("/api/contests/test/scoreboard").headers["ETag"]
    submit(contest, "team002", problem="floats")
    judge(data, Verdict.WA)

    def floats_cell() -> dict | None:
        reply = public.get("/api/contests/test/scoreboard", headers={"If-None-Match": before})
        if reply.status == 304:
            return None
        row = next(r for r in reply.json()["rows"] if r["team_id"] == "team002")
        cell = next(p for p in row["problems"] if p["problem_id"] == "floats")
        return cell if cell["num_judged"] else None

    cell = wait_for(floats_cell)
    assert cell["num_judged"] == 1 and cell["num_pending"] == 0 and not cell["solved"]


# --- event feed ----------------------------------------------------------------------------

def feed(client: Client, query: str = "") -> list[dict]:
    reply = client.get(f"/api/contests/test/event-feed?stream=false{query}")
    assert reply.status == 200
    assert reply.headers["Content-Type"].startswith("application/x-ndjson")
    import json
    return [json.loads(line) for line in reply.text.splitlines() if line.strip()]


def test_event_feed_resumes_from_a_token(contest) -> None:
    jury = as_user(contest, "jury")
    events = feed(jury)
    assert events[0]["type"] == "contest" and all("token" in e for e in events)
    middle = events[len(events) // 2]["token"]
    assert feed(jury, f"&since_token={middle}") == events[len(events) // 2 + 1:]


def test_event_feed_shows_each_role_only_what_it_may_see(contest) -> None:
    base, _, _ = contest
    submit(contest, "team003")
    public = {e["type"] for e in feed(Client(base))}
    assert {"contest", "problems", "teams"} <= public
    assert not public & {"submissions", "judgements", "runs"}
    mine = feed(as_user(contest, "team003"))
    assert {e["data"]["team_id"] for e in mine if e["type"] == "submissions"} == {"team003"}
    everyone = feed(as_user(contest, "jury"))
    assert len({e["data"]["team_id"] for e in everyone if e["type"] == "submissions"}) >= 2


# --- clarifications ------------------------------------------------------------------------

def test_clarification_question_answer_and_announcement(contest) -> None:
    base, _, _ = contest
    asker, other, jury = (as_user(contest, "team001"), as_user(contest, "team002"),
                          as_user(contest, "jury"))
    question = asker.post_json("/api/contests/test/clarifications",
                               {"text": "Can a be negative?", "problem_id": "sum"})
    assert question.status == 200, question.text
    qid = question.json()["id"]
    assert question.json()["from_team_id"] == "team001"
    reply = jury.post_json("/api/contests/test/clarifications",
                           {"text": "No.", "reply_to_id": qid})
    assert reply.status == 200 and reply.json()["to_team_id"] == "team001"
    seen = {c["text"] for c in asker.get("/api/contests/test/clarifications").json()}
    assert {"Can a be negative?", "No."} <= seen
    assert not {"Can a be negative?", "No."} & {
        c["text"] for c in other.get("/api/contests/test/clarifications").json()}
    jury.post_json("/api/contests/test/clarifications", {"text": "Lunch is served."})
    assert "Lunch is served." in {c["text"] for c in Client(base).get(
        "/api/contests/test/clarifications").json()}
    forged = other.post_json("/api/contests/test/clarifications",
                             {"text": "x", "from_team_id": "team001"})
    assert forged.status == 403


# --- safety --------------------------------------------------------------------------------

def test_cookie_posts_need_the_csrf_token(contest) -> None:
    base, logins, _ = contest
    browser = Client(base)
    assert browser.login("team004", logins["team004"]).status == 303
    body = submission_body("sum", "python3", A_PLUS_B, "a.py")
    assert browser.post_json("/api/contests/test/submissions", body).status == 403
    assert browser.post_form("/submit", {"problem": "sum", "language": "python3",
                                         "code": "print(1)"}).status == 403
    assert browser.post_form("/clarifications", {"text": "hi"}).status == 403
    token = browser.csrf()
    assert browser.post_json("/api/contests/test/submissions", body, csrf=token).status == 200
    done = browser.post_form("/submit", {"csrf": token, "problem": "sum",
                                         "language": "python3", "code": "print(1)"})
    assert done.status == 303 and done.headers["Location"].startswith("/submissions")


def test_login_needs_the_csrf_token_and_the_right_password(contest) -> None:
    base, logins, _ = contest
    browser = Client(base)
    no_token = browser.post_form("/login", {"username": "team001",
                                            "password": logins["team001"]})
    assert no_token.status == 403
    wrong = browser.post_form("/login", {"csrf": browser.csrf(), "username": "team001",
                                         "password": "wrong"})
    assert wrong.status == 401 and b"wrong user name or password" in wrong.body
    assert Client(base, "team001", "wrong").get("/api/contests/test/submissions").status == 401


def test_repeated_failed_logins_are_throttled(contest) -> None:
    base, logins, _ = contest
    browser = Client(base)
    statuses = [browser.post_form("/login", {"csrf": browser.csrf(), "username": "nobody",
                                             "password": "guess"}).status for _ in range(6)]
    assert statuses[:5] == [401] * 5 and statuses[5] == 429


def test_eleventh_submission_in_a_minute_is_429(contest) -> None:
    replies = [as_user(contest, "team003").post_json(
        "/api/contests/test/submissions", submission_body("sum", "python3", A_PLUS_B, "a.py"))
        for _ in range(11)]
    statuses = [r.status for r in replies]
    assert statuses.count(200) <= 10 and statuses[-1] == 429
    assert int(replies[-1].headers["Retry-After"]) > 0


def test_ten_megabyte_source_is_413(contest) -> None:
    big = b"#" * (10 * 1024 * 1024)
    team = as_user(contest, "team002")
    reply = team.post_json("/api/contests/test/submissions",
                           submission_body("sum", "python3", big, "a.py"))
    assert reply.status == 413
    just_over = b"#" * (256 * 1024 + 1)
    reply = team.post_json("/api/contests/test/submissions",
                           submission_body("sum", "python3", just_over, "a.py"))
    assert reply.status == 413 and "at most" in reply.json()["message"]


def test_ten_megabyte_form_post_is_413_before_it_is_read(contest) -> None:
    base, logins, _ = contest
    browser = Client(base)
    browser.login("team002", logins["team002"])
    reply = browser.post_form("/submit", {"csrf": browser.csrf(), "problem": "sum",
                                          "language": "python3", "code": "#" * 10_000_000})
    assert reply.status == 413 and b"Traceback" not in reply.body


def test_error_pages_show_no_trace(contest) -> None:
    base, logins, _ = contest
    browser = Client(base)
    browser.login("team001", logins["team001"])
    page = browser.get("/problems/nope/")
    assert page.status == 404 and b"Traceback" not in page.body and b"no problem" in page.body
