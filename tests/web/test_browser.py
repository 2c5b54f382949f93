"""End to end, as contestants see it: a real `podium serve` judging on the real Docker engine,
driven through Debian's Chromium (Playwright for Python, no browser download)."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.webserver import Client, make_contest, server_process, zipped

pytestmark = pytest.mark.docker

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]
CORRECT = ("#include <iostream>\nint main() {\nlong long a, b;\nstd::cin >> a >> b;\n"
           "std::cout << a + b << std::endl;\n")
WRONG = ("#include <iostream>\nint main() {\nlong long a, b;\nstd::cin >> a >> b;\n"
         "std::cout << a - b << std::endl;\n")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict, Path]]:
    data = tmp_path_factory.mktemp("web-e2e")
    logins = make_contest(data, teams=3)
    with server_process(data, "--pool-size", "2") as base:
        yield base, logins, data


@pytest.fixture(scope="module")
def browser():
    playwright = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install.sh installs Debian's chromium")
    with playwright.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield launched
        launched.close()


def log_in(page, base: str, user: str, password: str) -> None:
    page.goto(base + "/login")
    page.fill("input[name=username]", user)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(base + "/problems")


def submit_from_editor(page, base: str, problem: str, code: str) -> str:
    """Type `code` into the CodeMirror editor as C++ and submit; the new submission's id."""
    page.goto(f"{base}/submit?problem={problem}")
    page.wait_for_selector(".cm-editor")
    page.select_option("#language", "cpp")
    page.click(".cm-content")
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.type(code)  # the editor closes the braces it opened
    page.click("#submit-button")
    page.wait_for_url(re.compile(r".*/submissions#s\d+$"))
    return page.url.rsplit("#s", 1)[1]


def test_a_team_solves_a_problem_and_talks_to_the_jury(server, browser, tmp_path: Path) -> None:
    base, logins, _ = server
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    log_in(page, base, "team001", logins["team001"])
    assert page.locator("table.problems tbody tr").count() == 2

    # The statement, its math typeset by the vendored KaTeX, and its samples.
    page.goto(base + "/problems/floats/")
    page.wait_for_selector(".statement-body .katex")
    assert page.locator(".statement-body .katex").count() > 3
    assert page.locator("pre#in-0").inner_text().strip()
    page.screenshot(path=str(tmp_path / "statement.png"))

    # A second page watches the scoreboard while the team submits.
    board = context.new_page()
    board.goto(base + "/scoreboard")
    board.evaluate("window.stayed = true")
    row = board.locator('tr[data-team="team001"] td.solved-count')
    assert row.inner_text() == "0"

    wrong = submit_from_editor(page, base, "sum", WRONG)
    page.evaluate("window.stayed = true")
    page.locator(f'#s{wrong} .verdict.WA').wait_for(timeout=60_000)
    correct = submit_from_editor(page, base, "sum", CORRECT)
    page.evaluate("window.stayed = true")
    page.locator(f'#s{correct} .verdict.AC').wait_for(timeout=60_000)
    assert page.evaluate("window.stayed === true"), "the verdict came by reloading the page"
    assert page.locator(f'#s{wrong} .verdict').inner_text() == "WA"

    board.wait_for_function(
        "document.querySelector('tr[data-team=\"team001\"] td.solved-count')"
        ".textContent.trim() === '1'", timeout=30_000)
    assert board.evaluate("window.stayed === true"), "the scoreboard page reloaded"
    board.screenshot(path=str(tmp_path / "scoreboard.png"))

    # A clarification: asked on the page, answered by the jury through the API, shown live.
    page.goto(base + "/clarifications")
    page.fill("textarea[name=text]", "May the sum overflow 32 bits?")
    page.click("form.ask button[type=submit]")
    page.wait_for_selector("text=May the sum overflow 32 bits?")
    jury = Client(base, "jury", logins["jury"])
    (question,) = [c for c in jury.get("/api/contests/test/clarifications").json()
                   if c["text"] == "May the sum overflow 32 bits?"]
    answered = jury.post_json("/api/contests/test/clarifications",
                              {"text": "Yes: use 64-bit integers.", "reply_to_id": question["id"]})
    assert answered.status == 200
    page.locator(".popup", has_text="Yes: use 64-bit integers.").wait_for(timeout=15_000)
    page.wait_for_selector("#clarifications >> text=Yes: use 64-bit integers.", timeout=15_000)
    page.screenshot(path=str(tmp_path / "clarification.png"))
    assert errors == []
    context.close()


