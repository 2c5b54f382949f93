"""The benches against other judges read them right: problemtools' verdict lines (nested
language names, the verdicts its folder did not expect) and DMOJ's problem folders."""

from __future__ import annotations

from pathlib import Path

import yaml

from bench.verify_vs_problemtools import problemtools_verdicts
from bench.vs_dmoj import dmoj_problem

LOG = """\
ERROR Compile error for accepted/Sprinklers.java (Java):
ERROR accepted/sprinklers.cpp (C++) got WA [CPU: 0.00s @ testcase secret/03_random]:
ERROR Compile error for accepted/sprinklers.go (Go) (Go: could not find compiler "gccgo")
ERROR accepted/sprinklers.py (Python 3 (w/PyPy3)) got WA [CPU: 0.03s @ testcase secret/03]:
   wrong_answer/sprinklers_2dp.py (Python 3 (w/PyPy3)) OK: WA [CPU: 0.03s @ testcase sample/1]
   wrong_answer/sprinklers_cout.cpp (C++) OK: WA [CPU: 0.00s @ testcase sample/1]
   sprinklers.cpp       AC:0.00s  WA      0.00s
"""


def test_problemtools_verdicts_expected_or_not_with_nested_language_names() -> None:
    assert problemtools_verdicts(LOG) == {
        "accepted/Sprinklers.java": "could not build", "accepted/sprinklers.cpp": "WA",
        "accepted/sprinklers.go": "could not build", "accepted/sprinklers.py": "WA",
        "wrong_answer/sprinklers_2dp.py": "WA", "wrong_answer/sprinklers_cout.cpp": "WA"}


def test_a_dmoj_problem_lists_each_test_once_with_its_files(tmp_path: Path) -> None:
    dmoj_problem(tmp_path / "sum", [(b"1 2\n", b"3\n"), (b"2 2\n", b"4\n")])
    cases = yaml.safe_load((tmp_path / "sum" / "init.yml").read_text())["test_cases"]
    assert cases == [{"in": "1.in", "out": "1.out", "points": 1},
                     {"in": "2.in", "out": "2.out", "points": 1}]
    assert (tmp_path / "sum" / "2.in").read_bytes() == b"2 2\n"
    assert (tmp_path / "sum" / "2.out").read_bytes() == b"4\n"
