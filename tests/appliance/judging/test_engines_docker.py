"""A real `podium serve` judging on two Docker engines of this machine: the usual one, and a
second dockerd of its own listening with TLS on tcp, which shares nothing with the server
but the Docker API (the runner in its image, the data sent to its volume). It is added with
`podium engine add` (checked, its toolchains kept); work is spread over both; killing the
second mid-contest loses nothing and its work is judged on the first; restarted, it is
checked again and rejoins; a drained engine takes no new work; an engine whose toolchain
version changed since it was added is refused on rejoining, naming both versions."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from appliance.clics.times import iso_time
from appliance.store import Store
from appliance.text.counts import count
from judge.engines import local_url
from tests.dockerd import Dockerd
from tests.paths import PACKS, REPO
from tests.webserver import make_contest, server_process

pytestmark = [pytest.mark.docker,
              pytest.mark.skipif(shutil.which("dockerd") is None, reason="no dockerd here")]

SOURCES = [  # (file, the verdict it earns on "sum"), Python alone: quick to judge
    (PACKS / "sum/submissions/accepted/sum.py", "AC"),
    (PACKS / "sum/submissions/wrong_answer/sum_difference.py", "WA"),
    (PACKS / "hello/submissions/run_time_error/hello_exit1.py", "RTE"),
    (PACKS / "sum/submissions/accepted/sum.py", "AC"),
]
WAIT_S = 300.0  # bound of every wait: a loaded 2-core machine judges slowly
FIRST = local_url({})  # the machine's usual engine


@pytest.fixture(scope="module")
def second_engine() -> Iterator[Dockerd]:
    engine = Dockerd(tls=True)
    try:
        engine.start()
        yield engine
    finally:
        engine.remove()


@pytest.fixture(scope="module")
def contest(tmp_path_factory: pytest.TempPathFactory,
            second_engine: Dockerd) -> Iterator[tuple[Path, Store]]:
    data = tmp_path_factory.mktemp("engines") / "data"
    make_contest(data, problems=("sum",), teams=4)
    added = podium(data, "engine", "add", second_engine.url, "--cert-path",
                   str(second_engine.cert_path), "--slots", "1", "--only", "python3")
    assert added.returncode == 0, added.stdout + added.stderr
    with Store.open(data) as store, server_process(data, "--engine", f"{FIRST}#1"):
        yield data, store


def submit(store: Store, count: int) -> dict[int, str]:
    """Queue `count` submissions; submission id -> the verdict it must get."""
    expected = {}
    for i in range(count):
        source, verdict = SOURCES[i % len(SOURCES)]
        sid = store.submit(contest_id="test", team_id=f"team00{i % 4 + 1}", problem_id="sum",
                           language_id="python3", source=source.read_bytes(),
                           file_name=source.name, time="2026-11-23T12:00:00+00:00",
                           contest_time=60.0)
        expected[sid] = verdict
    return expected


def wait_for(what: str, condition) -> None:
    deadline = time.monotonic() + WAIT_S
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.1)


def judged_by(store: Store, ids) -> dict[int, tuple[str, str]]:
    """Current judgements of these submissions: id -> (verdict, engine)."""
    marks = ",".join("?" * len(ids))
    return {r["submission_id"]: (r["verdict"], r["engine"]) for r in store.query(
        f"SELECT submission_id, verdict, engine FROM judgements WHERE is_current = 1 "
        f"AND submission_id IN ({marks})", list(ids))}


def podium(data: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cli", *args, "--data", str(data)],
                          capture_output=True, text=True, cwd=REPO, timeout=WAIT_S)


def engine_states(data: Path) -> dict[str, dict]:
    listed = podium(data, "engine", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    return {e["url"]: e for e in json.loads(listed.stdout)}


def test_work_is_spread_and_a_killed_engine_loses_nothing(
        contest: tuple[Path, Store], second_engine: Dockerd) -> None:
    data, store = contest
    wait_for("both engines up", lambda: all(
        e["state"] == "active" for e in engine_states(data).values()))
    expected = submit(store, 20)
    second = second_engine.url
    # Kill the second engine while it judges, once each engine has judged some.
    wait_for("both engines judging", lambda: {e for _, e in judged_by(store, expected)
                                              .values()} == {FIRST, second})
    wait_for("a submission on the second engine", lambda: store.query(
        "SELECT 1 FROM submissions WHERE status = 'judging' AND engine = ?", [second]))
    second_engine.kill()
    killed_at = time.time()
    wait_for("every submission judged", lambda: len(judged_by(store, expected)) == 20)

    got = judged_by(store, expected)
    assert {sid: verdict for sid, (verdict, _) in got.items()} == expected
    counts = {r["submission_id"]: r["n"] for r in store.query(
        "SELECT submission_id, count(*) AS n FROM judgements GROUP BY submission_id")}
    assert {sid: counts[sid] for sid in expected} == dict.fromkeys(expected, 1)
    after = store.query("SELECT engine FROM judgements WHERE end_time > ? AND engine = ?",
                        [iso_time(killed_at + 1), second])
    assert after == []  # after the kill, only the first engine judged
    assert sum(e == second for _, e in got.values()) >= 1
    assert sum(e == FIRST for _, e in got.values()) >= 1
    shown = engine_states(data)[second]
    assert shown["state"] == "down" and "does not answer" in shown["last_error"]


def test_a_restarted_engine_rejoins_and_a_drained_one_takes_no_new_work(
        contest: tuple[Path, Store], second_engine: Dockerd) -> None:
    data, store = contest
    second_engine.start()
    wait_for("the second engine back", lambda: engine_states(data)[second_engine.url]
             ["state"] == "active")
    first_batch = submit(store, 6)
    wait_for("a submission on the first engine", lambda: store.query(
        "SELECT 1 FROM submissions WHERE status = 'judging' AND engine = ?", [FIRST]))
    drained = podium(data, "engine", "drain", FIRST)
    assert drained.returncode == 0, drained.stderr
    assert drained.stdout.strip().endswith("nothing runs on it, no new work goes to it")
    assert engine_states(data)[FIRST]["state"] == "drained"
    drained_at = time.time()
    second_batch = submit(store, 4)
    everything = {**first_batch, **second_batch}
    wait_for("every submission judged", lambda: len(judged_by(store, everything)) == 10)

    got = judged_by(store, everything)
    assert {sid: verdict for sid, (verdict, _) in got.items()} == everything
    assert {got[sid][1] for sid in second_batch} == {second_engine.url}
    claimed_later = store.query("SELECT 1 FROM judgements WHERE engine = ? AND start_time > ?",
                                [FIRST, iso_time(drained_at)])
    assert claimed_later == []


def test_a_changed_toolchain_is_refused_on_rejoining_naming_both_versions(
        contest: tuple[Path, Store], second_engine: Dockerd) -> None:
    data, store = contest
    second = second_engine.url
    now = engine_states(data)[second]
    assert now["state"] == "active", now
    kept = json.loads(store.query("SELECT toolchains FROM engines WHERE url = ?",
                                  [second])[0]["toolchains"])
    assert kept["python3"].startswith("Python 3.")
    # As if python3 had been another version when the engine was added: the version
    # command reports the installed one on rejoining.
    store.write(lambda db: db.execute("UPDATE engines SET toolchains = ? WHERE url = ?",
                                      [json.dumps({"python3": "Python 3.0.1"}), second]))
    second_engine.stop()
    second_engine.start()
    wait_for("the engine refused", lambda: "changed" in (
        engine_states(data)[second]["last_error"] or ""))
    shown = engine_states(data)[second]
    assert shown["state"] == "down"
    assert (f"python3: {kept['python3']!r} on the engine now, 'Python 3.0.1' when it was "
            "added") in shown["last_error"]


def test_engine_add_checks_the_engine_and_refuses_one_that_does_not_answer(
        tmp_path: Path, second_engine: Dockerd) -> None:
    data = tmp_path / "data"
    added = podium(data, "engine", "add", second_engine.url, "--cert-path",
                   str(second_engine.cert_path), "--only", "python3")
    assert added.returncode == 0, added.stdout + added.stderr
    assert f"checking {second_engine.url} against {FIRST}" in added.stdout
    slots = engine_states(data)[second_engine.url]["slots"]
    assert added.stdout.strip().endswith(f"active with {count(slots, 'slot')}; toolchains match")
    gone = f"unix://{tmp_path}/gone.sock"
    refused = podium(data, "engine", "add", gone, "--only", "python3")
    assert refused.returncode == 1
    assert f"the Docker engine at {gone} does not answer" in refused.stderr
    assert list(engine_states(data)) == [second_engine.url]
