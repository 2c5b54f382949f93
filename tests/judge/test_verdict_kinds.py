"""Verdict kinds: the one table the web's badges take their colours from."""

from __future__ import annotations

from judge.verdicts import Verdict


def test_a_compile_error_is_its_own_kind_never_accepted_nor_rejected() -> None:
    assert Verdict.CE.kind == "compile-error"
    assert Verdict.AC.kind == "accepted"
    assert {v.kind for v in Verdict if v.penalty} == {"rejected"}
    assert Verdict.JE.kind == "judge-error"
