"""Languages as data: the entries load, detection and placeholders work, bad entries are named."""

from __future__ import annotations

from pathlib import Path

import pytest

from judge.errors import LanguageError
from judge.judging import Judgement
from judge.languages import (
    detect,
    find,
    load_languages,
    with_main_class,
    with_validator_languages,
)
from judge.selftest import LanguageCheck
from judge.verdicts import Verdict

REQUIRED = {"c", "cpp", "cpp17", "python3", "pypy3", "java", "kotlin", "go", "rust",
            "javascript", "ruby", "csharp", "haskell", "ocaml", "pascal", "php"}


def test_at_least_fifteen_languages_including_the_required_ones() -> None:
    languages = load_languages()
    assert REQUIRED <= languages.keys()
    assert len(languages) >= 15


@pytest.mark.parametrize(("name", "expected"), [
    ("a.c", "c"), ("a.cpp", "cpp"), ("a.cc", "cpp"), ("a.py", "python3"),
    ("Main.java", "java"), ("a.kt", "kotlin"), ("a.go", "go"), ("a.rs", "rust"),
    ("a.js", "javascript"), ("a.rb", "ruby"), ("a.cs", "csharp"), ("a.hs", "haskell"),
    ("a.ml", "ocaml"), ("a.pas", "pascal"), ("a.php", "php"),
])
def test_language_is_detected_from_the_extension(name: str, expected: str) -> None:
    assert detect(name, load_languages()).id == expected


def test_unknown_extension_asks_for_lang() -> None:
    with pytest.raises(LanguageError, match="--lang"):
        detect("solution.xyz", load_languages())


def test_unknown_language_id_lists_the_known_ones() -> None:
    with pytest.raises(LanguageError, match="python3"):
        find("cobol", load_languages())


def test_java_source_is_named_after_its_public_class() -> None:
    java = load_languages()["java"]
    name, compile_argv, run_argv = java.commands("public final class Sum { }", 256)
    assert name == "Sum.java"
    assert compile_argv[-1] == "Sum.java"
    assert run_argv[-1] == "{main_class}" and "-Xmx256m" in run_argv
    assert with_main_class(run_argv, "pkg.Sum")[-1] == "pkg.Sum"


def test_java_without_public_class_is_saved_as_main() -> None:
    name, _, _ = load_languages()["java"].commands("class X {}", 64)
    assert name == "Main.java"


def test_jvm_languages_learn_their_main_class_after_compiling() -> None:
    languages = load_languages()
    assert {lang.id for lang in languages.values() if lang.finds_main_class} == {
        "java", "kotlin"}


def test_unknown_entry_rule_is_named(tmp_path: Path) -> None:
    path = tmp_path / "languages.toml"
    path.write_text('[[language]]\nid = "x"\nname = "X"\nextensions = []\nsource = "a"\n'
                    'run = ["a"]\nversion = ["a"]\nhello = "a"\nentry_rule = "regex"\n')
    with pytest.raises(LanguageError, match="'x' key 'entry_rule'"):
        load_languages(path)


def test_interpreted_language_is_syntax_checked_and_run_from_source() -> None:
    name, compile_argv, run_argv = load_languages()["python3"].commands("print(1)", 64)
    assert compile_argv == ["python3", "-m", "py_compile", "solution.py"]
    assert run_argv == ["python3", "solution.py"]


@pytest.mark.parametrize(("entry", "message"), [
    ('id = "x"\nname = "X"', "lacks"),
    ('id = "x"\nname = "X"\nextensions = []\nsource = "a"\nrun = ["a"]\nversion = ["a"]\n'
     'hello = "h"\ncolour = "red"', "unknown key colour"),
    ('id = "x"\nname = "X"\nextensions = []\nsource = "a"\nrun = "a"\nversion = ["a"]\n'
     'hello = "h"', "'run' must be a non-empty list"),
])
def test_malformed_entry_is_named_with_its_key(tmp_path: Path, entry: str, message: str) -> None:
    path = tmp_path / "languages.toml"
    path.write_text(f"[[language]]\n{entry}\n")
    with pytest.raises(LanguageError, match=message) as info:
        load_languages(path)
    assert "'x'" in str(info.value) and str(path) in str(info.value)


def test_duplicate_language_id_is_refused(tmp_path: Path) -> None:
    entry = ('[[language]]\nid = "x"\nname = "X"\nextensions = []\nsource = "a"\n'
             'run = ["a"]\nversion = ["a"]\nhello = "h"\n')
    path = tmp_path / "languages.toml"
    path.write_text(entry * 2)
    with pytest.raises(LanguageError, match="defined twice"):
        load_languages(path)


@pytest.mark.parametrize(("first_line", "language"), [
    (b"#!/usr/bin/env python3\n", "python3"), (b"#! /usr/bin/python3\n", "python3"),
    (b"#!/usr/bin/env python\n", "python3"), (b"import sys\n", "python3"),
])
def test_python_shebangs_that_name_python3_are_python3(first_line: bytes, language: str) -> None:
    assert detect("a.py", load_languages(), first_line).id == language


def test_a_python2_script_is_not_taken_for_python3() -> None:
    with pytest.raises(LanguageError, match="python2"):
        detect("a.py", load_languages(), b"#!/usr/bin/env python2\nprint 'x'\n")


def test_a_pl_file_is_prolog_as_on_kattis_unless_its_shebang_names_perl() -> None:
    languages = load_languages()
    assert detect("a.pl", languages, b"main :- halt.\n").id == "prolog"
    assert detect("a.pl", languages, b"#!/usr/bin/perl\nprint 1;\n").id == "perl"
    assert detect("a.pl", languages, b"#!/usr/bin/env perl -w\n").id == "perl"
    assert detect("a.pm", languages).id == "perl"


@pytest.mark.parametrize("verdict", [Verdict.AC, Verdict.CE])
def test_a_language_check_as_json_says_whether_it_works(verdict: Verdict) -> None:
    python = find("python3", load_languages())
    check = LanguageCheck(python, "Python 3.12.3", Judgement(verdict))
    assert check.to_json() == {"id": "python3", "name": python.name,
                               "extensions": list(python.extensions),
                               "version": "Python 3.12.3", "works": verdict is Verdict.AC,
                               "verdict": verdict.value}


def test_checktestdata_is_for_input_validators_only() -> None:
    languages = load_languages()
    assert "checktestdata" not in languages
    assert detect("format.ctd", with_validator_languages(languages)).id == "checktestdata"
    with pytest.raises(LanguageError, match="cannot tell the language"):
        detect("format.ctd", languages)
