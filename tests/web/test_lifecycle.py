"""A real `podium serve` killed and stopped while it judges: after `kill -9` the restarted
server takes back at once the leases its earlier life held (not when they expire); SIGTERM
with event-feed and /live streams open ends the process promptly, the streams closed by the
server, and nothing is lost or judged twice; SIGTERM while quick judgings follow each other
(a used sandbox being reset for the next) stops as promptly and warns of nothing."""

from __future__ import annotations

import http.client
import signal
import sqlite3
import subprocess
import threading
import time
import urllib.parse
import urllib.request
from datetime import datetime
from pathlib import Path

import pytest

from appliance.doctor.findings import flagged, host_findings
from appliance.doctor.machine import pool_cpus
from appliance.store import Store
from tests.paths import PACKS
from tests.webserver import as_user, make_contest, spawn_server

pytestmark = pytest.mark.docker

SUM = PACKS / "sum/submissions"
SOURCES = [("accepted/sum.py", "python3"), ("accepted/sum.c", "c"),
           ("time_limit_exceeded/sum_count.cpp", "cpp"), ("wrong_answer/sum_int32.c", "c")]
# Accepted, but slow to judge: 0.6 s of sleep on each of the 12 tests (outside the CPU limit).
SLOW = b"import time\ntime.sleep(0.6)\na, b = map(int, input().split())\nprint(a + b)\n"
BOUND_S = 150  # generous: the test is about what happens, never how fast


def queue_submissions(data: Path, count: int, slow: int = 0) -> list[int]:
    """`slow` slow submissions then `count` others of contest "test", waiting in the store
    before the server starts (the slow ones are claimed first)."""
    sources = [(SLOW, "slow.py", "python3")] * slow + [
        ((SUM / name).read_bytes(), Path(name).name, language)
        for name, language in (SOURCES[i % len(SOURCES)] for i in range(count))]
    with Store.open(data) as store:
        return [store.submit(contest_id="test", team_id=f"team{i % 3 + 1:03d}",
                             problem_id="sum", language_id=language, source=source,
                             file_name=name, time=datetime.now().astimezone().isoformat(),
                             contest_time=float(i))
                for i, (source, name, language) in enumerate(sources)]


def rows(data: Path, sql: str, params: tuple = ()) -> list[tuple]:
    with sqlite3.connect(data / "podium.db", timeout=30) as db:
        return db.execute(sql, params).fetchall()


def wait_for(what, bound: float = BOUND_S, every: float = 0.05):
    """Poll `what()` until it is true; its value (fails after `bound` seconds)."""
    deadline = time.monotonic() + bound
    while not (value := what()):
        assert time.monotonic() < deadline, "waited in vain"
        time.sleep(every)
    return value


def judgements_per_submission(data: Path) -> dict[int, int]:
    return dict(rows(data, "SELECT s.id, count(j.id) FROM submissions s LEFT JOIN judgements j "
                           "ON j.submission_id = s.id WHERE s.contest_id = 'test' "
                           "GROUP BY s.id"))


def all_judged(data: Path) -> bool:
    return rows(data, "SELECT count(*) FROM submissions WHERE contest_id = 'test' AND "
                      "status != 'judged'") == [(0,)]


def stop(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGTERM)
    process.wait(90)


def test_a_restart_after_kill_9_takes_back_the_leases_at_once(tmp_path: Path) -> None:
    data = tmp_path / "data"
    make_contest(data, problems=("sum",))
    ids = queue_submissions(data, 6, slow=2)
    first, _ = spawn_server(data, "--pool-size", "2")
    try:
        wait_for(lambda: rows(data, "SELECT 1 FROM submissions WHERE status = 'judging' "
                                    "AND id IN (?, ?)", tuple(ids[:2])))
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait(30)
    stranded = rows(data, "SELECT id, worker, lease_until FROM submissions "
                          "WHERE status = 'judging'")
    assert stranded
    assert all(worker.split(" ")[0].split(":")[1] == str(first.pid) for _, worker, _ in stranded)
    second, _ = spawn_server(data, "--pool-size", "2", log_name="serve2.log")
    try:
        wait_for(lambda: all_judged(data))
    finally:
        stop(second)
    assert judgements_per_submission(data) == dict.fromkeys(ids, 1)  # none lost, none twice
    log = (data / "serve2.log").read_text()
    assert f"recovery: {len(stranded)} submission(s) given back" in log
    for sid, _, lease_until in stranded:  # claimed again while the dead lease still ran
        ((claimed,),) = rows(data, "SELECT start_time FROM judgements WHERE submission_id = ?",
                             (sid,))
        assert datetime.fromisoformat(claimed).timestamp() < lease_until


