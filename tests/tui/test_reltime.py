"""The console reads CLICS RELTIME as the server writes it (pure)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from appliance.clics.times import parse_reltime as server_parse_reltime
from appliance.clics.times import reltime
from tui.reltime import parse_reltime

CASES = [("0:00:00", 0.0), ("1:05:00.000", 3900.0), ("1:05:00", 3900.0),
         ("4:12:00.5", 15120.5), ("12:34:56.789", 45296.789), ("-0:05:00", -300.0),
         (" 0:09:00.000 ", 540.0), ("100:00:00.01", 360000.01)]


@pytest.mark.parametrize(("text", "seconds"), CASES)
def test_a_reltime_reads_as_seconds(text: str, seconds: float) -> None:
    assert parse_reltime(text) == pytest.approx(seconds)


@pytest.mark.parametrize("text", ["", "1:5:00", "1:60:00", "1:00:60", "1:00", "abc",
                                  "1:00:00.1234", "+1:00:00"])
def test_anything_else_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_reltime(text)


@pytest.mark.parametrize("seconds", [0.0, 59.0, 3900.0, 15120.5, 45296.789, -300.0, -0.25])
def test_the_console_reads_what_the_server_writes(seconds: float) -> None:
    text = reltime(seconds, millis=False)
    assert parse_reltime(text) == server_parse_reltime(text) == pytest.approx(seconds)


def outcome(parse: Callable[[str], float], text: str) -> float | type[ValueError]:
    try:
        return parse(text)
    except ValueError:
        return ValueError


@pytest.mark.parametrize("text", [text for text, _ in CASES] + ["1:60:00", "abc", "1:00"])
def test_the_console_and_the_server_agree(text: str) -> None:
    assert outcome(parse_reltime, text) == outcome(server_parse_reltime, text)
