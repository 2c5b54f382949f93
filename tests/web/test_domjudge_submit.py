"""DOMjudge's own command-line `submit` client, unchanged (a pinned copy with its licence in
`tests/fixtures/clients/domjudge-submit/`), against a Podium server: it finds the contest,
lists every problem and language, and submits with DOMjudge's multipart form."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from judge.languages import load_languages
from tests import paths
from tests.webserver import A_PLUS_B, as_user, make_contest, server_thread

SUBMIT = paths.REPO / "tests" / "fixtures" / "clients" / "domjudge-submit" / "submit"


@pytest.fixture(scope="module")
def contest(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict, Path]]:
    data = tmp_path_factory.mktemp("domjudge-submit")
    logins = make_contest(data, teams=2)
    with server_thread(data) as base:
        yield base, logins, data


def run_submit(contest, home: Path, *args: str) -> subprocess.CompletedProcess:
    """The client as a team runs it: credentials in ~/.netrc, the server's URL given."""
    base, logins, _ = contest
    netrc = home / ".netrc"
    netrc.write_text(f"machine 127.0.0.1 login team001 password {logins['team001']}\n")
    netrc.chmod(0o600)
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUBMIT")}
    return subprocess.run([sys.executable, str(SUBMIT), "--url", base + "/", *args],
                          cwd=home, env={**env, "HOME": str(home)}, capture_output=True,
                          text=True, timeout=60)


def test_submit_lists_every_problem_and_language(contest, tmp_path: Path) -> None:
    done = run_submit(contest, tmp_path, "--help")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Could not obtain" not in done.stdout + done.stderr
    assert "the only active contest 'test'" in done.stdout
    for label in ("A", "B"):
        assert f"\n    {label} - " in done.stdout
    for language in load_languages().values():
        assert f"\n    {language.name}" in done.stdout, language.name


def test_submit_submits_a_file_named_after_its_problem(contest, tmp_path: Path) -> None:
    source = tmp_path / "sum.py"
    source.write_bytes(A_PLUS_B)
    done = run_submit(contest, tmp_path, "-y", "sum.py")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Submission received: id = s" in done.stdout, done.stdout + done.stderr
    sid = done.stdout.split("id = s", 1)[1].split(",", 1)[0]
    made = as_user(contest, "team001").get(f"/api/contests/test/submissions/{sid}").json()
    assert (made["problem_id"], made["language_id"], made["team_id"]) == \
        ("sum", "python3", "team001")
