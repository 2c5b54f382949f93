"""A source past the limit is refused with one clear message naming its real size and the
limit: on the submit page (the form comes back saying so) and in the API, whether it fits in
a request or the request itself is past what the server reads."""

from __future__ import annotations

import base64
import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.web.test_browser import browser, log_in  # noqa: F401 - the browser fixture
from tests.webserver import as_user, make_contest, server_thread, submission_body

SHOTS = Path("/tmp/pages1-shots")
LIMIT = "at most 262,144 bytes (256 KiB)"
MIB = 1024 * 1024
READS = re.escape("; this server reads at most 2,097,152 bytes (2 MiB), and a source may be "
                  + LIMIT)


@pytest.fixture(scope="module")
def contest(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict, Path]]:
    data = tmp_path_factory.mktemp("source-size")
    logins = make_contest(data, teams=2)
    with server_thread(data) as base:
        yield base, logins, data


def deflated(name: str, data: bytes) -> str:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, data)
    return base64.b64encode(buffer.getvalue()).decode()


def test_the_api_says_the_sources_real_size_and_the_limit(contest) -> None:
    team = as_user(contest, "team001")
    url = "/api/contests/test/submissions"
    one = team.post_json(url, submission_body("sum", "python3", b"#" * MIB, "a.py"))
    assert one.status == 413
    assert one.json()["message"] == f"the source is 1,048,576 bytes (1 MiB); {LIMIT} are accepted"

    packed = team.post_json(url, {"problem_id": "sum", "language_id": "python3", "files": [
        {"data": deflated("a.py", b"#" * (10 * MIB))}]})  # a small zip of a 10 MiB source
    assert packed.status == 413
    assert packed.json()["message"] == (f"the source is 10,485,760 bytes (10 MiB); {LIMIT} "
                                        "are accepted")

    ten = team.post_json(url, submission_body("sum", "python3", b"#" * (10 * MIB), "a.py"))
    assert ten.status == 413
    said = ten.json()["message"]
    assert re.fullmatch(r"the request is 13,98\d,\d{3} bytes \(13\.3 MiB\)" + READS, said)
    assert "Maximum request body size" not in ten.text


def test_the_submit_page_says_the_sources_real_size_and_the_limit(
        contest, browser) -> None:  # noqa: F811 - the fixture
    base, logins, _ = contest
    SHOTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1100, "height": 700})
    log_in(page, base, "team002", logins["team002"])
    page.goto(base + "/submit?problem=sum")
    page.select_option("#language", "python3")
    page.set_input_files("#file", {"name": "big.py", "mimeType": "text/x-python",
                                   "buffer": b"#" * MIB})
    with page.expect_navigation() as sent:
        page.click("#submit-button")
    assert sent.value.status == 413
    said = page.locator("#submit-error").inner_text()
    assert said == f"the source is 1,048,576 bytes (1 MiB); {LIMIT} are accepted"
    assert page.locator("#submit-form").count() == 1  # the form again, to try once more
    assert page.locator("#language").input_value() == "python3"
    page.screenshot(path=str(SHOTS / "source-1mib.png"))

    page.goto(base + "/submit?problem=sum")
    page.set_input_files("#file", {"name": "huge.py", "mimeType": "text/x-python",
                                   "buffer": b"#" * (10 * MIB)})
    with page.expect_navigation() as sent:
        page.click("#submit-button")
    assert sent.value.status == 413
    said = page.locator("p.error").inner_text()
    assert re.fullmatch(r"the request is 10,48\d,\d{3} bytes \(10 MiB\)" + READS, said)
    assert "Maximum request body size" not in page.content()
    page.screenshot(path=str(SHOTS / "source-10mib.png"))
    page.close()
