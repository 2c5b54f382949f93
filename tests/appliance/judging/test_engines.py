"""Several Docker engines without Docker: the --engine option, the toolchain comparison, the
registry's states and drains, claims that follow an engine's state, giving back a judging
that failed with its engine, and the runner's hash check of the data it reads."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from appliance.config import Config, EngineSpec, parse_engine_option
from appliance.judging.admission import reference_engine
from appliance.judging.engines import (
    Engine,
    EngineError,
    drain,
    engines,
    find_engine,
    mark_health,
    register,
    remove,
    settle_drain,
    toolchain_mismatches,
)
from appliance.judging.queue import JudgeQueue
from appliance.store import Store
from judge.engines import check_url, ping, shares_files
from judge.errors import SandboxError
from judge.runner import job_blobs, verify_blobs
from tests.appliance.judging.test_queue import AC, NOW, WA, seed, submit

LOCAL = "unix:///var/run/docker.sock"
OTHER = "tcp://judge2.lan:2376"


@pytest.mark.parametrize(("text", "url", "slots"), [
    ("unix:///run/docker.sock", "unix:///run/docker.sock", 3),
    ("tcp://judge2:2376#4", "tcp://judge2:2376", 4),
    ("ssh://podium@judge3#1", "ssh://podium@judge3", 1),
])
def test_engine_option_is_a_url_with_an_optional_slot_count(text, url, slots) -> None:
    assert parse_engine_option(text, default_slots=3) == EngineSpec(url, slots)


@pytest.mark.parametrize("text", ["tcp://judge2#0", "tcp://judge2#x", "tcp://judge2#999"])
def test_engine_option_refuses_a_bad_slot_count(text) -> None:
    with pytest.raises(ValueError, match="slot count"):
        parse_engine_option(text, default_slots=2)


def test_without_engines_the_server_judges_on_the_local_engine(tmp_path: Path) -> None:
    config = Config.build(data_dir=tmp_path, pool_size=3, env={})
    assert config.engines == (EngineSpec(LOCAL, 3),)
    env = {"DOCKER_HOST": "tcp://here:2376", "DOCKER_TLS_VERIFY": "1",
           "DOCKER_CERT_PATH": "/certs"}
    assert Config.build(data_dir=tmp_path, pool_size=2, env=env).engines == (
        EngineSpec("tcp://here:2376", 2, "/certs"),)
    given = Config.build(data_dir=tmp_path, pool_size=2, env=env,
                         engines=["unix:///a.sock#1", "tcp://b:2376"])
    assert given.engines == (EngineSpec("unix:///a.sock", 1), EngineSpec("tcp://b:2376", 2,
                                                                            "/certs"))


@pytest.mark.parametrize("url", ["docker.sock", "http://host:2375", "tcp://", "/var/run/x"])
def test_an_engine_url_must_be_one_docker_takes(url) -> None:
    with pytest.raises(SandboxError, match="no Docker engine URL"):
        check_url(url)


def test_an_engine_that_is_not_there_does_not_answer(tmp_path: Path) -> None:
    error = ping(f"unix://{tmp_path}/none.sock")
    assert error is not None and "does not answer" in error


def test_toolchains_must_match_language_by_language() -> None:
    here = {"c": "gcc (Debian 12.2.0-14) 12.2.0", "python3": "Python 3.11.2"}
    assert toolchain_mismatches(here, dict(here)) == []
    assert toolchain_mismatches(here, {"c": here["c"], "python3": "Python 3.12.1"}) == [
        "python3: 'Python 3.12.1' on the new engine, 'Python 3.11.2' here"]
    assert toolchain_mismatches(here, {"python3": "Python 3.11.2"}) == [
        "c: missing on the new engine (here: gcc (Debian 12.2.0-14) 12.2.0)"]


@pytest.mark.parametrize(("state", "up", "shown"), [
    ("active", True, "active"), ("active", False, "down"), ("draining", True, "draining"),
    ("draining", False, "down"), ("drained", False, "drained"), ("drained", True, "drained"),
])
def test_an_engine_shows_down_unless_drained(state, up, shown) -> None:
    assert Engine(LOCAL, 2, state=state, up=up).shown_state == shown


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path) as opened:
        seed(opened, ("a", "b"))
        register(opened, LOCAL, 2)
        register(opened, OTHER, 4)
        for url in (LOCAL, OTHER):
            mark_health(opened, url, None)
        yield opened


def test_engines_are_listed_in_the_order_added_with_their_work(store: Store) -> None:
    queue = JudgeQueue(store)
    submit(store, "a", 2)
    first = queue.claim("w1", 60, NOW, engine=OTHER)
    queue.complete(first, WA, NOW + 1, engine=OTHER)
    queue.claim("w1", 60, NOW + 2, engine=OTHER)
    listed = engines(store)
    assert [(e.url, e.slots) for e in listed] == [(LOCAL, 2), (OTHER, 4)]
    other = listed[1]
    assert other.judged == 1 and other.to_json()["state"] == "active"
    judged_by = store.query("SELECT engine FROM judgements")
    assert judged_by == [{"engine": OTHER}]


def test_a_new_engine_is_compared_with_the_first_registered_one(store: Store,
                                                                 tmp_path: Path) -> None:
    configured = Config.build(data_dir=tmp_path, env={}, engines=["tcp://c:2376"])
    remove(store, LOCAL)
    register(store, LOCAL, 2, "/certs")
    assert reference_engine(configured, store) == (OTHER, None)


def test_without_registered_engines_the_reference_is_the_configured_one(tmp_path: Path) -> None:
    env = {"DOCKER_HOST": "tcp://here:2376", "DOCKER_TLS_VERIFY": "1",
           "DOCKER_CERT_PATH": "/certs"}
    with Store.open(tmp_path / "data") as empty:
        assert reference_engine(Config.build(data_dir=tmp_path, env=env), empty) == (
            "tcp://here:2376", "/certs")


def test_a_claim_needs_its_engine_active_and_up(store: Store) -> None:
    queue = JudgeQueue(store)
    submit(store, "a", 3)
    mark_health(store, OTHER, "the Docker engine at tcp://judge2.lan:2376 does not answer")
    assert queue.claim("w2", 60, NOW, engine=OTHER) is None
    assert queue.claim("w2", 60, NOW, engine="unix:///unknown.sock") is None
    assert queue.claim("w1", 60, NOW, engine=LOCAL) is not None
    drain(store, LOCAL)
    assert queue.claim("w1", 60, NOW, engine=LOCAL) is None
    assert queue.claim("anyone", 60, NOW) is not None  # `podium dispatch` names no engine


def test_a_drain_waits_for_the_engines_running_submissions(store: Store) -> None:
    queue = JudgeQueue(store)
    submit(store, "a", 2)
    running = queue.claim("w1", 60, NOW, engine=LOCAL)
    drain(store, LOCAL, now=NOW)
    assert find_engine(store, LOCAL).state == "draining"
    assert settle_drain(store, LOCAL, now=NOW + 1) == 1
    queue.complete(running, AC, NOW + 1, engine=LOCAL)
    assert settle_drain(store, LOCAL, now=NOW + 2) == 0
    assert find_engine(store, LOCAL).state == "drained"
    register(store, LOCAL, 2)  # added again: active
    assert find_engine(store, LOCAL).state == "active"


def test_an_engine_unknown_to_the_registry_is_named_with_the_known_ones(store: Store) -> None:
    with pytest.raises(EngineError, match="registered: unix:///var/run/docker.sock, tcp://"):
        drain(store, "tcp://nowhere:2376")
    remove(store, OTHER)
    assert [e.url for e in engines(store)] == [LOCAL]


def test_a_judging_lost_with_its_engine_is_given_back_without_counting(store: Store) -> None:
    queue = JudgeQueue(store)
    (sid,) = submit(store, "a")
    lost = queue.claim("w2", 60, NOW, engine=OTHER)
    assert queue.give_back(lost, "the sandbox failed (engine gone)")
    row = store.query("SELECT status, attempt, engine, last_error FROM submissions")[0]
    assert row == {"status": "queued", "attempt": 0, "engine": None,
                   "last_error": "the sandbox failed (engine gone)"}
    again = queue.claim("w1", 60, NOW + 1, engine=LOCAL)
    assert again.submission_id == sid and again.attempt == 1
    assert not queue.give_back(lost, "late")  # no longer its lease
    assert queue.complete(again, AC, NOW + 2, engine=LOCAL)


def test_the_runner_refuses_data_whose_content_does_not_match_its_hash(tmp_path: Path) -> None:
    good = b"1 2\n"
    name = hashlib.sha256(good).hexdigest()
    (tmp_path / name).write_bytes(good)
    (tmp_path / name).chmod(0o600)  # root's alone, as the blob store writes them
    verify_blobs(str(tmp_path), [name])
    (tmp_path / name).write_bytes(b"1 3\n")
    with pytest.raises(RuntimeError, match=f"blob {name} does not match its hash"):
        verify_blobs(str(tmp_path), [name])


def test_a_job_names_every_blob_it_reads() -> None:
    job = {"files": [{"name": "a.py", "blob": "s"}],
           "tests": [{"name": "1", "input": "i1", "answer": "a1"}],
           "validator": {"artifact": "v"}}
    assert job_blobs(job) == ["s", "i1", "a1", "v"]


def test_only_an_engine_behind_a_unix_socket_sees_this_machines_files() -> None:
    assert shares_files("unix:///var/run/docker.sock")
    assert not shares_files("tcp://judge3.lan:2376")
    assert not shares_files("ssh://judge@judge3.lan")


def test_the_toolchains_checked_at_add_are_kept_through_a_plain_register(store: Store) -> None:
    register(store, OTHER, 4, None, {"python3": "Python 3.11.2"})
    register(store, OTHER, 6)  # podium serve --engine registers again, without a check
    kept = find_engine(store, OTHER)
    assert kept.slots == 6 and kept.toolchains == {"python3": "Python 3.11.2"}
    assert find_engine(store, LOCAL).toolchains is None


def test_a_toolchain_changed_since_the_add_names_both_versions() -> None:
    assert toolchain_mismatches({"python3": "Python 3.11.2"}, {"python3": "Python 3.12.1"},
                                theirs_is="on the engine now", ours_is="when it was added") == [
        "python3: 'Python 3.12.1' on the engine now, 'Python 3.11.2' when it was added"]
