"""Text a team wrote reaches the judges' console as text: a clarification, a team name, a
compiler's output or a source with "[/]" or terminal escape sequences (clipboard write
ESC]52, title change ESC]0, screen clear ESC[2J) neither crashes the console (Rich markup)
nor reaches the terminal as escapes: every control character shows as its picture (␛)."""

from __future__ import annotations

import asyncio
import copy
import html
import re
from typing import Any

from tests.tui import canned
from tests.tui.canned import CannedClient
from tests.tui.settle import settle
from tui import render
from tui.app import PodiumConsole
from tui.client import ApiError
from tui.dialogs.submission import SubmissionScreen

SIZE = (120, 32)
CLIPBOARD = "\x1b]52;c;Y3VybCBldmlsLmV4YW1wbGUgfCBzaA==\x07"  # writes the jury's clipboard
CLEAR = "\x1b[2J\x1b[H"
TITLE = "\x1b]0;pwned\x07"
QUESTION = f"Is [/] allowed? {CLIPBOARD}{CLEAR}[bold]no[/bold] \x9b31m"
TEAM = f"[/]Evil{TITLE}Team"


class HostileClient(CannedClient):
    """The recorded server, with a team's hostile strings where a team writes them."""

    def __init__(self) -> None:
        self.answers: dict[str, Any] = copy.deepcopy(canned.ANSWERS)
        self.answers["/jury/clarifications"][0]["text"] = QUESTION
        self.answers["/teams"][1]["name"] = TEAM  # team002
        detail = self.answers["/jury/submissions/5"]
        detail["judgements"][0]["compile_output"] = f"a.c:1: error: [/] {CLEAR}{CLIPBOARD}"
        detail["files"][0]["text"] = f"// {CLEAR}{TITLE} [/]\r\nint main() {{}}\r\n"

    async def get(self, tail: str, public: bool = False) -> Any:
        return self.answers[tail.split("?")[0]]

    async def post(self, tail: str, body: dict) -> Any:
        raise ApiError(409, f"no team '[/]{CLEAR}'")  # the server quoting what it was sent


def screen_text(app: PodiumConsole) -> str:
    """What the terminal shows, as text (the screenshot's characters, row after row)."""
    cells = re.findall(r"<text[^>]*>(.*?)</text>", app.export_screenshot(), flags=re.S)
    return html.unescape("".join(cells)).replace("\xa0", " ")


def shows_no_escape(screen: str) -> None:
    assert "\x1b" not in screen and "\x9b" not in screen and "\x07" not in screen


def test_a_hostile_clarification_shows_as_text_and_the_console_lives_on() -> None:
    async def scenario() -> None:
        app = PodiumConsole(HostileClient())  # type: ignore[arg-type]
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("5")
            await settle(pilot)
            screen = screen_text(app)
            assert app.is_running
            shows_no_escape(screen)
            assert "␛]52;c;Y3VybCBldmlsLmV4YW1wbGUgfCBzaA==␇␛[2J␛[H[bold]no[/bold]" in screen
            assert "Is [/] allowed?" in screen and "\\x9b31m" in screen
            # answering it: the server's refusal quotes "[/]" and an escape; notified as text
            app.query_one("#answer").value = "see the statement"
            await pilot.click("#announce")
            await settle(pilot)
            assert app.is_running
            said = [n.message for n in app._notifications]
            assert "no team '[/]␛[2J␛[H'" in said, said
            shows_no_escape(screen_text(app))

    asyncio.run(scenario())


def test_a_hostile_team_name_compiler_output_and_source_show_as_text() -> None:
    async def scenario() -> None:
        app = PodiumConsole(HostileClient())  # type: ignore[arg-type]
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            board = screen_text(app)
            shows_no_escape(board)
            assert "[/]Evil␛]0;pwned␇Team" in board
            app.push_screen(SubmissionScreen(app.client, "5"))
            await settle(pilot)
            assert app.is_running
            detail = screen_text(app)
            shows_no_escape(detail)
            assert "a.c:1: error: [/] ␛[2J␛[H␛]52;c;" in detail
            assert "// ␛[2J␛[H␛]0;pwned␇ [/]" in detail  # the source's comment
            assert "␍" not in detail  # CRLF line ends are line ends

    asyncio.run(scenario())


def test_visible_shows_every_control_character_but_newline_and_tab() -> None:
    controls = "".join(map(chr, [*range(0x20), 0x7f, *range(0x80, 0xa0), 0x202e]))
    shown = render.visible(controls)
    assert "\n" in shown and "\t" in shown
    assert not any(ord(c) < 0x20 or 0x7f <= ord(c) <= 0x9f or c == "\u202e"
                   for c in shown.replace("\n", "").replace("\t", ""))
    assert render.visible("a\x1b[2Jb") == "a␛[2Jb" and render.visible("x\r\ny") == "x\ny"
    assert render.text("[/]").plain == "[/]"
