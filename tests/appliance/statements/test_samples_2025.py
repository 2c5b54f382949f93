"""Samples and attachments as the 2025-09 format has them ("Displaying test cases",
"Downloading test cases", "Attachments"), on the packages written from its text under
tests/fixtures/packages/statement2025/."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from appliance.problems.load import load_problem
from appliance.statements.attachments import attachment, attachment_problems, attachments
from appliance.statements.render import render_statement
from appliance.statements.samples import (
    JUDGE,
    PROGRAM,
    Exchange,
    sample_download,
    sample_file_problems,
    statement_samples,
)
from tests.paths import FIXTURES

PACKAGES = FIXTURES / "packages" / "statement2025"


def _downloaded(problem, index: int, kind: str) -> str | None:
    found = sample_download(problem, index, kind)
    return None if found is None else found[1].name


def test_statement_files_replace_what_is_shown_and_download_files_what_is_given() -> None:
    problem = load_problem(PACKAGES / "samples")
    plain, replaced, out = statement_samples(problem)
    assert (plain.given, plain.expected) == ("3\n", "6\n")
    assert (replaced.given, replaced.expected) == ("n = 500 (shown)\n", "2n = 1000 (shown)\n")
    assert out.expected == "0\n\n"  # .out replaces the answer shown...
    assert [s.downloads for s in (plain, replaced, out)] == [("in", "ans")] * 3
    assert [_downloaded(problem, i, k) for i in range(3) for k in ("in", "ans")] == [
        "1.in", "1.ans", "2.in.download", "2.ans.download", "3.in", "3.out"]  # ...and given
    assert sample_file_problems(problem) == []


def test_an_interactive_problem_offers_its_download_files_never_its_input() -> None:
    problem = load_problem(PACKAGES / "interactive")
    (sample,) = statement_samples(problem)
    assert sample.exchanges == (Exchange(JUDGE, "10"), Exchange(PROGRAM, "? 5"),
                                Exchange(JUDGE, "higher"), Exchange(PROGRAM, "? 7"),
                                Exchange(JUDGE, "correct"))
    assert sample.downloads == ("in", "ans")
    assert [_downloaded(problem, 0, k) for k in ("in", "ans")] == ["1.in.download",
                                                                    "1.ans.download"]
    assert all("10 7" not in sample_download(problem, 0, k)[1].read_text()
               for k in ("in", "ans"))


def test_without_download_files_an_interactive_sample_offers_nothing(tmp_path: Path) -> None:
    package = tmp_path / "interactive"
    shutil.copytree(PACKAGES / "interactive", package)
    for file in (package / "data" / "sample").glob("*.download"):
        file.unlink()
    problem = load_problem(package)
    assert statement_samples(problem)[0].downloads == ()
    assert sample_download(problem, 0, "in") is None
    assert sample_file_problems(problem) == [
        "data/sample/1: the input is replaced for display but not for download",
        "data/sample/1: the answer is replaced for display but not for download"]


def test_two_files_replacing_one_part_and_one_sided_overrides_are_reported(
        tmp_path: Path) -> None:
    package = tmp_path / "samples"
    shutil.copytree(PACKAGES / "samples", package)
    sample = package / "data" / "sample"
    (sample / "1.in.statement").write_text("3, shown\n")
    (sample / "2.out").write_text("1000\n")
    assert sample_file_problems(load_problem(package)) == [
        "data/sample/1: the input is replaced for display but not for download",
        "data/sample/2: .out and .ans.statement both replace the answer for display: keep one",
        "data/sample/2: .out and .ans.download both replace the answer for download: keep one"]


def test_attachments_are_the_files_directly_in_the_folder() -> None:
    problem = load_problem(PACKAGES / "samples")
    assert [p.name for p in attachments(problem)] == ["notes é 1.txt", "testing_tool.py"]
    assert attachment(problem, "testing_tool.py") is not None
    for name in (".hidden", "templates", "../problem.yaml", "missing.txt"):
        assert attachment(problem, name) is None
    assert attachment_problems(problem) == []
    assert attachments(load_problem(PACKAGES / "pdfonly")) == []


def test_a_link_out_of_attachments_and_an_unknown_folder(tmp_path: Path) -> None:
    package = tmp_path / "samples"
    shutil.copytree(PACKAGES / "samples", package)
    (package / "attachments" / "escape.txt").symlink_to(package / "problem.yaml")
    (package / "attachments" / "tools").mkdir()
    problem = load_problem(package)
    assert attachment(problem, "escape.txt") is None
    assert attachment_problems(problem) == [
        "attachments/tools: a folder the format does not define (zip it and attach the zip "
        "instead)"]


def test_a_pdf_statement_is_offered_as_its_file() -> None:
    problem = load_problem(PACKAGES / "pdfonly")
    statement = render_statement(problem.statements["en"])
    assert statement.language == "en" and not statement.warnings
    assert 'href="problem.en.pdf"' in statement.html


@pytest.mark.parametrize("name", ["samples", "interactive"])
def test_statements_in_every_language_render(name: str) -> None:
    problem = load_problem(PACKAGES / name)
    for path in problem.statements.values():
        assert render_statement(path, problem.constants).html


def test_older_formats_are_not_held_to_the_rule() -> None:
    from tests.paths import PACKS
    assert sample_file_problems(load_problem(PACKS / "guessing")) == []
