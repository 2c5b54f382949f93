"""Practice over JSON through a real `podium serve` judging on Docker: the bench's script,
which uses nothing but /api/practice/, pages the list, fetches a function problem's stub in
three languages, fills one in, runs it on its own input, submits and polls to the verdict;
and the API's refusals name what is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from appliance.config import Config
from appliance.problems.library import import_package
from bench.practice_api import PracticeClient, solve
from tests.webserver import PACKS, Client, make_contest, server_process


@pytest.fixture(scope="module")
def practice(tmp_path_factory: pytest.TempPathFactory):
    data = tmp_path_factory.mktemp("practice-api")
    logins = make_contest(data, problems=("sum",), start=False)  # teams practise before it
    for pack in ("rotation", "hello", "strings", "divisors"):
        import_package(PACKS / pack, Config.build(data_dir=data).library_dir)
    with server_process(data, "--pool-size", "2") as base:
        yield base, logins


def test_a_script_solves_a_function_problem_through_the_json_api(practice) -> None:
    base, logins = practice
    seen = solve(PracticeClient(base, "team001", logins["team001"]))
    assert seen["listed"] == 4
    assert "def rotateClockwise" in seen["stubs"]["python3"]
    assert "vector<vector<int>> rotateClockwise" in seen["stubs"]["cpp"]
    assert "int[][] rotateClockwise" in seen["stubs"]["java"]
    assert seen["run"]["verdict"] == "OK"
    assert "".join(seen["run"]["tests"][0]["stdout"].split()) == "[[531][642]]"
    verdict = seen["verdict"]
    assert verdict["verdict"] == "AC" and verdict["tests"] and verdict["run_time"] is not None
    assert verdict["standing"]["faster_than_percent"] == 100  # the only accepted one
    board = Client(base, "team001", logins["team001"]).get(
        "/api/practice/leaderboard?top=5").json()
    assert board[0]["account"] == "team001" and board[0]["solved"] == 1


def test_the_practice_api_refuses_clearly(practice) -> None:
    base, logins = practice
    client = Client(base, "team002", logins["team002"])
    assert client.get("/api/practice/problems?limit=0").json()["message"] == \
        "limit must be a whole number from 1 to 100"
    pages = client.get("/api/practice/problems?limit=3&page=2").json()
    assert (pages["total"], pages["pages"], len(pages["problems"])) == (4, 2, 1)
    rotation = next(p["id"] for p in client.get("/api/practice/problems").json()["problems"]
                    if p["id"].startswith("rotation"))
    ruby = client.get(f"/api/practice/problems/{rotation}?language=ruby")
    assert ruby.status == 400 and "not 'ruby'" in ruby.json()["message"]
    assert Client(base).get("/api/practice/problems").status == 401
    assert client.get("/api/practice/check/run-999").status == 404


def test_nothing_runs_without_an_account(tmp_path: Path) -> None:
    make_contest(tmp_path, problems=("sum",), start=False)
    with server_process(tmp_path, "--no-judge") as base:
        reply = Client(base).post_json("/api/practice/problems/x/run", {})
        assert reply.status == 401
