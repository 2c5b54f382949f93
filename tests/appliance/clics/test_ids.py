"""CLICS ids: letters, digits, _ . -, at most 36, not ending in a dot."""

from __future__ import annotations

import pytest

from appliance.clics.ids import is_id


@pytest.mark.parametrize("text", ["a", "A1", "team-42", "p_1.b", "_x", "9", "x" * 36])
def test_is_id_accepts(text: str) -> None:
    assert is_id(text)


@pytest.mark.parametrize("text", ["", "x" * 37, "a b", "a/b", ".a", "-a", "a.", "é", "a:b"])
def test_is_id_refuses(text: str) -> None:
    assert not is_id(text)
