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
