"""Which of a submission's files is the main one, and the entry point it is recorded with
(DOMjudge's rule: the first source sent, unless an entry point names another)."""

from __future__ import annotations

import pytest

from appliance.contest.submission_files import choose_main, implied_entry_point
from judge.languages import load_languages

LANGUAGES = load_languages()
SOLVE, HELPER = b"import helper\n", b"X = 1\n"


def test_the_first_python_source_sent_is_the_main_one_and_its_entry_point() -> None:
    chosen = choose_main({"solve.py": SOLVE, "helper.py": HELPER}, LANGUAGES["python3"], None)
    assert (chosen.main_name, dict(chosen.others)) == ("solve.py", {"helper.py": HELPER})
    assert implied_entry_point(chosen, LANGUAGES["python3"]) == "solve.py"


def test_files_of_other_kinds_never_lead_nor_make_an_entry_point() -> None:
    chosen = choose_main({"notes.txt": b"n", "a.py": SOLVE}, LANGUAGES["python3"], None)
    assert chosen.main_name == "a.py"
    assert implied_entry_point(chosen, LANGUAGES["python3"]) is None


def test_an_entry_point_names_the_main_file_whatever_the_order() -> None:
    chosen = choose_main({"helper.py": HELPER, "solve.py": SOLVE}, LANGUAGES["python3"],
                         "solve.py")
    assert chosen.main_name == "solve.py"


@pytest.mark.parametrize("language", ["c", "cpp"])
def test_languages_compiling_every_source_record_no_entry_point(language: str) -> None:
    chosen = choose_main({"b.c": b"int f(){return 1;}", "a.c": b"int main(){}"},
                         LANGUAGES[language], None)
    assert implied_entry_point(chosen, LANGUAGES[language]) is None


def test_java_records_the_class_its_main_source_names() -> None:
    chosen = choose_main({"Main.java": b"public class Solver {}\n"}, LANGUAGES["java"], None)
    assert implied_entry_point(chosen, LANGUAGES["java"]) == "Solver"
