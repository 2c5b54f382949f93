"""A hostile LaTeX statement renders within bounds, with warnings, never an error or a page
of millions of cells; `package verify` reports what would break or spoil a page."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from appliance.problems.load import load_problem
from appliance.problems.verify import VerifyReport, check_statements
from appliance.statements.latex import latex_to_html
from appliance.statements.render import MAX_STATEMENT
from tests.paths import PACKS


@pytest.mark.parametrize("tex, warned", [
    (r"\begin{tabular}{cc} \multicolumn{20000000}{c}{x} & y \end{tabular}",
     r"\multicolumn{20000000}: a cell spans 1 to 100; it spans one"),
    (r"\begin{tabular}{cc} \multirow{99999999999}{*}{x} & y \end{tabular}",
     r"\multirow{99999999999}: a cell spans 1 to 100; it spans one"),
    (r"\begin{tabular}{c} \multicolumn{²}{c}{x} \end{tabular}",
     r"\multicolumn{²}: a cell spans 1 to 100; it spans one"),
    (r"\includegraphics[width=1.2.3\textwidth]{a.png}",
     r"width=1.2.3\textwidth is not a number: the image keeps its own width"),
], ids=["multicolumn", "multirow", "superscript-two", "width"])
def test_an_unbounded_or_unreadable_number_is_a_warning(tex: str, warned: str) -> None:
    _, body, warnings = latex_to_html(tex)
    assert warnings == (f"line 1: {warned}",)
    assert len(body) < 300
    assert 'colspan="' not in body and 'rowspan="' not in body and "style=" not in body


def test_a_column_specification_repeated_a_billion_times_stays_small() -> None:
    _, body, _ = latex_to_html(r"\begin{tabular}{*{1000000000}{c}} a & b \end{tabular}")
    assert body.count("<td") == 2


def test_a_span_within_the_bound_is_kept() -> None:
    _, body, warnings = latex_to_html(r"\begin{tabular}{ccc} \multicolumn{3}{c}{x} \end{tabular}")
    assert 'colspan="3"' in body and not warnings


def test_package_verify_reports_a_statement_that_would_spoil_its_page(tmp_path: Path) -> None:
    folder = tmp_path / "sum"
    shutil.copytree(PACKS / "sum", folder)
    for old in (folder / "statement").glob("problem.*"):
        old.unlink()
    (folder / "statement" / "problem.en.tex").write_text(
        "\\problemname{Sum}\n\\begin{tabular}{c}\\multicolumn{20000000}{c}{x}\\end{tabular}\n"
        "\\includegraphics[width=1.2.3\\textwidth]{a.png}\n")
    report = VerifyReport("sum")
    check_statements(load_problem(folder), report)
    assert report.errors == []
    assert report.warnings == [
        "statement/problem.en.tex: line 2: \\multicolumn{20000000}: a cell spans 1 to 100; "
        "it spans one",
        "statement/problem.en.tex: line 3: width=1.2.3\\textwidth is not a number: the image "
        "keeps its own width"]


def test_package_verify_refuses_a_statement_too_large_to_render(tmp_path: Path) -> None:
    folder = tmp_path / "sum"
    shutil.copytree(PACKS / "sum", folder)
    statement = next((folder / "statement").glob("problem.*.md"))
    statement.write_text("x" * (MAX_STATEMENT + 1))
    report = VerifyReport("sum")
    check_statements(load_problem(folder), report)
    assert report.errors == [f"{statement}: 1,048,577 characters; a statement may hold at "
                             "most 1,048,576"]
