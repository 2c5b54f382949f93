"""Password hashing with argon2, and readable generated passwords for printed sheets."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher

from appliance.passwords import (
    WORDS,
    generate_password,
    hash_password,
    needs_rehash,
    verify_password,
)


def test_hash_verifies_only_its_own_password() -> None:
    hashed = hash_password("till-wise-under")
    assert hashed.startswith("$argon2id$")
    assert "till-wise-under" not in hashed
    assert verify_password(hashed, "till-wise-under")
    assert not verify_password(hashed, "till-wise-undeR")
    assert not verify_password(hashed, "")


def test_same_password_hashes_differently() -> None:
    assert hash_password("x") != hash_password("x")


def test_broken_hash_is_no_match() -> None:
    assert not verify_password("not a hash", "x")
    assert not verify_password("", "x")


def test_needs_rehash() -> None:
    assert not needs_rehash(hash_password("x"))
    weak = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash("x")
    assert verify_password(weak, "x")
    assert needs_rehash(weak)
    assert needs_rehash("not a hash")


def test_generated_passwords_are_words_without_ambiguous_characters() -> None:
    for words in (1, 3, 5):
        password = generate_password(words)
        parts = password.split("-")
        assert len(parts) == words
        assert all(part in WORDS for part in parts)
    assert generate_password().count("-") == 2


def test_word_list_is_readable_and_large_enough() -> None:
    assert len(set(WORDS)) == len(WORDS) >= 256
    assert all(word.isalpha() and word.islower() and "l" not in word for word in WORDS)
    assert all(3 <= len(word) <= 6 for word in WORDS)


def test_generated_passwords_differ() -> None:
    assert len({generate_password() for _ in range(50)}) == 50


def test_zero_words_is_refused() -> None:
    with pytest.raises(ValueError):
        generate_password(0)
