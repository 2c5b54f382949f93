"""The contest floor through the API on a real `podium serve` with real judging: balloons
(one per team and problem, first to solve, a rejudging's take back, a runner's delivery,
hidden from teams) and printing (a PDF with header and code; a configured printer's `lp`,
here a fake that records its arguments)."""

from __future__ import annotations

import base64
import io
import os
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from appliance.floor.policy import set_policy
from appliance.passwords import hash_password
from appliance.store import Store
from tests.paths import PACKS
from tests.webserver import A_PLUS_B, Client, make_contest, server_process, submission_body

API = "/api/contests/test"
RUNNER = ("runner", "balloons-please")
HELLO = b'print("Hello World!")\n'


def add_runner(data: Path) -> None:
    """A balloon runner's account, as an accounts.yaml with `type: balloon` makes one."""
    with Store.open(data) as store:
        store.write(lambda db: db.execute(
            "INSERT INTO accounts (id, username, password_hash, type) VALUES (?, ?, ?, ?)",
            ["runner", RUNNER[0], hash_password(RUNNER[1]), "balloon"]))
        store.write(lambda db: db.execute(  # as the import makes it: a member of its contest
            "INSERT INTO memberships (contest_id, account_id) VALUES ('test', 'runner')"))
        store.write(lambda db: db.execute(
            "UPDATE teams SET location = 'Row ' || substr(id, -1) || ', seat 4'"))


@pytest.fixture(scope="module")
def floor(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict, Path]]:
    data = tmp_path_factory.mktemp("floor")
    logins = make_contest(data, problems=("sum", "hello"), teams=3,
                          started_ago=timedelta(minutes=10))
    add_runner(data)
    logins[RUNNER[0]] = RUNNER[1]
    fake = tmp_path_factory.mktemp("fake-lp")
    (fake / "lp").write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > {fake}/args\n'
                             'echo "request id is floor-1 (1 file(s))"\n')
    (fake / "lp").chmod(0o755)
    old = os.environ["PATH"]
    os.environ["PATH"] = f"{fake}:{old}"  # the server's `lp` is the fake
    try:
        with server_process(data, "--pool-size", "2") as base:
            yield base, logins, data
    finally:
        os.environ["PATH"] = old


def client(floor, name: str) -> Client:
    return Client(floor[0], name, floor[1][name])


def submit(floor, team: str, problem: str, source: bytes, name: str) -> str:
    reply = client(floor, team).post_json(f"{API}/submissions",
                                          submission_body(problem, "python3", source, name))
    assert reply.status == 200, reply.text
    return reply.json()["id"]


def verdicts(floor, ids: list[str], timeout: float = 120) -> dict[str, str]:
    jury = client(floor, "jury")
    deadline = time.monotonic() + timeout
    while True:
        got = {j["submission_id"]: j["judgement_type_id"]
               for j in jury.get(f"{API}/judgements").json()
               if j.get("current") and j["judgement_type_id"]}
        if all(i in got for i in ids) or time.monotonic() > deadline:
            return {i: got.get(i) for i in ids}
        time.sleep(0.3)


