"""The jury sets the floor's settings over the API: the CUPS printer (or none) and balloons
during the freeze; teams cannot; a printer name with shell characters, a setting that is
not one and a wrong type are 400s in one line."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.webserver import as_user, make_contest, server_thread

FLOOR = "/api/contests/test/jury/floor"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict, Path]]:
    data = tmp_path_factory.mktemp("floor-policy")
    logins = make_contest(data, ("sum",), teams=1)
    with server_thread(data) as base:
        yield base, logins, data


def test_the_jury_sets_the_printer_and_the_freeze_policy(served) -> None:
    jury, team = as_user(served, "jury"), as_user(served, "team001")
    assert jury.get(FLOOR).json() == {"balloons_during_freeze": True, "printer": None}
    assert team.get(FLOOR).status == 403
    assert team.post_json(FLOOR, {"printer": "laser"}).status == 403
    done = jury.post_json(FLOOR, {"printer": "floor-laser", "balloons_during_freeze": False})
    assert done.status == 200
    assert done.json() == {"balloons_during_freeze": False, "printer": "floor-laser"}
    assert jury.post_json(FLOOR, {"balloons_during_freeze": True}).json()["printer"] == \
        "floor-laser"  # a key left out stays
    assert jury.post_json(FLOOR, {"printer": None}).json()["printer"] is None


@pytest.mark.parametrize("body, said", [
    ({"printer": "laser; rm -rf /"}, "is not a CUPS printer name"),
    ({"printer": "-oraw"}, "is not a CUPS printer name"),
    ({"printer": 7}, "printer: a CUPS printer's name"),
    ({"balloons_during_freeze": "no"}, "balloons_during_freeze: true or false"),
    ({"colour": "red"}, "colour: not a floor setting"),
])
def test_bad_settings_are_refused_in_one_line(served, body: dict, said: str) -> None:
    reply = as_user(served, "jury").post_json(FLOOR, body)
    assert reply.status == 400 and said in reply.text and "\n" not in reply.text.strip()
