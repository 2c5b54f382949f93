"""A team's location on the floor, as Podium keeps it (one text: a seat, what the balloon
runners and the printouts' header show) and as contest packages give it: DOMjudge's team
`room` (a text: "B-12"), and CLICS's `location` object (the team's desk on the floor map:
`x`, `y` and `rotation` in degrees), kept as the text "x=12 y=3.5 rotation=90" so it reads
plainly on a runner's phone and is written back as the same object. Pure."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

_COORDINATES = re.compile(r"x=(-?[0-9.]+) y=(-?[0-9.]+) rotation=([0-9.]+)")
MAX_LOCATION = 100  # characters of a location kept


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _text(value: float) -> str:
    return f"{value:g}"


def location_refusal(item: Mapping[str, Any]) -> tuple[str, str] | None:
    """(key, why) when a teams.json entry's `location` or `room` is not one Podium reads."""
    location, room = item.get("location"), item.get("room")
    if room is not None and not isinstance(room, str):
        return "room", f"must be a text, not {room!r}"
    if isinstance(room, str) and len(room) > MAX_LOCATION:
        return "room", f"at most {MAX_LOCATION} characters, not {len(room)}"
    if location is None:
        return None
    if not isinstance(location, Mapping) or not all(
            _number(location.get(k)) for k in ("x", "y", "rotation")):
        return "location", f"must be an object of numbers x, y and rotation, not {location!r}"
    if not 0 <= location["rotation"] <= 360:
        return "location", f"rotation must be 0 to 360 degrees, not {location['rotation']!r}"
    return None


def location_of(item: Mapping[str, Any]) -> str | None:
    """The location Podium keeps for a teams.json entry (checked): its `room`, else its
    CLICS `location` as text, else None."""
    room = item.get("room")
    if isinstance(room, str) and room.strip():
        return room.strip()
    location = item.get("location")
    if isinstance(location, Mapping):
        return (f"x={_text(location['x'])} y={_text(location['y'])} "
                f"rotation={_text(location['rotation'])}")
    return None


def location_fields(location: str | None) -> dict[str, Any]:
    """What a team object carries of a kept location: CLICS's `location` when it is the
    coordinates' text, else DOMjudge's `room`; nothing without one."""
    if not location:
        return {}
    found = _COORDINATES.fullmatch(location)
    if found:
        try:
            x, y, rotation = (float(g) for g in found.groups())
        except ValueError:
            return {"room": location}
        return {"location": {"x": x, "y": y, "rotation": rotation}}
    return {"room": location}
