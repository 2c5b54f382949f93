"""Every JSON body the server reads is parsed within bounds: deep nesting, a number of
thousands of digits, NaN or a charset Python does not know is a clear 400, never a 500; a
clock extension past a week either way is a 400 naming the bound."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from appliance.contest.clock import MAX_EXTEND_S, Clock, ClockError
from tests.webserver import as_user, make_contest, server_thread
from web.api import bounded_json

SUBMISSIONS = "/api/contests/test/submissions"
CLOCK = "/api/contests/test/jury/clock"
DEEP = "[" * 100_000 + "]" * 100_000


@pytest.mark.parametrize("text, said", [
    (DEEP, "nested more than 32 deep"),
    ('{"a":' * 40 + "1" + "}" * 40, "nested more than 32 deep"),
    ('{"problem_id": ' + "9" * 5000 + "}", "a number of 5,000 characters; at most 40"),
    ('{"seconds": 1' + "0" * 400 + ".0}", "a number of 403 characters; at most 40"),
    ('{"seconds": NaN}', "NaN is not JSON"),
    ('{"seconds": 1e999}', "a number out of range (1e999)"),
    ("{", "not JSON (Expecting property name enclosed in double quotes at character 1)"),
], ids=["deep-array", "deep-object", "digits", "long-float", "nan", "overflow", "broken"])
def test_a_hostile_body_is_a_value_error_saying_why(text: str, said: str) -> None:
    with pytest.raises(ValueError) as refused:
        bounded_json(text)
    assert str(refused.value) == said


def test_an_ordinary_body_reads_as_before() -> None:
    assert bounded_json('{"a": [1, 2.5, {"b": null}], "c": "x"}') == {
        "a": [1, 2.5, {"b": None}], "c": "x"}


@pytest.mark.parametrize("seconds", [MAX_EXTEND_S + 1, -MAX_EXTEND_S - 1, float("nan"), 1e308])
def test_the_clock_refuses_an_extension_past_a_week(seconds: float) -> None:
    with pytest.raises(ClockError, match="from -604,800 to 604,800"):
        Clock(None, 3600.0, 0.0).extend(seconds)


@pytest.fixture(scope="module")
def contest(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict, Path]]:
    data = tmp_path_factory.mktemp("json-bodies")
    logins = make_contest(data, teams=1)
    with server_thread(data) as base:
        yield base, logins, data


@pytest.mark.parametrize("body, said", [
    (DEEP.encode(), "the body is refused: nested more than 32 deep"),
    (b'{"problem_id": ' + b"9" * 5000 + b"}",
     "the body is refused: a number of 5,000 characters; at most 40"),
], ids=["deep", "digits"])
def test_the_api_answers_a_hostile_body_with_a_clear_400(contest, body: bytes,
                                                         said: str) -> None:
    for who, path in (("team001", SUBMISSIONS), ("admin", CLOCK),
                      ("team001", "/api/contests/test/clarifications")):
        reply = as_user(contest, who).request("POST", path, body,
                                              {"Content-Type": "application/json"})
        assert (reply.status, reply.json()["message"]) == (400, said), path


def test_an_unknown_charset_is_a_400(contest) -> None:
    reply = as_user(contest, "team001").request(
        "POST", SUBMISSIONS, b"{}", {"Content-Type": "application/json; charset=no-such"})
    assert (reply.status, reply.json()["message"]) == (400, "the body is not text in its "
                                                           "charset")


@pytest.mark.parametrize("seconds", [1e300, 10 ** 30, -(10 ** 30), True])
def test_a_huge_clock_extension_is_a_400_naming_the_bound(contest, seconds) -> None:
    reply = as_user(contest, "admin").post_json(CLOCK, {"operation": "extend",
                                                        "seconds": seconds})
    assert reply.status == 400
    assert reply.json()["message"].startswith(
        "seconds: an extension is a number of seconds from -604,800 to 604,800 (a week)")
    assert as_user(contest, "admin").get(CLOCK).json()["length"] == 5 * 3600
