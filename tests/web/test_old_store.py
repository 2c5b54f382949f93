"""A store written before several contests per server (`tests/fixtures/stores/`, built by
the script beside it with that code) opens with today's code, migrates in place and serves
its contest unchanged: every endpoint, as every role, answers as the old code answered."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from appliance.config import Config
from appliance.problems.library import import_package
from appliance.store import Store
from tests.paths import PACKS, REPO
from tests.webserver import Client, server_thread

STORES = REPO / "tests" / "fixtures" / "stores"
PASSWORD = "fixture-password"
MOVING = ("time", "contest_time")  # the board's: when this server last changed it


def _normalised(key: str, body):
    """The answer without what moves with the serving clock (the scoreboard's own time)."""
    if key.endswith("/scoreboard") and isinstance(body, dict):
        return {k: v for k, v in body.items() if k not in MOVING}
    return body


@pytest.fixture(scope="module")
def old_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture store copied into a data folder, its problem package in the library."""
    data = tmp_path_factory.mktemp("old-store")
    shutil.copyfile(STORES / "one-contest.sqlite3", data / "podium.db")
    imported = import_package(PACKS / "sum", Config.build(data_dir=data).library_dir)
    with Store.open(data) as store:
        (row,) = store.query("SELECT package FROM problems WHERE id = 'sum'")
    assert row["package"] == imported.path.name, "the sum package changed since the fixture"
    return data


def test_the_old_store_migrates_every_event_to_its_contest(old_store: Path) -> None:
    with Store.open(old_store) as store:
        assert store.query("SELECT DISTINCT contest_id FROM events") == [{"contest_id": "old"}]
        assert {r["team_id"] for r in store.query("SELECT team_id FROM contest_teams")} == {
            "team001", "team002"}
        members = store.query("SELECT account_id FROM memberships WHERE contest_id = 'old'")
        assert {r["account_id"] for r in members} == {"team001", "team002", "jury", "admin"}


def test_the_old_store_serves_its_contest_as_before(old_store: Path) -> None:
    recorded = json.loads((STORES / "one-contest-answers.json").read_text())
    with server_thread(old_store, "old") as base:
        for key, was in recorded.items():
            role, path = key.split(" ", 1)
            client = Client(base) if role == "public" else Client(base, role, PASSWORD)
            reply = client.get(path)
            body = [json.loads(line) for line in reply.text.splitlines() if line] \
                if "event-feed" in path and reply.status == 200 else reply.json()
            assert reply.status == was["status"], key
            assert _normalised(key, body) == _normalised(key, was["body"]), key
