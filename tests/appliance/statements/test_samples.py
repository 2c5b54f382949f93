"""The samples a statement shows: transcripts for interactive problems (never their secret
inputs), input beside answer for the others."""

from __future__ import annotations

import shutil
from pathlib import Path

from appliance.problems.load import load_problem
from appliance.statements.samples import (
    JUDGE,
    NEXT_PASS,
    PROGRAM,
    Exchange,
    read_interaction,
    sample_download,
    statement_samples,
)
from tests.paths import PACKS


def test_an_interaction_is_read_as_the_judges_and_the_programs_turns() -> None:
    assert read_interaction("<10\n>? 5\n<higher\n") == (
        Exchange(JUDGE, "10"), Exchange(PROGRAM, "? 5"), Exchange(JUDGE, "higher"))


def test_consecutive_lines_of_one_side_are_one_turn() -> None:
    assert read_interaction("<3\n<1 2 3\n>6\n>done\n") == (
        Exchange(JUDGE, "3\n1 2 3"), Exchange(PROGRAM, "6\ndone"))


def test_passes_are_separated_and_stray_lines_continue_the_side_before() -> None:
    assert read_interaction("<1\n---\n>2\nstill 2\n\n") == (
        Exchange(JUDGE, "1"), Exchange(NEXT_PASS), Exchange(PROGRAM, "2\nstill 2"))
    assert read_interaction("hello\n") == (Exchange(JUDGE, "hello"),)


def test_an_interactive_problem_shows_its_transcript_and_never_its_input() -> None:
    guessing = load_problem(PACKS / "guessing")
    (sample,) = statement_samples(guessing)
    assert sample.given == "" and sample.expected == "" and sample.downloads == ()
    assert sample.exchanges[:3] == (Exchange(JUDGE, "10"), Exchange(PROGRAM, "? 5"),
                                    Exchange(JUDGE, "higher"))
    assert all("10 7" not in e.text for e in sample.exchanges)  # the hidden number
    assert sample_download(guessing, 0, "in") is None
    assert sample_download(guessing, 0, "ans") is None


def test_other_problems_show_and_offer_input_and_answer() -> None:
    total = load_problem(PACKS / "sum")
    samples = statement_samples(total)
    assert samples and samples[0].given and samples[0].index == 0 and not samples[0].exchanges
    name, path = sample_download(total, 0, "in")
    assert path.read_text() == samples[0].given and name == samples[0].name
    assert sample_download(total, len(samples), "in") is None


def test_a_transcript_given_beside_an_ordinary_sample_replaces_its_display(
        tmp_path: Path) -> None:
    package = tmp_path / "sum"
    shutil.copytree(PACKS / "sum", package)
    first = sorted((package / "data" / "sample").glob("*.in"))[0]
    first.with_suffix(".interaction").write_text("<1 2\n>3\n")
    problem = load_problem(package)
    shown = statement_samples(problem)[0]
    assert shown.exchanges == (Exchange(JUDGE, "1 2"), Exchange(PROGRAM, "3"))
    assert sample_download(problem, 0, "in") is not None  # still its input to download
