"""The health figures without a server: slot use on a given clock, the store's figures on a
real SQLite file, who may read /metrics, and `podium status`'s reading and table."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest
from prometheus_client import generate_latest
from prometheus_client.parser import text_string_to_metric_families
from rich.console import Console

from appliance.clics.times import iso_time
from appliance.judging.queue import JudgeQueue
from appliance.judging.slot_use import SlotFigures, SlotUse
from appliance.metrics.collectors import (
    LATENCY_BUCKETS,
    JudgingFigures,
    LatencyTally,
    server_registry,
    store_registry,
)
from appliance.metrics.status import Status, StatusError, parse_status
from appliance.store import Store
from cli.report import print_status
from judge.judging import Judgement
from judge.verdicts import Verdict
from tests.webserver import make_contest
from web.auth import User
from web.metrics import is_local, may_read

NOW = 1_700_000_000.0


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_slot_use_counts_busy_seconds_per_slot_including_a_judging_under_way() -> None:
    clock = Clock()
    use = SlotUse(2, clock)
    with use.busy(1):
        clock.now += 3.0
        assert use.figures() == SlotFigures(2, 1, (0.0, 3.0))
        clock.now += 1.5
    clock.now += 10.0  # idle time counts for nothing
    assert use.figures() == SlotFigures(2, 0, (0.0, 4.5))
    with pytest.raises(RuntimeError), use.busy(0):  # a failed judging still ends its time
        clock.now += 2.0
        raise RuntimeError("sandbox gone")
    assert use.figures() == SlotFigures(2, 0, (2.0, 4.5))


def samples(text: str) -> dict[tuple[str, tuple], float]:
    """(sample name, sorted labels) -> value, as prometheus_client's parser reads the text."""
    return {(s.name, tuple(sorted(s.labels.items()))): s.value
            for family in text_string_to_metric_families(text) for s in family.samples}


@pytest.fixture
def store(tmp_path: Path):
    make_contest(tmp_path, teams=2)
    with Store.open(tmp_path) as opened:
        yield opened


def submit(store: Store, at: float) -> int:
    return store.submit(contest_id="test", team_id="team001", problem_id="sum",
                        language_id="python3", source=f"print({at})".encode(),
                        file_name="a.py", time=iso_time(at), contest_time=60.0)


def judge(store: Store, verdict: Verdict, at: float) -> None:
    queue = JudgeQueue(store)
    claim = queue.claim("w", 60.0, at - 0.5)
    assert claim is not None
    assert queue.complete(claim, Judgement(verdict, time=0.1), at)


def test_store_figures_follow_the_queue_verdicts_and_first_judgements(store: Store) -> None:
    registry = store_registry(store, "test")
    first = samples(generate_latest(registry).decode())
    assert first[("podium_queue_depth", (("state", "queued"),))] == 0
    assert first[("podium_judging_latency_seconds_count", ())] == 0
    assert {v.value for v in Verdict} == {dict(k[1])["verdict"] for k in first
                                          if k[0] == "podium_submissions_judged"}

    sid = submit(store, NOW)
    submit(store, NOW + 1)
    queued = samples(generate_latest(registry).decode())
    assert queued[("podium_queue_depth", (("state", "queued"),))] == 2

    judge(store, Verdict.WA, NOW + 3.0)  # 3 s after its arrival
    judge(store, Verdict.AC, NOW + 1 + 40.0)  # 40 s
    after = samples(generate_latest(registry).decode())
    assert after[("podium_queue_depth", (("state", "queued"),))] == 0
    assert after[("podium_submissions_judged", (("verdict", "WA"),))] == 1
    assert after[("podium_submissions_judged", (("verdict", "AC"),))] == 1
    assert after[("podium_judging_latency_seconds_count", ())] == 2
    assert after[("podium_judging_latency_seconds_sum", ())] == pytest.approx(43.0, abs=0.01)
    bucket = {float(dict(k[1])["le"]): v for k, v in after.items()
              if k[0] == "podium_judging_latency_seconds_bucket"}
    assert [bucket[b] for b in (2.0, 5.0, 30.0, 60.0, math.inf)] == [0, 1, 1, 2, 2]

    # A rejudging changes the verdict counted, not the latency of the first judgement.
    assert JudgeQueue(store).rejudge(sid)
    assert samples(generate_latest(registry).decode())[
        ("podium_queue_depth", (("state", "queued"),))] == 1
    judge(store, Verdict.AC, NOW + 500.0)
    rejudged = samples(generate_latest(registry).decode())
    assert rejudged[("podium_submissions_judged", (("verdict", "AC"),))] == 2
    assert rejudged[("podium_submissions_judged", (("verdict", "WA"),))] == 0
    assert rejudged[("podium_judging_latency_seconds_count", ())] == 2
    assert rejudged[("podium_judging_latency_seconds_sum", ())] == pytest.approx(43.0, abs=0.01)


def test_another_contest_in_the_store_is_not_counted(store: Store) -> None:
    submit(store, NOW)
    figures = samples(generate_latest(store_registry(store, "other")).decode())
    assert figures[("podium_queue_depth", (("state", "queued"),))] == 0


