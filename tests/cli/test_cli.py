"""The `podium` command line: one-line errors (status 2), JSON and tables, JE on a dead engine."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import main
from tests.paths import PACKS

SUM = PACKS / "sum"
ACCEPTED_C = SUM / "submissions/accepted/sum.c"


def invoke(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(main, list(args), env=env)


def test_broken_package_is_one_line_and_status_2(tmp_path: Path) -> None:
    (tmp_path / "problem.yaml").write_text("limits:\n  memroy: 1\n")
    result = invoke("judge", str(tmp_path), str(ACCEPTED_C))
    assert result.exit_code == 2
    assert "unknown key 'limits.memroy'" in result.output
    assert "Traceback" not in result.output


def test_unknown_extension_is_status_2(tmp_path: Path) -> None:
    source = tmp_path / "solution.xyz"
    source.write_text("x")
    result = invoke("judge", str(SUM), str(source))
    assert result.exit_code == 2 and "--lang" in result.output


def test_missing_source_is_status_2(tmp_path: Path) -> None:
    result = invoke("judge", str(SUM), str(tmp_path / "nothing.c"))
    assert result.exit_code == 2 and "cannot read" in result.output


def test_unknown_language_id_is_status_2() -> None:
    result = invoke("judge", str(SUM), str(ACCEPTED_C), "--lang", "cobol")
    assert result.exit_code == 2 and "unknown language 'cobol'" in result.output


def test_serve_without_a_contest_says_how_to_get_one(tmp_path: Path) -> None:
    result = invoke("serve", "--data", str(tmp_path), "--no-judge")
    assert result.exit_code == 2 and "podium contest import" in result.output
    assert "--demo" in result.output


@pytest.mark.docker
def test_judge_json_has_the_documented_shape(data_dir: Path) -> None:
    result = invoke("judge", str(SUM), str(ACCEPTED_C), "--json", "--data", str(data_dir))
    assert result.exit_code == 0, result.output
    judgement = json.loads(result.output)
    assert judgement["verdict"] == "AC"
    assert set(judgement) == {"verdict", "time", "memory", "compile_output", "tests"}
    assert len(judgement["tests"]) == 12
    for test in judgement["tests"]:
        assert {"name", "verdict", "time", "wall_time", "memory", "exit_code",
                "signal"} <= set(test)
        assert test["verdict"] == "AC" and test["exit_code"] == 0 and test["signal"] is None
        assert 0 <= test["time"] < 1.0 and test["memory"] > 0


@pytest.mark.docker
def test_judge_prints_a_table_and_the_verdict(data_dir: Path) -> None:
    source = SUM / "submissions/wrong_answer/sum_int32.c"
    result = invoke("judge", str(SUM), str(source), "--data", str(data_dir))
    assert result.exit_code == 0, result.output
    assert "secret/02" in result.output and "Wrong Answer" in result.output
    assert 'expected "2000000000000000000"' in result.output


@pytest.mark.docker
def test_all_tests_option_runs_past_the_first_failure(data_dir: Path) -> None:
    source = SUM / "submissions/wrong_answer/sum_int32.c"
    result = invoke("judge", str(SUM), str(source), "--json", "--all-tests",
                    "--data", str(data_dir))
    tests = json.loads(result.output)["tests"]
    assert len(tests) == 12 and tests[0]["verdict"] == "AC"


def test_dead_docker_engine_is_a_judging_error_not_a_verdict(tmp_path: Path) -> None:
    env = {"DOCKER_HOST": f"unix://{tmp_path}/no-engine.sock"}
    result = invoke("judge", str(SUM), str(ACCEPTED_C), "--json", "--data", str(tmp_path),
                    env=env)
    assert result.exit_code == 1
    judgement = json.loads(result.output)
    assert judgement["verdict"] == "JE" and "Docker engine does not answer" in judgement["error"]


def test_package_import_export_round_trip(tmp_path: Path) -> None:
    data = str(tmp_path / "data")
    first = invoke("package", "import", str(SUM), "--data", data)
    assert first.exit_code == 0, first.output
    ident = first.output.split(":")[0]
    assert ident.startswith("sum-") and "12 test cases, 1 validator," in first.output
    out = tmp_path / "sum.zip"
    assert invoke("package", "export", ident, "--out", str(out), "--data", data).exit_code == 0
    again = invoke("package", "import", str(out), "--data", data)
    assert again.exit_code == 0 and again.output == first.output


def test_package_import_refuses_a_zip_that_leaves_its_folder(tmp_path: Path) -> None:
    evil = tmp_path / "evil.zip"
    with zipfile.ZipFile(evil, "w") as archive:
        archive.writestr("p/problem.yaml", "name: x\n")
        archive.writestr("p/../../etc/evil", "x")
    result = invoke("package", "import", str(evil), "--data", str(tmp_path / "data"))
    assert result.exit_code == 2
    assert "'p/../../etc/evil' leaves the package" in result.output
    assert not any((tmp_path / "data/packages").glob("p*"))


def test_exporting_an_unknown_package_names_the_ones_there_are(tmp_path: Path) -> None:
    result = invoke("package", "export", "nope", "--out", str(tmp_path / "x.zip"),
                    "--data", str(tmp_path))
    assert result.exit_code == 2 and "no imported package 'nope'" in result.output


@pytest.mark.docker
def test_judge_uses_the_packages_custom_output_validator(data_dir: Path) -> None:
    # largest.py prints another proper divisor than the .ans files hold: only the package's
    # own checker can accept it.
    divisors = PACKS / "divisors"
    result = invoke("judge", str(divisors), str(divisors / "submissions/accepted/largest.py"),
                    "--json", "--data", str(data_dir))
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["verdict"] == "AC"
