"""Submissions through the CLICS API as each capability may make them (team_submit,
proxy_submit, admin_submit), and the spec's 4xx cases, each on its own (real HTTP, no
Docker: nothing here is judged)."""

from __future__ import annotations

import base64
import io
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from appliance.store import Store
from tests.webserver import (
    A_PLUS_B,
    Client,
    as_user,
    make_contest,
    server_thread,
    submission_body,
    zipped,
)

URL = "/api/contests/test/submissions"


@pytest.fixture(scope="module")
def contest(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict, Path]]:
    data = tmp_path_factory.mktemp("web-submit")
    logins = make_contest(data, teams=3, started_ago=timedelta(minutes=30))
    with server_thread(data) as base:
        yield base, logins, data


def body(**extra) -> dict:
    return {**submission_body("sum", "python3", A_PLUS_B, "a.py"), **extra}


def ago(minutes: float) -> str:
    return (datetime.now(UTC) - timedelta(minutes=minutes)).isoformat(timespec="milliseconds")


# --- what works ------------------------------------------------------------------------------

def test_team_posts_at_the_servers_time(contest) -> None:
    reply = as_user(contest, "team001").post_json(URL, body())
    assert reply.status == 200, reply.text
    made = reply.json()
    assert made["team_id"] == "team001"
    assert reply.headers["Location"] == f"{URL}/{made['id']}"


def test_admin_posts_for_a_team_at_the_servers_time_or_its_own(contest) -> None:
    admin = as_user(contest, "admin")
    proxied = admin.post_json(URL, body(team_id="team002"))
    assert proxied.status == 200 and proxied.json()["team_id"] == "team002"
    dated = admin.post_json(URL, body(team_id="team002", time=ago(0.5)))
    assert dated.status == 200, dated.text
    assert dated.json()["time"].startswith(ago(0.5)[:16])


def test_admin_puts_with_its_own_id_and_time_and_the_arrival_is_kept(contest) -> None:
    base, _, data = contest
    admin = as_user(contest, "admin")
    reply = admin.request("PUT", f"{URL}/4242", b"", {})  # no body at all
    assert reply.status == 400
    sent_time = ago(1)
    put = admin.post_json(f"{URL}/4242", body(team_id="team003", time=sent_time, id="4242"))
    assert put.status == 405  # POST on an object: not a CLICS method
    put = _put(admin, "4242", body(team_id="team003", time=sent_time, id="4242"))
    assert put.status == 200, put.text
    assert put.json()["id"] == "4242" and put.json()["contest_time"].startswith("0:")
    with Store.open(data) as store:
        (row,) = store.query("SELECT time, arrival_time FROM submissions "
                             "WHERE clics_id = '4242'")
        (event,) = store.query("SELECT time, data FROM events WHERE type = 'submissions' "
                               "AND id = '4242'")
    assert row["time"] < row["arrival_time"] == event["time"]
    assert datetime.fromisoformat(row["time"]) == datetime.fromisoformat(sent_time)


def test_admin_puts_a_string_id_as_another_ccs_gives_it_and_every_view_keeps_it(
        contest) -> None:
    base, _, _ = contest
    admin = as_user(contest, "admin")
    put = _put(admin, "s001", body(team_id="team002", time=ago(1)))
    assert put.status == 200, put.text
    assert put.json()["id"] == "s001"
    assert put.headers["Location"] == f"{URL}/s001"
    assert admin.get(f"{URL}/s001").json()["files"][0]["href"].endswith("/submissions/s001/files")
    with zipfile.ZipFile(io.BytesIO(admin.get(f"{URL}/s001/files").body)) as archive:
        assert archive.namelist() == ["a.py"]
    team = as_user(contest, "team002")
    assert "s001" in [s["id"] for s in team.get(URL).json()]
    feed = admin.get("/api/contests/test/event-feed?stream=false").text.splitlines()
    assert any('"type":"submissions","id":"s001"' in line for line in feed)
    assert _put(admin, "s001", body(team_id="team003", time=ago(1))).status == 409


def _put(c: Client, sid: str, data: dict):
    import json
    return c.request("PUT", f"{URL}/{sid}", json.dumps(data).encode(),
                     {"Content-Type": "application/json"})