class Stream:
    """An open stream (the event feed as a tool reads it, or /live) read on a thread until
    the server ends it."""

    def __init__(self, base: str, path: str, auth: str | None = None) -> None:
        url = urllib.parse.urlsplit(base)
        self.connection = http.client.HTTPConnection(url.hostname, url.port, timeout=BOUND_S)
        self.connection.request("GET", path, headers={"Authorization": auth} if auth else {})
        self.response = self.connection.getresponse()
        assert self.response.status == 200
        self.ended = threading.Event()
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self) -> None:
        try:
            while self.response.read1(65536):
                pass
        except (OSError, http.client.HTTPException):  # cut off: the server ended it rudely
            pass
        self.ended.set()


def test_sigterm_with_open_streams_while_judging_stops_and_loses_nothing(
        tmp_path: Path) -> None:
    data = tmp_path / "data"
    logins = make_contest(data, problems=("sum",))
    ids = queue_submissions(data, 10, slow=2)
    process, base = spawn_server(data, "--pool-size", "2")
    try:
        jury = as_user((base, logins, data), "jury").auth
        streams = [Stream(base, "/api/contests/test/event-feed", jury) for _ in range(3)]
        streams.append(Stream(base, "/live"))
        wait_for(lambda: rows(data, "SELECT 1 FROM submissions WHERE status = 'judging' "
                                    "AND id IN (?, ?)", tuple(ids[:2])))
        time.sleep(1)  # compiled and running: its judging lasts longer than the stop's grace
        process.send_signal(signal.SIGTERM)
        process.wait(60)  # a bound, not the figure: bench/shutdown.py measures the stop
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0
    assert all(stream.ended.wait(5) for stream in streams)
    log = (data / "serve.log").read_text()
    assert "stopped in" in log and "open stream(s) ended" in log
    warned = [line for line in log.splitlines() if "WARNING" in line]
    assert all("doctor: " in line for line in warned)  # given back quietly: only the start's
    assert "exit status 137" not in log
    # the start warned about what `podium doctor` flags here (load aside: it changes)
    assert all(f"doctor: {x.key}: " in log for x in flagged(host_findings(Path("/"),
                                                                         pool_cpus(2)))
               if x.key != "load")
    states = dict(rows(data, "SELECT status, count(*) FROM submissions "
                             "WHERE contest_id = 'test' GROUP BY status"))
    assert set(states) <= {"judged", "queued"}  # nothing left under a lease
    assert "given back to the queue" in log
    assert rows(data, "SELECT count(*) FROM submissions WHERE id IN (?, ?) AND status = "
                      "'queued' AND attempt = 0", tuple(ids[:2])) != [(0,)]  # uncounted
    judged_before = {sid for sid, n in judgements_per_submission(data).items() if n}
    again, _ = spawn_server(data, "--pool-size", "2", log_name="serve2.log")
    try:
        wait_for(lambda: all_judged(data))
    finally:
        stop(again)
    assert judgements_per_submission(data) == dict.fromkeys(ids, 1)
    assert judged_before < set(ids)  # some were still queued or given back at the stop
    assert "recovery:" not in (data / "serve2.log").read_text()  # nothing was stranded


def test_sigusr1_logs_every_threads_stack_and_the_server_goes_on(tmp_path: Path) -> None:
    """What an operator does when a stop or a judging seems stuck: `kill -USR1 PID`."""
    data = tmp_path / "data"
    make_contest(data, problems=("sum",))
    process, base = spawn_server(data, "--no-judge")
    try:
        process.send_signal(signal.SIGUSR1)
        wait_for(lambda: "most recent call first" in (data / "serve.log").read_text(), 30)
        assert "cli/serve.py" in (data / "serve.log").read_text()  # the main thread's stack
        with urllib.request.urlopen(base + "/api", timeout=10) as answer:
            assert answer.status == 200
    finally:
        stop(process)
    assert process.returncode == 0


def test_sigterm_while_sandboxes_are_reset_between_quick_judgings_stops_quietly(
        tmp_path: Path) -> None:
    data = tmp_path / "data"
    make_contest(data, problems=("sum",))
    queue_submissions(data, 40)  # judged back to back: a used sandbox is being reset
    process, _ = spawn_server(data, "--pool-size", "2")
    try:
        wait_for(lambda: rows(data, "SELECT count(*) FROM submissions WHERE contest_id = "
                                    "'test' AND status = 'judged'")[0][0] >= 6)
        process.send_signal(signal.SIGTERM)
        process.wait(60)  # a bound, not the figure
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0
    log = (data / "serve.log").read_text()
    assert "stopped in" in log
    assert all("doctor: " in line for line in log.splitlines() if "WARNING" in line)
    states = dict(rows(data, "SELECT status, count(*) FROM submissions "
                             "WHERE contest_id = 'test' GROUP BY status"))
    assert set(states) <= {"judged", "queued"}  # nothing left under a lease
