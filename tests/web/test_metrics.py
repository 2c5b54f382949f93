"""`/metrics` and `podium status` against real servers judging real submissions in Docker:
the text parses with prometheus_client's parsers, the figures move as submissions are
judged, and only the jury or a scraper on the server's own machine may read them."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from prometheus_client.openmetrics.parser import (
    text_string_to_metric_families as openmetrics_families,
)
from prometheus_client.parser import text_string_to_metric_families

from cli.main import main
from tests.webserver import (
    A_PLUS_B,
    REPO,
    Client,
    as_user,
    free_port,
    make_contest,
    server_process,
    server_thread,
    submission_body,
)

pytestmark = pytest.mark.docker

SUBMISSIONS = "/api/contests/test/submissions"
A_MINUS_B = b"a, b = map(int, input().split())\nprint(a - b)\n"
BROKEN_C = b"int main( {\n"
Figures = dict[tuple[str, tuple], float]


def scrape(client: Client) -> Figures:
    """(sample name, sorted labels) -> value of the server's /metrics."""
    reply = client.get("/metrics")
    assert reply.status == 200, reply.text
    assert reply.headers["Content-Type"].startswith("text/plain; version=0.0.4")
    return {(s.name, tuple(sorted(s.labels.items()))): s.value
            for family in text_string_to_metric_families(reply.text) for s in family.samples}


def value(figures: Figures, name: str, **labels: str) -> float:
    return figures.get((name, tuple(sorted(labels.items()))), 0.0)


def wait_until_judged(client: Client, judged: float, timeout_s: float = 180.0) -> Figures:
    """The figures once `judged` first judgements are recorded and nothing waits."""
    deadline = time.monotonic() + timeout_s
    while True:
        figures = scrape(client)
        waiting = sum(value(figures, "podium_queue_depth", state=s) for s in ("queued",
                                                                              "judging"))
        if value(figures, "podium_judging_latency_seconds_count") >= judged and not waiting:
            return figures
        assert time.monotonic() < deadline, f"not judged in time: {figures}"
        time.sleep(0.3)


def submit(contest, team: str, source: bytes, language: str, name: str) -> None:
    reply = as_user(contest, team).post_json(SUBMISSIONS, submission_body("sum", language,
                                                                          source, name))
    assert reply.status == 200, reply.text


@pytest.fixture(scope="module")
def contest(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict, Path]]:
    data = tmp_path_factory.mktemp("web-metrics")
    logins = make_contest(data, teams=3)
    with server_process(data, "--pool-size", "2") as base:
        yield base, logins, data


@pytest.fixture(scope="module")
def judged(contest) -> tuple[Figures, Figures]:
    """The figures before and after three submissions were judged for real."""
    local = Client(contest[0])  # the test runs on the server's machine: loopback
    before = wait_until_judged(local, 0)  # the server's pool may still be warming up
    submit(contest, "team001", A_PLUS_B, "python3", "a.py")
    submit(contest, "team002", A_MINUS_B, "python3", "a.py")
    submit(contest, "team003", BROKEN_C, "c", "a.c")
    after = wait_until_judged(local, value(before, "podium_judging_latency_seconds_count") + 3)
    return before, after


def test_verdict_counts_and_latency_move_when_submissions_are_judged(judged) -> None:
    before, after = judged
    moved = {v: value(after, "podium_submissions_judged", verdict=v)
             - value(before, "podium_submissions_judged", verdict=v)
             for v in ("AC", "WA", "TLE", "MLE", "OLE", "RTE", "CE", "JE")}
    assert moved == {"AC": 1, "WA": 1, "TLE": 0, "MLE": 0, "OLE": 0, "RTE": 0, "CE": 1,
                     "JE": 0}
    latency = "podium_judging_latency_seconds"
    assert value(after, f"{latency}_count") - value(before, f"{latency}_count") == 3
    assert value(after, f"{latency}_sum") > value(before, f"{latency}_sum")
    assert value(after, f"{latency}_bucket", le="+Inf") == value(after, f"{latency}_count")
    assert value(after, "podium_queue_depth", state="queued") == 0


def test_slots_are_used_and_the_submissions_counted_by_route(judged) -> None:
    before, after = judged
    assert value(after, "podium_judging_slots") == 2
    assert value(after, "podium_judging_slots_busy") == 0  # all judged: idle again

    def busy(figures: Figures) -> float:
        return sum(v for (name, _), v in figures.items()
                   if name == "podium_judging_busy_seconds_total")

    assert busy(after) > busy(before)
    assert all(("podium_sandbox_failures_total", (("kind", k),)) in after
               for k in ("start", "dead", "judging"))
    posted = {"method": "POST", "route": "/api/contests/{cid}/submissions", "status": "200"}
    assert value(after, "podium_http_requests_total", **posted) \
        - value(before, "podium_http_requests_total", **posted) == 3
    scrapes = {"method": "GET", "route": "/metrics", "status": "200"}
    assert value(after, "podium_http_requests_total", **scrapes) \
        > value(before, "podium_http_requests_total", **scrapes)
    routes = {dict(labels)["route"] for name, labels in after
              if name == "podium_http_requests_total"}
    assert not any("/test" in route for route in routes), routes  # patterns, never paths