def test_reading_and_submitting_work_with_javascript_off(server, browser) -> None:
    base, logins, _ = server
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    log_in(page, base, "team002", logins["team002"])
    page.goto(base + "/problems/sum/")
    assert "Sum" in page.inner_text("h1")
    page.goto(base + "/submit?problem=sum")
    page.select_option("#language", "python3")
    page.fill("#code", "a, b = map(int, input().split())\nprint(a + b)\n")
    page.click("#submit-button")
    page.wait_for_url(re.compile(r".*/submissions#s\d+$"))
    sid = page.url.rsplit("#s", 1)[1]
    for _ in range(120):  # without JavaScript the team reloads the page
        if page.locator(f"#s{sid} .verdict.AC").count():
            break
        page.wait_for_timeout(500)
        page.reload()
    assert page.locator(f"#s{sid} .verdict").inner_text() == "AC"
    context.close()


def test_big_screen_scoreboard_needs_no_login(server, browser) -> None:
    base, _, _ = server
    page = browser.new_page()
    page.goto(base + "/public")
    assert page.locator("table.scoreboard tbody tr").count() == 3
    assert page.locator("nav").count() == 0
    page.close()


def test_the_public_page_polls_with_no_stream_and_no_cookie(server, browser) -> None:
    base, logins, _ = server
    context = browser.new_context()
    page = context.new_page()
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(base + "/public")
    before = page.locator("#scoreboard").inner_html()
    admin = Client(base, "admin", logins["admin"])
    body = {"problem_id": "sum", "language_id": "python3", "team_id": "team003",
            "files": [{"data": zipped({"a.py": b"print(sum(map(int, input().split())))\n"})}]}
    assert admin.post_json("/api/contests/test/submissions", body).status == 200
    deadline = time.monotonic() + 15  # one poll every 5 s
    while page.locator("#scoreboard").inner_html() == before and time.monotonic() < deadline:
        page.wait_for_timeout(250)
    assert page.locator("#scoreboard").inner_html() != before, "the table was not refreshed"
    assert not any("/live" in url for url in asked), "the public page opened a stream"
    assert any("/scoreboard/table" in url for url in asked)
    assert context.cookies() == []
    context.close()


@pytest.mark.parametrize(("language", "entry", "files"), [
    ("python3", "main.py", {"main.py": b"from helper import add\n"
                                       b"print(add(*map(int, input().split())))\n",
                            "helper.py": b"def add(a, b):\n    return a + b\n"}),
    ("cpp", None, {"main.cpp": b'#include <iostream>\n#include "add.h"\nint main() {'
                               b" long long a, b; std::cin >> a >> b;"
                               b" std::cout << add(a, b) << '\\n'; }\n",
                   "add.h": b"long long add(long long a, long long b);\n",
                   "add.cpp": b'#include "add.h"\nlong long add(long long a, long long b)'
                              b" { return a + b; }\n"}),
    ("java", "Solver", {"Solver.java": b"public class Solver { public static void main("
                                       b"String[] x) { java.util.Scanner s = new "
                                       b"java.util.Scanner(System.in); System.out.println("
                                       b"Adder.add(s.nextLong(), s.nextLong())); } }\n",
                        "Adder.java": b"class Adder { static long add(long a, long b) "
                                      b"{ return a + b; } }\n"}),
    # No entry point: every Java file is compiled, and the class with main is run.
    ("java", None, {"Solver.java": b"// the public class names the file\n"
                                   b"public class Solver { public static void main("
                                   b"String[] x) { java.util.Scanner s = new "
                                   b"java.util.Scanner(System.in); System.out.println("
                                   b"Adder.add(s.nextLong(), s.nextLong())); } }\n",
                    "Adder.java": b"class Adder { static long add(long a, long b) "
                                  b"{ return a + b; } }\n"}),
])
def test_several_files_are_judged_together(server, language: str, entry: str | None,
                                           files: dict[str, bytes]) -> None:
    base, logins, _ = server
    team = Client(base, "team003", logins["team003"])
    body = {"problem_id": "sum", "language_id": language, "files": [{"data": zipped(files)}]}
    if entry:
        body["entry_point"] = entry
    reply = team.post_json("/api/contests/test/submissions", body)
    assert reply.status == 200, reply.text
    sid = reply.json()["id"]
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        current = [j for j in team.get(f"/api/contests/test/judgements?submission_id={sid}")
                   .json() if j["current"]]
        if current:
            break
        time.sleep(0.3)
    assert [j["judgement_type_id"] for j in current] == ["AC"]
