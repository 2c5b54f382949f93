"""problem.yaml `languages` (2025-09 "Languages"): a problem that names its languages takes
no other, refused with the file and key named at submit (`podium judge`, the web's
`check_function_language`) and skipped with that note by `package verify`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from appliance.problems.judging import allows_language, require_language
from appliance.problems.load import load_problem
from appliance.problems.verify import verify
from cli.main import main
from judge.errors import LanguageError
from judge.languages import load_languages
from tests.paths import FIXTURES

PACKAGE = FIXTURES / "packages" / "validation_args"


def only(tmp_path: Path, languages: str) -> Path:
    package = tmp_path / "half"
    shutil.copytree(PACKAGE, package)
    with (package / "problem.yaml").open("a") as f:
        f.write(f"languages: {languages}\n")
    return package


def test_a_problem_takes_only_the_languages_it_names_and_their_variants(tmp_path: Path):
    problem = load_problem(only(tmp_path, "[python3, java]"))
    assert [allows_language(problem, lang) for lang in ("python3", "pypy3", "java", "cpp")] \
        == [True, True, True, False]
    with pytest.raises(LanguageError, match=r"problem\.yaml: languages: this problem takes "
                       r"python3, java, not 'cpp'"):
        require_language(problem, "cpp")
    assert allows_language(load_problem(PACKAGE), "cpp")  # no key: every language


def test_podium_judge_refuses_a_language_the_problem_does_not_take(tmp_path: Path):
    package = only(tmp_path, "[cpp]")
    result = CliRunner().invoke(main, ["judge", str(package),
                                       str(package / "submissions/accepted/half.py")])
    assert result.exit_code == 2
    assert "problem.yaml: languages: this problem takes cpp, not 'python3'" in result.output


@pytest.mark.docker
def test_verify_skips_a_submission_in_a_language_the_problem_does_not_take(
        tmp_path: Path, pool, blobs):
    report = verify(load_problem(only(tmp_path, "[cpp]")), pool, blobs, load_languages(),
                    parts=["submissions"])
    check, = report.submissions
    assert check.got is None and "languages: this problem takes cpp" in check.skipped