def test_several_files_with_an_entry_point_are_kept_together(contest) -> None:
    team = as_user(contest, "team001")
    files = {"main.py": b"from helper import add\nprint(add(*map(int, input().split())))\n",
             "helper.py": b"def add(a, b):\n    return a + b\n"}
    reply = team.post_json(URL, {"problem_id": "sum", "language_id": "python3",
                                 "entry_point": "main.py",
                                 "files": [{"data": zipped(files), "mime": "application/zip"}]})
    assert reply.status == 200, reply.text
    assert reply.json()["entry_point"] == "main.py"
    archive = zipfile.ZipFile(io.BytesIO(team.get(f"{URL}/{reply.json()['id']}/files").body))
    assert {n: archive.read(n) for n in archive.namelist()} == files


def test_java_names_its_main_class(contest) -> None:
    source = b"public class Solver { public static void main(String[] a) {} }\n"
    reply = as_user(contest, "team001").post_json(URL, {
        "problem_id": "sum", "language_id": "java", "entry_point": "Solver",
        "files": [{"data": zipped({"Solver.java": source})}]})
    assert reply.status == 200, reply.text
    assert reply.json()["entry_point"] == "Solver"


def test_java_without_entry_point_is_taken_with_the_class_its_source_names(contest) -> None:
    source = (b"// the public class names the file\n"
              b"public class Solver { public static void main(String[] a) {} }\n")
    reply = as_user(contest, "team001").post_json(URL, {
        "problem_id": "sum", "language_id": "java",
        "files": [{"data": zipped({"Main.java": source})}]})
    assert reply.status == 200, reply.text
    assert reply.json()["entry_point"] == "Solver"


# --- the spec's 4xx cases ------------------------------------------------------------------------

@pytest.mark.parametrize(("who", "data", "status", "says"), [
    ("team001", body(time=ago(1)), 400, "must not give time"),
    ("team001", body(id="77"), 400, "must not give id"),
    ("team001", body(contest_time="0:10:00"), 400, "must not give contest_time"),
    ("team001", body(team_id="team002"), 403, "only for itself"),
    ("team001", body(colour="red"), 400, "unknown properties"),
    ("jury", body(team_id="team002"), 403, "only admin"),
    ("admin", body(), 400, "team_id"),
    ("admin", body(team_id="team002", id="5"), 400, "must not give an id"),
    ("admin", body(team_id="nobody"), 400, "unknown team"),
    ("admin", body(team_id="team002", time=ago(-10)), 400, "future"),
    ("admin", body(team_id="team002", time="yesterday"), 400, "ISO 8601"),
    ("admin", body(team_id="team002", time=ago(60 * 24)), 400, "not started"),
    ("team001", {**body(), "problem_id": "nope"}, 400, "not in this contest"),
    ("team001", {**body(), "language_id": "cobol"}, 400, "unknown language"),
    ("team001", {**body(), "problem_id": None}, 400, "problem_id"),
    ("team001", {**body(), "entry_point": "nothere.py"}, 400, "none of the files"),
    ("team001", {**body(), "files": [{"data": zipped({"a.py": b"1"}), "mime": "text/plain"}]},
     400, "mime"),
    ("team001", {**body(), "files": [{"data": base64.b64encode(b"not a zip").decode()}]},
     400, "not a readable zip"),
    ("team001", {**body(), "files": [{"data": "***"}]}, 400, "base64"),
    ("team001", {**body(), "files": []}, 400, "files"),
    ("team001", {**body(), "files": [{"data": zipped({f"m{i}.py": b"1" for i in range(20)})}]},
     400, "at most 16"),
])
def test_post_refusals(contest, who: str, data: dict, status: int, says: str) -> None:
    reply = as_user(contest, who).post_json(URL, data)
    assert reply.status == status, reply.text
    assert says in reply.json()["message"]
    assert reply.json()["code"] == status


@pytest.mark.parametrize(("who", "sid", "data", "status", "says"), [
    ("team001", "900", body(time=ago(1)), 403, "PUT is for admins"),
    ("admin", "901", body(team_id="team002"), 400, "must give the submission's time"),
    ("admin", "902", body(team_id="team002", time=ago(1), id="903"), 409, "is not"),
    ("admin", "x" * 37, body(team_id="team002", time=ago(1)), 400, "not a submission id"),
    ("admin", "-s1", body(team_id="team002", time=ago(1)), 400, "not a submission id"),
])
def test_put_refusals(contest, who: str, sid: str, data: dict, status: int, says: str) -> None:
    reply = _put(as_user(contest, who), sid, data)
    assert reply.status == status, reply.text
    assert says in reply.json()["message"]


