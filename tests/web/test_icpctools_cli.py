"""icpctools' `contest` command-line client (Go), unchanged: a pinned copy of its sources
with their licences in `tests/fixtures/clients/icpctools-cli/`, built once per version of
those sources into pytest's cache. Against a Podium server a team lists the problems,
submits (the client takes the POST's 200 as success), lists its submissions and posts a
clarification."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import paths
from tests.webserver import A_PLUS_B, as_user, make_contest, server_thread

SOURCES = paths.FIXTURES / "clients" / "icpctools-cli"


def sources_digest() -> str:
    """What the build depends on: every pinned file, by path and content."""
    digest = hashlib.sha256()
    for path in sorted(p for p in SOURCES.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(SOURCES)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


@pytest.fixture(scope="module")
def client(request: pytest.FixtureRequest) -> Path:
    """The `contest` binary, built from the pinned sources unless this version is cached."""
    if shutil.which("go") is None:
        pytest.fail("go is missing: run ./install.sh (it installs golang-go and the "
                    "golang-*-dev packages the client builds with)")
    binary = request.config.cache.mkdir("icpctools-cli") / f"contest-{sources_digest()}"
    if not binary.exists():
        done = subprocess.run([str(SOURCES / "build.sh"), str(binary)], capture_output=True,
                              text=True, timeout=600)
        assert done.returncode == 0, "building icpctools' contest failed:\n" + done.stderr
    return binary


@pytest.fixture(scope="module")
def contest(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict, Path]]:
    data = tmp_path_factory.mktemp("icpctools-cli")
    logins = make_contest(data, teams=2)
    with server_thread(data) as base:
        yield base, logins, data


def run(client: Path, contest, home: Path, *args: str) -> subprocess.CompletedProcess:
    """The client as team001 runs it, its settings (under ~/.config/icpc) kept in `home`."""
    base, logins, _ = contest
    env = {**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config")}
    return subprocess.run([str(client), *args, "-b", base + "/api", "-u", "team001",
                           "-p", logins["team001"], "-c", "test"],
                          cwd=home, env=env, capture_output=True, text=True, timeout=60)


def test_contest_lists_the_problems(client, contest, tmp_path: Path) -> None:
    done = run(client, contest, tmp_path, "problem")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Problems (2):" in done.stdout
    assert "Sum of Two Integers" in done.stdout and "Double Sprinklers" in done.stdout


def test_contest_submits_and_lists_the_submission(client, contest, tmp_path: Path) -> None:
    (tmp_path / "sum.py").write_bytes(A_PLUS_B)
    done = run(client, contest, tmp_path, "submit", "-f", "sum.py")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "accepted at" in done.stdout
    made = as_user(contest, "team001").get("/api/contests/test/submissions").json()
    assert [(s["problem_id"], s["language_id"]) for s in made][:1] == [("sum", "python3")]
    listed = run(client, contest, tmp_path, "submissions")
    assert listed.returncode == 0, listed.stdout + listed.stderr
    assert f"Submissions ({len(made)}):" in listed.stdout


def test_contest_submits_several_python_files_the_first_leading(client, contest,
                                                                tmp_path: Path) -> None:
    """No entry point (Python requires none): the first file given is the main one."""
    (tmp_path / "sum.py").write_bytes(b"from helper import add\n"
                                      b"print(add(*map(int, input().split())))\n")
    (tmp_path / "helper.py").write_bytes(b"def add(a, b):\n    return a + b\n")
    done = run(client, contest, tmp_path, "submit", "-f", "sum.py", "helper.py")
    assert done.returncode == 0, done.stdout + done.stderr
    made = as_user(contest, "team001").get("/api/contests/test/submissions").json()
    assert made[-1]["entry_point"] == "sum.py"


def test_contest_posts_a_clarification(client, contest, tmp_path: Path) -> None:
    done = run(client, contest, tmp_path, "post-clar", "--problem", "sum", "Can a be negative?")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Clarification accepted at" in done.stdout
    clarifications = as_user(contest, "jury").get("/api/contests/test/clarifications").json()
    assert [(c["from_team_id"], c["problem_id"], c["text"]) for c in clarifications] == \
        [("team001", "sum", "Can a be negative?")]
    listed = run(client, contest, tmp_path, "clar")
    assert listed.returncode == 0, listed.stdout + listed.stderr
    assert "Clarifications (1):" in listed.stdout