def test_openmetrics_is_served_to_a_scraper_that_asks_for_it(contest) -> None:
    reply = Client(contest[0]).get("/metrics", headers={
        "Accept": "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5"})
    assert reply.headers["Content-Type"].startswith("application/openmetrics-text")
    names = {family.name for family in openmetrics_families(reply.text)}
    assert {"podium_queue_depth", "podium_judging_latency_seconds",
            "podium_http_requests"} <= names


def test_the_jury_may_read_the_metrics_and_a_team_may_not(contest) -> None:
    assert as_user(contest, "jury").get("/metrics").status == 200
    assert as_user(contest, "team001").get("/metrics").status == 403
    assert Client(contest[0], "jury", "not-the-password").get("/metrics").status == 401
    team = Client(contest[0])
    assert team.login("team001", contest[1]["team001"]).status == 303
    assert team.get("/metrics").status == 403  # a team's session from this machine too


def test_a_request_relayed_by_a_proxy_on_this_machine_is_not_local(contest) -> None:
    reply = Client(contest[0]).get("/metrics", headers={"X-Forwarded-For": "10.1.2.3"})
    assert reply.status == 401 and "Basic" in reply.headers["WWW-Authenticate"]


def outward_address() -> str:
    """This machine's address on its default route (not loopback)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        try:
            sock.connect(("192.0.2.1", 9))  # UDP: nothing is sent, the kernel picks a route
        except OSError:
            pytest.skip("this machine has no address but loopback")
        return sock.getsockname()[0]


def test_from_another_address_the_metrics_need_a_jury_account(contest) -> None:
    # A server bound to this machine's outward address sees the test's requests come from
    # that address, as a scraper's on the LAN would: not loopback.
    address = outward_address()
    assert not address.startswith("127.")
    with server_thread(contest[2], host=address) as base:
        assert Client(base).get("/metrics").status == 401
        assert Client(base, "jury", contest[1]["jury"]).get("/metrics").status == 200
        assert Client(base, "team001", contest[1]["team001"]).get("/metrics").status == 403


def test_podium_status_prints_the_servers_figures(contest, judged) -> None:
    base, logins, data = contest
    result = CliRunner().invoke(main, ["status", "--server", base], terminal_width=120)
    assert result.exit_code == 0, result.output
    out = result.output
    assert "0 queued, 0 judging" in out and "of 2 busy now" in out
    assert re.search(r"AC Accepted\s*│\s*1\b", out) and re.search(r"CE Compile Error\s*│\s*1\b",
                                                                 out)
    assert re.search(r"(\d+) first judgements", out).group(1) == \
        str(int(value(judged[1], "podium_judging_latency_seconds_count")))
    assert "/api/contests/{cid}/submissions" in out
    with_jury = CliRunner().invoke(main, ["status", "--server", base, "--user", "jury",
                                          "--password", logins["jury"]])
    assert with_jury.exit_code == 0 and "0 queued, 0 judging" in with_jury.output

    from_store = CliRunner().invoke(main, ["status", "--data", str(data)], terminal_width=120)
    assert from_store.exit_code == 0, from_store.output
    assert re.search(r"AC Accepted\s*│\s*1\b", from_store.output)
    assert "only a running server counts this" in from_store.output


def test_podium_status_says_what_is_wrong(contest, tmp_path: Path) -> None:
    base, logins, _ = contest

    def status(*args: str):
        return CliRunner().invoke(main, ["status", *args])

    wrong = status("--server", base, "--user", "jury", "--password", "nope")
    assert wrong.exit_code == 1 and "wrong user name or password for 'jury'" in wrong.output
    team = status("--server", base, "--user", "team001", "--password", logins["team001"])
    assert team.exit_code == 1 and "'team001' is not a jury account" in team.output
    down = status("--server", f"http://127.0.0.1:{free_port()}")
    assert down.exit_code == 1 and "is `podium serve` running?" in down.output
    assert "Traceback" not in down.output
    nothing = status("--data", str(tmp_path / "none"))
    assert nothing.exit_code == 2 and "no Podium store in" in nothing.output
    assert not (tmp_path / "none").exists()


def test_a_dispatcher_in_another_process_moves_the_stores_figures_only(
        tmp_path: Path) -> None:
    """`podium serve --no-judge` beside `podium dispatch`: the queue, verdicts and latency
    come from the store, so they move; the slots are the other process's, so they stay 0."""
    logins = make_contest(tmp_path, teams=1)
    with server_thread(tmp_path) as base:
        contest = (base, logins, tmp_path)
        local = Client(base)
        submit(contest, "team001", A_PLUS_B, "python3", "a.py")
        submit(contest, "team001", A_MINUS_B, "python3", "b.py")
        waiting = scrape(local)
        assert value(waiting, "podium_queue_depth", state="queued") == 2
        assert value(waiting, "podium_judging_slots") == 0
        subprocess.run([sys.executable, "-m", "cli", "dispatch", "--until-empty",
                        "--pool-size", "1", "--data", str(tmp_path)], cwd=REPO, check=True,
                       timeout=300, capture_output=True)
        done = scrape(local)
    assert value(done, "podium_queue_depth", state="queued") == 0
    assert value(done, "podium_submissions_judged", verdict="AC") == 1
    assert value(done, "podium_submissions_judged", verdict="WA") == 1
    assert value(done, "podium_judging_latency_seconds_count") == 2
    assert value(done, "podium_judging_slots") == 0
    assert not any(name == "podium_judging_busy_seconds_total" for name, _ in done)