def test_balloons_through_the_api_with_real_judging(floor) -> None:
    # Accepted if judged before `until`, wrong after: the rejudging that follows is WA.
    until = time.time() + 25
    flaky = (f"import time\na, b = map(int, input().split())\n"
             f"print(a + b if time.time() < {until} else a + b + 1)\n").encode()
    ids = [submit(floor, "team001", "sum", flaky, "a.py")]
    ids.append(submit(floor, "team002", "sum", A_PLUS_B, "a.py"))
    ids.append(submit(floor, "team002", "hello", HELLO, "h.py"))
    ids.append(submit(floor, "team002", "hello", HELLO, "h2.py"))  # a second AC: no balloon
    ids.append(submit(floor, "team003", "hello", b"print('hello')\n", "h.py"))
    ids.append(submit(floor, "team003", "hello", HELLO, "h.py"))
    assert list(verdicts(floor, ids).values()) == ["AC", "AC", "AC", "AC", "WA", "AC"]

    runner = client(floor, "runner")
    queue = runner.get(f"{API}/balloons").json()
    assert [(b["team_id"], b["label"], b["first_to_solve"], b["team_first"], b["state"])
            for b in queue] == [
        ("team001", "A", True, True, "pending"), ("team002", "A", False, True, "pending"),
        ("team002", "B", True, False, "pending"), ("team003", "B", False, True, "pending")]
    assert queue[0]["location"] == "Row 1, seat 4" and queue[0]["rgb"]

    assert client(floor, "team001").get(f"{API}/balloons").status == 403
    assert Client(floor[0]).get(f"{API}/balloons").status == 401

    delivered = runner.post_json(f"{API}/balloons/team001/sum/deliver", {})
    assert delivered.status == 200, delivered.text
    assert (delivered.json()["state"], delivered.json()["delivered_by"]) == ("delivered",
                                                                             "runner")
    twice = runner.post_json(f"{API}/balloons/team001/sum/deliver", {})
    assert twice.status == 409
    assert "already delivered by runner" in twice.json()["message"]

    time.sleep(max(0.0, until - time.time()) + 1)
    jury = client(floor, "jury")
    started = jury.post_json(f"{API}/jury/rejudgings", {"submission_id": ids[0]})
    assert started.status == 201, started.text
    rid = started.json()["id"]
    deadline = time.monotonic() + 120
    while jury.get(f"{API}/jury/rejudgings/{rid}").json()["state"] != "judged":
        assert time.monotonic() < deadline
        time.sleep(0.3)
    assert jury.post_json(f"{API}/jury/rejudgings/{rid}/apply", {}).status == 200
    queue = {(b["team_id"], b["problem_id"]): b for b in runner.get(f"{API}/balloons").json()}
    assert queue[("team001", "sum")]["state"] == "take back"
    assert queue[("team001", "sum")]["take_back"] is True
    assert queue[("team002", "sum")]["first_to_solve"] is True
    assert runner.post_json(f"{API}/balloons/team001/sum/returned", {}).status == 200


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_a_print_job_is_a_pdf_with_the_header_and_the_code(floor) -> None:
    source = (PACKS / "sum" / "submissions" / "accepted" / "sum.c").read_bytes()
    team = client(floor, "team002")
    reply = team.post_json(f"{API}/print-jobs", {"file_name": "sum.c",
                                                 "data": base64.b64encode(source).decode()})
    assert reply.status == 200, reply.text
    job = reply.json()
    assert job["state"] == "queued"  # no printer: it waits for the runners
    pdf = team.get(f"{API}/print-jobs/{job['id']}/pdf")
    assert pdf.headers["Content-Type"] == "application/pdf"
    lines = pdf_text(pdf.body).splitlines()
    assert lines[0].startswith("Team 2 · Row 2, seat 4 · ") and lines[0].endswith(" · sum.c")
    assert [line[6:] for line in lines[2:]] == source.decode().splitlines()
    assert client(floor, "team001").get(f"{API}/print-jobs/{job['id']}/pdf").status == 404
    runner = client(floor, "runner")
    assert [j["id"] for j in runner.get(f"{API}/print-jobs").json()] == [job["id"]]
    assert runner.post_json(f"{API}/print-jobs/{job['id']}/done", {}).json()["state"] == "done"
    assert runner.post_json(f"{API}/print-jobs/{job['id']}/done", {}).status == 409

    binary = team.post_json(f"{API}/print-jobs", {"file_name": "a.out",
                                                  "data": base64.b64encode(b"\x7fELF\0").decode()})
    assert binary.status == 400
    assert binary.json()["message"] == ("a.out: a binary file (a NUL byte at offset 4); only "
                                        "text is printed")
    big = team.post_json(f"{API}/print-jobs", {"file_name": "big.txt", "text": "x" * 70000})
    assert big.status in (400, 413) and "big.txt: the file is 70,000 bytes" in big.text


def test_with_a_printer_named_the_job_reaches_lp(floor) -> None:
    with Store.open(floor[2]) as store:
        set_policy(store, "test", printer="floor-laser")
    try:
        reply = client(floor, "team003").post_json(
            f"{API}/print-jobs", {"file_name": "a.py", "text": A_PLUS_B.decode()})
        assert reply.status == 200, reply.text
        assert (reply.json()["state"], reply.json()["printer"]) == ("printed", "floor-laser")
        args = (Path(os.environ["PATH"].split(":")[0]) / "args").read_text().splitlines()
        assert args[:2] == ["-d", "floor-laser"] and args[-1].startswith(str(floor[2]))
    finally:
        with Store.open(floor[2]) as store:
            set_policy(store, "test", no_printer=True)
