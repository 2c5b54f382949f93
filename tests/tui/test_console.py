"""The judges' console driven by Textual's Pilot against a real `podium serve` judging on the
real Docker engine: what a judge does during a contest and at its closing ceremony."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input

from tests.webserver import (
    A_PLUS_B,
    Client,
    as_user,
    make_contest,
    server_process,
    submission_body,
)
from tui.app import PodiumConsole
from tui.client import JuryClient

pytestmark = pytest.mark.docker

FLOATS_WA = b"print(0)\n"
SIZE = (140, 45)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict, Path]]:
    data = tmp_path_factory.mktemp("tui")
    logins = make_contest(data, teams=3, started_ago=timedelta(minutes=90))
    with server_process(data, "--pool-size", "2") as base:
        yield base, logins, data


def console(server) -> PodiumConsole:
    base, logins, _ = server
    return PodiumConsole(JuryClient(base, "jury", logins["jury"]))


def submit(server, name: str, problem: str, source: bytes) -> str:
    reply = as_user(server, name).post_json("/api/contests/test/submissions",
                                         submission_body(problem, "python3", source, "a.py"))
    assert reply.status == 200, reply.text
    return reply.json()["id"]


async def until(pilot, predicate, timeout: float = 90.0, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            said = [n.message for n in pilot.app._notifications]
            raise AssertionError(f"{what} did not happen within {timeout} s; the console "
                                 f"said: {said}")
        await pilot.pause(0.1)


def cell_text(app: PodiumConsole, table_id: str, row: str, column: int) -> str:
    table = app.query_one(table_id, DataTable)
    try:
        return str(table.get_row(row)[column])
    except Exception:  # noqa: BLE001 - the row is not there yet
        return ""


def test_a_judged_submission_appears_on_the_scoreboard(server) -> None:
    async def scenario() -> None:
        app = console(server)
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: cell_text(app, "#board", "team001", 2) == "0",
                        what="the scoreboard")
            submit(server, "team001", "sum", A_PLUS_B)
            await until(pilot, lambda: cell_text(app, "#board", "team001", 2) == "1",
                        what="the AC on the scoreboard")
            assert cell_text(app, "#board", "team001", 0) == "1"
            await until(pilot, lambda: app.latencies,
                        what="the event's time to the screen measured")
    asyncio.run(scenario())


def test_a_clarification_is_answered_from_the_console(server) -> None:
    asker = as_user(server, "team002")
    question = asker.post_json("/api/contests/test/clarifications",
                               {"text": "Are the inputs sorted?"}).json()

    async def scenario() -> None:
        app = console(server)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("5")
            pane = app.query_one("#clarifications-pane")
            await until(pilot, lambda: question["id"] in pane.items, what="the question")
            await until(pilot, lambda: "(1)" in str(
                app.query_one("#tabs").get_tab("clarifications").label), what="the badge")
            pane.selected = question["id"]
            app.query_one("#answer", Input).value = "No: sort them yourself."
            await pilot.click("#answer-team")
            await until(pilot, lambda: pane.items.get(question["id"], {}).get("answered"),
                        what="the answer")
    asyncio.run(scenario())
    answers = [c for c in asker.get("/api/contests/test/clarifications").json()
               if c["reply_to_id"] == question["id"]]
    assert [(a["text"], a["to_team_id"]) for a in answers] == [
        ("No: sort them yourself.", "team002")]
    other = as_user(server, "team003").get("/api/contests/test/clarifications").json()
    assert "No: sort them yourself." not in {c["text"] for c in other}


def test_a_rejudging_is_started_reviewed_and_applied(server) -> None:
    jury = Client(server[0], "jury", server[1]["jury"])
    judged = [j for j in jury.get("/api/contests/test/judgements").json() if j["current"]]
    sid = judged[0]["submission_id"]

    async def scenario() -> None:
        app = console(server)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("3")
            table = app.query_one("#submission-list", DataTable)
            await until(pilot, lambda: sid in [k.value for k in table.rows], what="the list")
            table.move_cursor(row=table.get_row_index(sid))
            table.focus()
            await pilot.press("enter")
            await until(pilot, lambda: app.screen.__class__.__name__ == "SubmissionScreen")
            await pilot.pause(0.5)
            await pilot.press("j")
            await pilot.pause(0.5)  # the rejudging is asked for
            await pilot.press("escape")
            await until(pilot, lambda: len(app.screen_stack) == 1, what="the detail closed")
            await pilot.press("f4")
            pane = app.main.query_one("#rejudgings-pane")
            rejudgings = app.main.query_one("#rejudging-list", DataTable)
            await until(pilot, lambda: rejudgings.row_count >= 1, what="the rejudging")
            await until(pilot, lambda: cell_text(app, "#rejudging-list", pane.selected, 1)
                        == "judged", what="the rejudging judged")
            assert cell_text(app, "#rejudging-list", pane.selected, 3) == "0"  # none pending
            rejudgings.focus()
            await pilot.press("a")
            await until(pilot, lambda: cell_text(app, "#rejudging-list", pane.selected, 1)
                        == "applied", what="the rejudging applied")
    asyncio.run(scenario())
    states = {r["state"] for r in jury.get("/api/contests/test/jury/rejudgings").json()}
    assert states == {"applied"}


def test_a_submissions_detail_shows_team_output_against_the_answer(server) -> None:
    sid = submit(server, "team003", "sum", b"a, b = map(int, input().split())\nprint(a - b)\n")
    jury = Client(server[0], "jury", server[1]["jury"])
    deadline = time.monotonic() + 120
    while not [j for j in jury.get(f"/api/contests/test/judgements?submission_id={sid}")
               .json() if j["current"]]:
        assert time.monotonic() < deadline
        time.sleep(0.3)
    detail = jury.get(f"/api/contests/test/jury/submissions/{sid}").json()
    (first,) = [r for j in detail["judgements"] if j["current"] for r in j["runs"]]
    assert (first["output"], first["output_size"], first["answer"]) == ("-1\n", 3, "3\n")
    assert first["difference"]["line"] == 1

    async def scenario() -> None:
        app = console(server)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("3")
            table = app.query_one("#submission-list", DataTable)
            await until(pilot, lambda: sid in [k.value for k in table.rows], what="the list")
            table.move_cursor(row=table.get_row_index(sid))
            table.focus()
            await pilot.press("enter")
            await until(pilot, lambda: app.screen.__class__.__name__ == "SubmissionScreen")
            box = app.screen.query_one("#run-output")
            await until(pilot, lambda: box.display, what="the output beside the answer")
            lines = box.render_lines(box.region.reset_offset)  # what the judge sees
            text = "\n".join("".join(seg.text for seg in line) for line in lines)
            assert "Team output (3 bytes)" in text and "Expected answer" in text
            assert "-1" in text and "first difference on line 1" in text
            app.save_screenshot("submission-output.svg", str(Path("/tmp/run-shots")))
    asyncio.run(scenario())


def test_i_ignores_a_submission_with_a_reason_and_again_restores_it(server) -> None:
    sid = submit(server, "team003", "sum", A_PLUS_B)
    jury = Client(server[0], "jury", server[1]["jury"])

    async def scenario() -> None:
        app = console(server)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("3")
            table = app.query_one("#submission-list", DataTable)
            await until(pilot, lambda: sid in [k.value for k in table.rows], what="the list")
            table.move_cursor(row=table.get_row_index(sid))
            table.focus()
            await pilot.press("enter")
            await until(pilot, lambda: app.screen.__class__.__name__ == "SubmissionScreen")
            await pilot.pause(0.5)
            await pilot.press("i")
            await pilot.press(*"test of the seat", "enter")
            await until(pilot, lambda: app.screen.ignored, what="the submission ignored")
            await pilot.press("i")
            await pilot.press(*"it was fine", "enter")
            await until(pilot, lambda: not app.screen.ignored, what="restored")
    asyncio.run(scenario())
    detail = jury.get(f"/api/contests/test/jury/submissions/{sid}").json()
    assert [(i["ignored"], i["reason"]) for i in detail["ignores"]] == [
        (1, "test of the seat"), (0, "it was fine")]


# Last: the reveal ends the contest, after which no team may submit.
def test_the_reveal_steps_from_the_bottom_of_the_frozen_board(server) -> None:
    base, logins, _ = server
    jury = Client(base, "jury", logins["jury"])
    waiting = [submit(server, "team002", "floats", FLOATS_WA),
               submit(server, "team003", "sum", A_PLUS_B)]
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        current = {j["submission_id"] for j in jury.get("/api/contests/test/judgements").json()
                   if j["current"]}
        if set(waiting) <= current:
            break
        time.sleep(0.3)
    clock = jury.get("/api/contests/test/jury/clock").json()
    # End the contest now: its last hour (the freeze) then covers every submission.
    cut = clock["contest_time"] + 1 - clock["length"]
    jury.post_json("/api/contests/test/jury/clock", {"operation": "extend", "seconds": cut})
    time.sleep(1.5)
    assert jury.get("/api/contests/test/jury/clock").json()["state"] == "ended"

    async def scenario() -> list:
        app = console(server)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("6")
            await until(pilot, lambda: app.connected, what="the connection")
            for i in range(4):
                await pilot.press("n")
                await until(pilot, lambda i=i: len(app.reveal_steps) > i, what=f"step {i}")
            return app.reveal_steps
    steps = asyncio.run(scenario())
    # By hand: frozen, everyone shows 0 solved (name order: Team 1, 2, 3). The bottom team
    # with a hidden cell goes first, its lowest problem first: Team 3's A (solved: it rises
    # to the top), then Team 2's B (not solved), then Team 1's A (solved); then nothing.
    assert [(s["team_id"], s["problem_id"], s["solved"]) if s else None for s in steps] == [
        ("team003", "sum", True), ("team002", "floats", False), ("team001", "sum", True), None]
    assert steps[0]["old_rank"] == 1 and steps[0]["new_rank"] == 1
