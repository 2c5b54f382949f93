"""A 2025-09 package's problem page, contest and practice: the samples shown from their
`.statement` files and offered from their `.download` files, an interactive problem's
`.download` files (never its secret input), the attachments as safe downloads, and a
statement given only as a PDF offered as its file (served inert)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from appliance.config import Config
from appliance.problems.library import import_package
from tests.paths import FIXTURES
from tests.web.test_browser import browser, log_in  # noqa: F401 - the browser fixture
from tests.webserver import Client, make_contest, server_thread

PACKAGES = FIXTURES / "packages" / "statement2025"
SAMPLE = PACKAGES / "samples" / "data" / "sample"
SHOTS = Path("/tmp/pkg-statement-shots")
NAMES = tuple(str(PACKAGES / name) for name in ("samples", "pdfonly", "interactive"))


@pytest.fixture(scope="module")
def contest(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict]]:
    """The three packages as a contest's problems, started, served without judging."""
    data = tmp_path_factory.mktemp("statement-2025")
    logins = make_contest(data, problems=NAMES, teams=1)
    with server_thread(data) as base:
        yield base, logins


def team(base: str, logins: dict) -> Client:
    client = Client(base)
    assert client.login("team001", logins["team001"]).status == 303
    return client


def test_the_samples_show_statement_files_and_offer_download_files(
        contest, browser) -> None:  # noqa: F811 - the fixture
    base, logins = contest
    SHOTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1100, "height": 1400})
    log_in(page, base, "team001", logins["team001"])
    page.goto(base + "/problems/samples/")
    shown = [text.strip() for text in page.locator(".sample pre").all_inner_texts()]
    assert shown == ["3", "6", "n = 500 (shown)", "2n = 1000 (shown)", "0", "0"]
    links = page.locator(".sample a[download]").evaluate_all("as => as.map(a => a.href)")
    assert links == [f"{base}/problems/samples/samples/{i}.{k}"
                     for i in range(3) for k in ("in", "ans")]
    offered = page.locator("ul.attachments a").evaluate_all(
        "as => as.map(a => [a.textContent, a.href])")
    assert offered == [["notes é 1.txt", f"{base}/problems/samples/attachments/"
                        + quote("notes é 1.txt")],
                       ["testing_tool.py", f"{base}/problems/samples/attachments/"
                        "testing_tool.py"]]
    with page.expect_download() as download:
        page.locator("ul.attachments a", has_text="testing_tool.py").click()
    assert download.value.suggested_filename == "testing_tool.py"
    assert Path(download.value.path()).read_bytes() == \
        (PACKAGES / "samples/attachments/testing_tool.py").read_bytes()
    page.screenshot(path=str(SHOTS / "samples.png"), full_page=True)

    client = team(base, logins)
    assert client.get("/problems/samples/samples/1.in").body == \
        (SAMPLE / "2.in.download").read_bytes()
    assert client.get("/problems/samples/samples/1.ans").body == \
        (SAMPLE / "2.ans.download").read_bytes()
    assert client.get("/problems/samples/samples/2.ans").body == (SAMPLE / "3.out").read_bytes()
    page.close()


def test_attachments_download_inert_under_safe_names(contest) -> None:
    base, logins = contest
    client = team(base, logins)
    reply = client.get("/problems/samples/attachments/" + quote("notes é 1.txt"))
    assert reply.status == 200 and reply.body == b"Notes for solvers.\n"
    assert reply.headers["Content-Type"] == "application/octet-stream"
    assert reply.headers["Content-Disposition"] == (
        "attachment; filename=\"notes___1.txt\"; filename*=UTF-8''notes%20%C3%A9%201.txt")
    assert "sandbox" in reply.headers["Content-Security-Policy"]
    for name in (".hidden", "templates", "..%2Fproblem.yaml", "missing.txt"):
        assert client.get("/problems/samples/attachments/" + name).status == 404
    assert Client(base).get("/problems/samples/attachments/testing_tool.py").status != 200


def test_an_interactive_problem_offers_its_download_files_only(
        contest, browser) -> None:  # noqa: F811 - the fixture
    base, logins = contest
    page = browser.new_page(viewport={"width": 1100, "height": 1000})
    log_in(page, base, "team001", logins["team001"])
    page.goto(base + "/problems/interactive/")
    assert page.locator("table.interaction tbody tr").count() == 5
    assert "10 7" not in page.locator("main").inner_text()
    assert page.locator(".sample a[download]").all_inner_texts() == ["Download input",
                                                                      "Download answer"]
    assert page.locator("ul.attachments a").all_inner_texts() == ["testing_tool.py"]
    page.screenshot(path=str(SHOTS / "interactive.png"), full_page=True)
    page.close()
    client = team(base, logins)
    given = client.get("/problems/interactive/samples/0.in")
    assert given.status == 200 and given.text == "10\n"
    assert client.get("/problems/interactive/samples/0.ans").text == "correct after 2 guesses\n"


def test_a_pdf_statement_is_a_link_to_its_file(contest, browser) -> None:  # noqa: F811
    base, logins = contest
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    log_in(page, base, "team001", logins["team001"])
    page.goto(base + "/problems/pdfonly/")
    link = page.locator(".statement-pdf a")
    assert link.inner_text() == "problem.en.pdf"
    assert "cannot be shown" not in page.locator("main").inner_text()
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == "problem.en.pdf"
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF-")
    page.screenshot(path=str(SHOTS / "pdfonly.png"), full_page=True)
    page.close()
    reply = team(base, logins).get("/problems/pdfonly/problem.en.pdf")
    assert reply.headers["Content-Type"] == "application/pdf"
    assert reply.headers["Content-Disposition"].startswith('attachment; filename="problem.en')
    assert "sandbox" in reply.headers["Content-Security-Policy"]


def test_practice_offers_the_same(tmp_path: Path) -> None:
    """Before a contest starts, a library package is open for practice: its page offers
    the same samples and attachments."""
    logins = make_contest(tmp_path, start=False, teams=1)
    import_package(PACKAGES / "samples", Config.build(data_dir=tmp_path).library_dir)
    with server_thread(tmp_path) as base:
        client = team(base, logins)
        (pid,) = re.findall(r'data-problem="([^"]+)"', client.get("/practice").text)
        text = client.get(f"/practice/problems/{pid}/").text
        assert "n = 500 (shown)" in text and "attachments/testing_tool.py" in text
        assert client.get(f"/practice/problems/{pid}/samples/1.in").body == \
            (SAMPLE / "2.in.download").read_bytes()
        reply = client.get(f"/practice/problems/{pid}/attachments/testing_tool.py")
        assert reply.status == 200 and reply.headers["Content-Disposition"].startswith(
            'attachment; filename="testing_tool.py"')
