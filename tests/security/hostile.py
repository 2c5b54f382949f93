"""What the web's security tests share: a contest whose `sum` package is hostile (a script
in an SVG image of its statement, a colour that is CSS), a second site on another port
(the attacker's pages), and Chromium."""

from __future__ import annotations

import http.server
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from appliance.config import Config
from appliance.contest.control import control
from appliance.contest.setup import import_contest, quick_contest
from appliance.store import Store
from tests.paths import PACKS
from tests.webserver import handler_server

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]
# Run in the page that opens it, the image marks the document, then, as Podium, reads a
# page's CSRF token and pauses the contest.
SVG = b"""<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">
<script>
document.documentElement.setAttribute("data-ran", "yes");
fetch("/problems").then(r => r.text()).then(page => {
  const csrf = page.match(/name="csrf" value="([^"]+)"/)[1];
  document.documentElement.setAttribute("data-csrf", csrf);
  return fetch("/api/contests/test/jury/clock", {method: "POST",
    headers: {"Content-Type": "application/json", "X-CSRF-Token": csrf},
    body: JSON.stringify({operation: "pause"})});
});
</script><rect width="10" height="10"/></svg>
"""
BAD_RGB = "red; position: fixed; inset: 0; z-index: 99"


def hostile_contest(data: Path, teams: int = 2) -> dict[str, str]:
    """Contest "test", started, of a `sum` whose statement folder holds `evil.svg`, and a
    stored colour that is CSS (as a store written before colours were checked holds it);
    its logins."""
    pack = data.parent / f"{data.name}-packs" / "sum"
    shutil.copytree(PACKS / "sum", pack)
    (pack / "statement" / "evil.svg").write_bytes(SVG)
    config = Config.build(data_dir=data)
    package = quick_contest("Test", [pack], teams)
    with Store.open(data) as store:
        import_contest(store, package, config.library_dir)
        store.write(lambda db: db.execute("UPDATE problems SET rgb = ?", [BAD_RGB]))
        control(store, "test", "start", datetime.now(UTC), datetime.now(UTC))
    return {a.username: a.password for a in package.accounts}


@contextmanager
def other_site(pages: dict[str, str], host: str = "127.0.0.1") -> Iterator[str]:
    """An attacker's web site on another port: `pages` (path -> HTML); its base URL."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the standard library's name
            body = pages.get(self.path, "").encode()
            self.send_response(200 if self.path in pages else 404)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    with handler_server(Handler, host) as base:
        yield base


@contextmanager
def chromium():
    """Debian's Chromium through Playwright (no browser download)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()
