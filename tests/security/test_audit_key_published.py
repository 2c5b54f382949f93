"""The audit key's fingerprint is published where the contest's people see it: on the
scoreboard and to the jury's console at the clock (so `podium audit --key` has something
nobody could rewrite afterwards to compare with)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from appliance.signing import signing_key
from tests.webserver import Client, as_user, make_contest, server_thread


@pytest.fixture(scope="module")
def contest(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict, Path]]:
    data = tmp_path_factory.mktemp("audit-key")
    logins = make_contest(data, teams=1, started_ago=timedelta(minutes=1))
    with server_thread(data) as base:
        yield base, logins, data


def test_the_board_and_the_jury_clock_show_the_archive_key(contest) -> None:
    base, _, data = contest
    fingerprint = signing_key(data).fingerprint
    assert fingerprint in Client(base).get("/public").text
    assert fingerprint in Client(base).get("/scoreboard").text
    clock = as_user(contest, "jury").get("/api/contests/test/jury/clock").json()
    assert clock["archive_key"] == fingerprint
