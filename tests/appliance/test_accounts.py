"""Accounts read back: by id, by user name (with the hash, for a login), all by id."""

from __future__ import annotations

from pathlib import Path

import pytest

from appliance.accounts import account_by_id, account_by_username, accounts_of
from appliance.contest.setup import import_contest, quick_contest
from appliance.passwords import verify_password
from appliance.store import Store
from tests.paths import PACKS


@pytest.fixture
def contest(tmp_path: Path):
    package = quick_contest("Cup", [PACKS / "sum"], 2)
    with Store.open(tmp_path / "data") as store:
        import_contest(store, package, tmp_path / "library")
        yield store, {a.username: a for a in package.accounts}


def test_an_account_by_id_has_no_password_hash(contest) -> None:
    store, _ = contest
    (team,) = [a for a in accounts_of(store, "cup") if a["team_id"] == "team001"]
    assert account_by_id(store, team["id"]) == team
    assert set(team) == {"id", "username", "type", "team_id"}
    assert account_by_id(store, "nobody") is None


def test_a_login_finds_the_account_and_its_hash_by_user_name(contest) -> None:
    store, accounts = contest
    name, given = next((n, a) for n, a in accounts.items() if a.type == "admin")
    found = account_by_username(store, name)
    assert found is not None and found["type"] == "admin"
    assert verify_password(found["password_hash"], given.password)
    assert account_by_username(store, "nobody") is None


def test_every_account_comes_by_id(contest) -> None:
    store, accounts = contest
    ids = [a["id"] for a in accounts_of(store, "cup")]
    assert ids == sorted(ids) and len(ids) == len(accounts)
