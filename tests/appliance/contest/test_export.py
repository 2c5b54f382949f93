"""`podium export` writes a CLICS contest package: `podium contest import` of it gives the
same contest, and exporting that again gives the same package (the audit's additions under
`audit/` aside: they carry times and a fresh export id, and `event-feed.ndjson`, the
importing store's own log with its own tokens and times)."""

from __future__ import annotations

import json
import socket
import subprocess
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from appliance.audit import AUDIT
from appliance.contest.export import EVENT_FEED
from cli.main import main
from tests.appliance.contest.test_setup import contest_package
from tests.paths import CLIENTS_BIN


def invoke(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def exported(data: Path, out: Path) -> dict[str, bytes]:
    """The package `podium export` writes for spring24, unpacked beside the zip."""
    invoke("export", "spring24", "--out", str(out), "--data", str(data))
    with zipfile.ZipFile(out) as archive:
        archive.extractall(out.with_suffix(""))
        return {name: archive.read(name) for name in archive.namelist()}


def test_export_import_export_gives_the_same_package(tmp_path: Path) -> None:
    first_data, second_data = tmp_path / "one", tmp_path / "two"
    invoke("contest", "import", str(contest_package(tmp_path / "c")), "--data", str(first_data))
    first = exported(first_data, tmp_path / "first.zip")
    assert "contest.json" in first and "contests.json" not in first
    contest = json.loads(first["contest.json"])
    assert (contest["id"], contest["duration"], contest["penalty_time"]) == (
        "spring24", "5:00:00.000", "0:20:00.000")
    problems = json.loads(first["problems.json"])
    assert [(p["id"], p["label"], p["package"][0]["filename"]) for p in problems] == [
        ("hello", "A", "package.zip"), ("sum", "B", "package.zip")]
    assert {"problems/hello/package.zip", "problems/sum/package.zip", "teams.json",
            "organizations.json", "groups.json", "accounts.json", "api.json"} <= set(first)
    assert json.loads(first["api.json"])["version"] == "2026-01"
    assert all("password" not in a for a in json.loads(first["accounts.json"]))

    imported = invoke("contest", "import", str(tmp_path / "first"), "--data", str(second_data))
    assert imported.startswith("spring24: 2 problems, 2 teams, 3 accounts")
    second = exported(second_data, tmp_path / "second.zip")
    package = {name for name in first if not name.startswith(AUDIT) and name != EVENT_FEED}
    assert package == {name for name in second
                       if not name.startswith(AUDIT) and name != EVENT_FEED}
    assert [name for name in sorted(package) if first[name] != second[name]] == []
    assert "ok:" in CliRunner().invoke(main, ["audit", str(tmp_path / "second.zip")]).output


def test_xcpcio_clics_server_serves_the_export(tmp_path: Path) -> None:
    """A third-party reader of contest packages (PyPI `xcpcio`, installed by install.sh into
    `.venv/clients`) serves `podium export`'s zip."""
    server_bin = CLIENTS_BIN / "clics-server"
    if not server_bin.exists():
        pytest.fail(f"{server_bin} is missing: run ./install.sh (it installs xcpcio)")
    data, out = tmp_path / "data", tmp_path / "export.zip"
    invoke("contest", "import", str(contest_package(tmp_path / "c")), "--data", str(data))
    exported(data, out)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([str(server_bin), "-p", str(out), "--host", "127.0.0.1",
                               "--port", str(port)], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        base, contest = f"http://127.0.0.1:{port}/api/contests/spring24", {}
        for _ in range(300):  # until it listens (it unpacks the zip first)
            try:
                contest = json.loads(urllib.request.urlopen(base, timeout=1).read())
                break
            except OSError:
                time.sleep(0.1)
        assert contest["id"] == "spring24"
        problems = json.loads(urllib.request.urlopen(f"{base}/problems", timeout=5).read())
        assert [p["id"] for p in problems] == ["hello", "sum"]
        teams = json.loads(urllib.request.urlopen(f"{base}/teams", timeout=5).read())
        assert {t["id"] for t in teams} == {"t1", "t2"}
    finally:
        server.terminate()
        server.wait(timeout=10)
