"""C++'s bits/stdc++.h precompiled into the judge image with each entry's exact flags: the
build argv is the compile argv's, every compile looks there first, and the self-test (real
g++ in a real sandbox, `-Winvalid-pch -H`) shows that the .gch is used, or says why not."""

from __future__ import annotations

from dataclasses import replace

import pytest

from judge.errors import LanguageError
from judge.judging import Judgement
from judge.languages import load_languages
from judge.selftest import LanguageCheck, precompiled_header_problem, precompiled_verdict
from judge.verdicts import Verdict


@pytest.mark.parametrize("ident", ["cpp", "cpp17"])
def test_the_header_is_built_with_the_compile_argv_own_flags(ident: str) -> None:
    language = load_languages()[ident]
    _, compile_argv, _ = language.commands("int main() {}", 256)
    build = language.header_build("w.h", "out.gch")
    assert build == ["g++", "-x", "c++-header", *compile_argv[4:-3], "-o", "out.gch", "w.h"]
    assert compile_argv[:2] == ["g++", f"-I/podium/pch/{ident}"]  # looked for first


def test_a_language_without_a_header_to_precompile_compiles_as_written() -> None:
    c = load_languages()["c"]
    assert c.precompiled is None and "-I" not in " ".join(c.commands("", 256)[1])
    with pytest.raises(LanguageError, match="no header to precompile"):
        c.header_build("w.h", "out.gch")


def test_precompiled_needs_a_compiled_language(tmp_path) -> None:
    entry = tmp_path / "l.toml"
    entry.write_text('[[language]]\nid = "x"\nname = "X"\nextensions = ["x"]\n'
                     'source = "a.x"\nrun = ["x"]\nversion = ["x"]\nhello = "h"\n'
                     'precompiled = "bits/stdc++.h"\n')
    with pytest.raises(LanguageError, match=r"l.toml: language 'x' key 'precompiled'"):
        load_languages(entry)


def test_the_self_test_reads_g_plus_plus_own_words() -> None:
    cpp = load_languages()["cpp"]
    assert precompiled_verdict(cpp, "! /podium/pch/cpp/bits/stdc++.h.gch\n solution.cpp\n") == ""
    refused = precompiled_verdict(cpp, "solution.cpp:1:25: warning: /podium/pch/cpp/bits/"
                                       "stdc++.h.gch: not used because `X' not defined "
                                       "[-Winvalid-pch]\n. /usr/include/c++/12/bits/stdc++.h\n")
    assert "not used" in refused and "not defined" in refused
    assert "missing from the judge image" in precompiled_verdict(cpp, ". /usr/include/x.h\n")


@pytest.mark.parametrize("ident", ["cpp", "cpp17"])
def test_the_precompiled_header_is_used_in_the_sandbox(pool, blobs, ident: str) -> None:
    assert precompiled_header_problem(pool, blobs, load_languages()[ident]) == ""


def test_a_compile_with_other_flags_is_told_the_header_is_not_used(pool, blobs) -> None:
    cpp = load_languages()["cpp"]
    other = replace(cpp, compile=tuple(a if a != "-std=gnu++20" else "-std=gnu++14"
                                       for a in cpp.compile))
    problem = precompiled_header_problem(pool, blobs, other)
    assert "not used" in problem, problem


def test_a_lost_precompiled_header_makes_the_language_check_fail_with_the_reason() -> None:
    cpp = load_languages()["cpp"]
    lost = LanguageCheck(cpp, "g++ 13", Judgement(Verdict.AC), "the precompiled x is not used")
    assert not lost.works
    assert lost.to_json()["precompiled"] == "the precompiled x is not used"
    assert LanguageCheck(cpp, "g++ 12", Judgement(Verdict.AC)).works