def test_judging_figures_of_this_process(store: Store) -> None:
    idle = samples(generate_latest(server_registry(store, "test", lambda: None)).decode())
    assert idle[("podium_judging_slots", ())] == 0
    assert idle[("podium_sandbox_failures_total", (("kind", "start"),))] == 0
    figures = JudgingFigures(SlotFigures(2, 1, (12.5, 3.0)), {"dead": 1, "judging": 4})
    text = generate_latest(server_registry(store, "test", lambda: figures)).decode()
    busy = samples(text)
    assert busy[("podium_judging_slots", ())] == 2
    assert busy[("podium_judging_slots_busy", ())] == 1
    assert busy[("podium_judging_busy_seconds_total", (("slot", "0"),))] == 12.5
    assert busy[("podium_sandbox_failures_total", (("kind", "dead"),))] == 1
    assert busy[("podium_sandbox_failures_total", (("kind", "judging"),))] == 4
    assert busy[("podium_sandbox_failures_total", (("kind", "start"),))] == 0
    assert ("process_start_time_seconds", ()) in busy


@pytest.mark.parametrize(("remote", "headers", "local"), [
    ("127.0.0.1", {}, True),
    ("127.8.9.10", {}, True),
    ("::1", {}, True),
    ("::ffff:127.0.0.1", {}, True),
    ("127.0.0.1", {"X-Forwarded-For": "10.0.0.7"}, False),  # a proxy on this machine
    ("127.0.0.1", {"Forwarded": "for=10.0.0.7"}, False),
    ("10.0.0.7", {}, False),
    ("192.0.2.2", {}, False),
    (None, {}, False),
    ("unix-socket-peer", {}, False),
])
def test_only_the_loopback_address_without_a_proxy_is_local(remote, headers, local) -> None:
    assert is_local(remote, headers) is local


@pytest.mark.parametrize(("account", "local", "allowed"), [
    (None, True, True), (None, False, False),
    ("team", True, False), ("team", False, False),  # a team's session grants nothing
    ("judge", False, True), ("admin", False, True), ("analyst", False, False),
])
def test_who_may_read_the_metrics(account, local, allowed) -> None:
    user = None if account is None else User("a", "a", account, None)
    assert may_read(user, local) is allowed


def test_status_reads_the_servers_text_back(store: Store) -> None:
    submit(store, NOW)
    judge(store, Verdict.TLE, NOW + 7.0)
    submit(store, NOW + 1)
    started = NOW - 100.0
    figures = JudgingFigures(SlotFigures(2, 1, (30.0, 20.0)), {"start": 2})
    text = generate_latest(server_registry(store, "test", lambda: figures)).decode()
    text = re.sub(r"(?m)^process_start_time_seconds .*$", f"process_start_time_seconds {started}",
                  text)
    status = parse_status(text)
    assert (status.queued, status.judging) == (1, 0)
    assert status.verdicts["TLE"] == 1 and status.verdicts["AC"] == 0
    assert status.latency_count == 1 and status.latency_quantile(0.5) == 10.0
    assert (status.slots, status.slots_busy) == (2, 1)
    assert status.sandbox_failures == {"start": 2, "dead": 0, "judging": 0}
    assert status.utilisation(NOW) == pytest.approx(50.0 / (2 * 100.0))
    assert status.requests == {}

    from_store = parse_status(generate_latest(store_registry(store, "test")).decode())
    assert from_store.slots is None and from_store.requests is None
    assert from_store.latency_count == 1


def test_status_refuses_what_is_not_podiums_figures() -> None:
    with pytest.raises(StatusError, match="not a Podium"):
        parse_status("# TYPE up gauge\nup 1\n")
    with pytest.raises(StatusError, match="not Prometheus text"):
        parse_status("<html>login</html>\n")


def test_latency_quantiles_are_bucket_bounds() -> None:
    status = Status(0, 0, {}, 4, 100.0, ((1.0, 1), (5.0, 3), (600.0, 3)))
    assert status.latency_quantile(0.25) == 1.0
    assert status.latency_quantile(0.5) == 5.0
    assert status.latency_quantile(1.0) == math.inf  # the slowest is past the last bound
    assert Status(0, 0, {}, 0, 0.0, ()).latency_quantile(0.5) is None
    assert LATENCY_BUCKETS == tuple(sorted(LATENCY_BUCKETS))


def test_status_table_shows_every_figure() -> None:
    status = Status(queued=3, judging=1, verdicts={"AC": 5, "WA": 2}, latency_count=7,
                    latency_sum=21.0, latency_buckets=((2.0, 3), (5.0, 7)), slots=2,
                    slots_busy=1, busy_seconds={"0": 40.0, "1": 20.0},
                    sandbox_failures={"start": 0, "dead": 1, "judging": 0},
                    requests={("/api/contests/{cid}/submissions", "201"): 7,
                              ("/metrics", "200"): 2}, started=NOW - 60.0)
    console = Console(record=True, width=120)
    print_status(console, status, "http://podium:8080", NOW)
    text = console.export_text()
    for shown in ("3 queued, 1 judging", "7 first judgements", "mean 3.0 s", "p50 ≤ 5 s",
                  "1 of 2 busy now", "50% busy since the server started", "slot 0: 40.0",
                  "dead 1", "/api/contests/{cid}/submissions", "201", "Wrong Answer"):
        assert shown in text, shown

    console = Console(record=True, width=120)
    print_status(console, Status(0, 0, {}, 0, 0.0, ()), "the store", NOW)
    assert "only a running server counts this" in console.export_text()


def test_latency_tally_counts_each_submissions_first_judgement_once() -> None:
    tally = LatencyTally((1.0, 5.0))
    tally.add(1, 10, 0.4)
    tally.add(2, 11, 1.0)  # on a bound: in that bucket (le)
    tally.add(3, 10, 99.0)  # submission 10 again (a rejudging): not a wait
    tally.add(4, 12, 7.0)
    assert tally.buckets() == [("1.0", 2), ("5.0", 2), ("+Inf", 3)]
    assert tally.total == pytest.approx(8.4) and tally.last_id == 4
