"""CLICS colours: a problem's `rgb` is an HTML hexadecimal colour, "#RRGGBB" or "#RGB".
Checked when a contest package is read, and again where a page writes one into CSS, so a
stored value from before the check (or any value at all) never becomes CSS of its own."""

from __future__ import annotations

import re

_RGB = re.compile(r"#(?:[0-9A-Fa-f]{3}|[0-9A-Fa-f]{6})")
RULE = '"#RRGGBB" or "#RGB", hexadecimal'  # the rule in words, for error messages
NEUTRAL = "#888"  # a problem without a colour (or with a wrong one) on the pages


def is_rgb(text: str) -> bool:
    """Whether `text` is a CLICS colour."""
    return bool(_RGB.fullmatch(text))


def css_colour(value: object) -> str:
    """`value` if it is a CLICS colour, else the neutral grey: what a page may put in CSS."""
    return value if isinstance(value, str) and is_rgb(value) else NEUTRAL


def score_colour(fraction: object) -> str:
    """A score cell's background by the share of the maximum held: red through yellow to
    green (a number made into a colour here, so a page writes nothing else into CSS)."""
    share = float(fraction) if isinstance(fraction, int | float) else 0.0
    share = min(1.0, max(0.0, share)) if share == share else 0.0  # NaN: nothing held
    return f"hsl({round(share * 120)}, 65%, {round(86 - share * 12)}%)"