def test_put_of_an_existing_id_is_409(contest) -> None:
    admin = as_user(contest, "admin")
    first = _put(admin, "5150", body(team_id="team002", time=ago(2)))
    assert first.status == 200, first.text
    again = _put(admin, "5150", body(team_id="team003", time=ago(2)))
    assert again.status == 409 and "already exists" in again.json()["message"]


def test_post_without_credentials_is_401_and_says_how(contest) -> None:
    base, _, _ = contest
    reply = Client(base).post_json(URL, body())
    assert reply.status == 401 and reply.headers["WWW-Authenticate"].startswith("Basic")


# --- DOMjudge's multipart form -----------------------------------------------------------------

def multipart(fields: dict[str, str], files: list[tuple[str, bytes]]) -> tuple[bytes, str]:
    """A multipart/form-data body as DOMjudge's `submit` sends it (files under `code[]`)."""
    boundary = "podiumtestboundary"
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'
             .encode() for k, v in fields.items()]
    parts += [f'--{boundary}\r\nContent-Disposition: form-data; name="code[]"; '
              f'filename="{name}"\r\nContent-Type: application/octet-stream\r\n\r\n'.encode()
              + data + b"\r\n" for name, data in files]
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), \
        f"multipart/form-data; boundary={boundary}"


def post_form(client: Client, fields: dict[str, str], files: list[tuple[str, bytes]],
              headers: dict[str, str] | None = None):
    data, kind = multipart(fields, files)
    return client.request("POST", URL, data, {"Content-Type": kind, **(headers or {})})


def test_a_tools_multipart_form_is_a_submission_answered_200(contest) -> None:
    """DOMjudge's `problem`, `language` and `code[]`, with Basic credentials: 200 and the
    submission, as DOMjudge answers (its clients were written against that)."""
    team = as_user(contest, "team003")
    reply = post_form(team, {"problem": "sum", "language": "python3"},
                      [("a.py", A_PLUS_B), ("notes.txt", b"two numbers\n")])
    assert reply.status == 200, reply.text
    made = reply.json()
    assert made["team_id"] == "team003" and made["problem_id"] == "sum"
    assert reply.headers["Location"].endswith(f"/submissions/{made['id']}")
    files = team.get(f"{URL}/{made['id']}/files")
    assert sorted(zipfile.ZipFile(io.BytesIO(files.body)).namelist()) == ["a.py", "notes.txt"]


SOLVE = b"from helper import add\nprint(add(*map(int, input().split())))\n"
HELPER = b"def add(a, b):\n    return a + b\n"


def test_several_python_files_without_entry_point_run_the_first_sent(contest) -> None:
    """DOMjudge's rule, which its clients rely on: the first file sent is the main one, and
    it is recorded as the entry point (`solve.py` though `helper.py` sorts first)."""
    team = as_user(contest, "team002")
    sent = team.post_json(URL, {"problem_id": "sum", "language_id": "python3",
                                "files": [{"data": zipped({"solve.py": SOLVE,
                                                           "helper.py": HELPER})}]})
    assert sent.status == 200, sent.text
    assert sent.json()["entry_point"] == "solve.py"
    form = post_form(team, {"problem": "sum", "language": "python3"},
                     [("solve.py", SOLVE), ("helper.py", HELPER)])
    assert form.status == 200, form.text
    assert form.json()["entry_point"] == "solve.py"


def test_a_form_names_what_is_wrong(contest) -> None:
    team = as_user(contest, "team003")
    assert post_form(team, {"problem": "sum", "language": "nope"},
                     [("a.py", A_PLUS_B)]).status == 400
    assert post_form(team, {"problem": "sum", "language": "python3"}, []).status == 400


@pytest.mark.parametrize("header", [{"Origin": "http://evil.example"},
                                    {"Sec-Fetch-Site": "same-origin"}])
def test_a_browsers_form_with_basic_credentials_is_still_refused(contest, header) -> None:
    """A browser adds Origin or Sec-Fetch-Site to any POST: with Basic credentials it keeps,
    its form is no tool's, and needs the session's token."""
    reply = post_form(as_user(contest, "team003"), {"problem": "sum", "language": "python3"},
                      [("a.py", A_PLUS_B)], header)
    assert reply.status in (403, 415)


def test_a_session_form_without_its_token_is_refused(contest) -> None:
    base, logins, _ = contest
    browser = Client(base)
    assert browser.login("team002", logins["team002"]).status == 303
    reply = post_form(browser, {"problem": "sum", "language": "python3"}, [("a.py", A_PLUS_B)])
    assert reply.status == 415  # never read as a submission: the API takes JSON from browsers
