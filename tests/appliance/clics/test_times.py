"""CLICS times: RELTIME read and written both ways, TIME to the millisecond."""

from __future__ import annotations

import pytest

from appliance.clics.times import iso_time, parse_reltime, reltime


@pytest.mark.parametrize(("text", "seconds"), [
    ("5:00:00", 18000.0), ("0:20:00", 1200.0), ("1:30:00", 5400.0), ("0:00:00.5", 0.5),
    ("0:00:01.25", 1.25), ("123:59:59.999", 123 * 3600 + 3599.999), ("-0:01:00", -60.0),
])
def test_parse_reltime(text: str, seconds: float) -> None:
    assert parse_reltime(text) == pytest.approx(seconds)


@pytest.mark.parametrize("text", ["5:00", "5", "1:60:00", "1:00:60", "1:00:00.1234", "", "h:mm:ss",
                                  "1:0:00", "+1:00:00"])
def test_parse_reltime_refuses_other_spellings(text: str) -> None:
    with pytest.raises(ValueError, match="h:mm:ss"):
        parse_reltime(text)


@pytest.mark.parametrize(("seconds", "text"), [
    (18000, "5:00:00"), (1200.0, "0:20:00"), (0.5, "0:00:00.500"), (3661.001, "1:01:01.001"),
    (-90, "-0:01:30"), (0, "0:00:00"), (100 * 3600, "100:00:00"), (59.9996, "0:01:00"),
])
def test_reltime_without_millis_writes_a_fraction_only_if_any(seconds: float, text: str) -> None:
    assert reltime(seconds, millis=False) == text


@pytest.mark.parametrize("text", ["5:00:00", "0:00:00.500", "-1:02:03.004", "123:45:06"])
def test_reltime_round_trips(text: str) -> None:
    assert reltime(parse_reltime(text), millis=False) == text


@pytest.mark.parametrize(("seconds", "text"), [
    (0, "0:00:00.000"), (61.5, "0:01:01.500"), (3723.25, "1:02:03.250"),
    (18000, "5:00:00.000"), (-90, "-0:01:30.000"), (-1.5, "-0:00:01.500"), (59.9996, "0:01:00.000"),
])
def test_reltime_spells_clics_relative_times(seconds: float, text: str) -> None:
    assert reltime(seconds) == text


def test_iso_time_is_utc_to_the_millisecond() -> None:
    assert iso_time(0.25) == "1970-01-01T00:00:00.250+00:00"
