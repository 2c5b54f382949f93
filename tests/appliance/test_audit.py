"""The audit archive: export then audit passes; any flipped byte fails it, naming the file."""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from appliance.audit import MANIFEST, audit_archive
from appliance.contest.setup import import_contest, quick_contest
from appliance.judging.queue import JudgeQueue
from appliance.store import Store
from cli.main import main
from judge.judging import Judgement
from judge.verdicts import Verdict
from tests.paths import PACKS

VERDICTS = [Verdict.WA, Verdict.AC, Verdict.CE, Verdict.AC, Verdict.TLE, Verdict.AC]


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A judged contest's archive, exported through the CLI."""
    root = tmp_path_factory.mktemp("archive")
    data = root / "data"
    with Store.open(data) as store:
        import_contest(store, quick_contest("Audit", [PACKS / "sum", PACKS / "hello"], 2),
                       data / "packages")
        queue = JudgeQueue(store)
        for i, verdict in enumerate(VERDICTS):
            store.submit(contest_id="audit", team_id=f"team00{i % 2 + 1}",
                         problem_id="sum" if i < 4 else "hello", language_id="python3",
                         source=f"print({i})\n".encode(), file_name="a.py",
                         time="2026-11-23T12:00:00+00:00", contest_time=90.0 * i)
            claim = queue.claim("w", 60, now=1000.0 + i)
            assert queue.complete(claim, Judgement(verdict), now=1001.0 + i)
        # a rejudge: the first submission becomes AC; its old judgement stays, not current
        assert queue.rejudge(1)
        claim = queue.claim("w", 60, now=2000.0)
        assert queue.complete(claim, Judgement(Verdict.AC), now=2001.0)
    out = root / "audit.zip"
    result = CliRunner().invoke(main, ["export", "audit", "--out", str(out), "--data", str(data)])
    assert result.exit_code == 0, result.output
    return out


def test_an_exported_archive_passes_the_audit(archive: Path) -> None:
    result = CliRunner().invoke(main, ["audit", str(archive)])
    assert result.exit_code == 0, result.output
    assert "the replayed scoreboard matches" in result.output
    with zipfile.ZipFile(archive) as z:
        names = set(z.namelist())
    assert {"contest.json", "problems.json", "teams.json", "submissions.json",
            "judgements.json", "runs.json", "problems/sum/package.zip", "audit/contests.json",
            "audit/teams.json", "audit/events.ndjson", "audit/scoreboard.json",
            MANIFEST} <= names
    assert "contests.json" not in names  # a contest package's is singular
    assert "submissions/1/files.zip" in names


def test_exporting_a_contest_not_in_the_store_is_one_line_and_status_2(tmp_path: Path) -> None:
    data = tmp_path / "data"
    result = CliRunner().invoke(main, ["export", "nope", "--out", str(tmp_path / "a.zip"),
                                       "--data", str(data)])
    assert result.exit_code == 2
    assert result.output == f"Error: no contest 'nope' in {data}\n"
    assert not (tmp_path / "a.zip").exists()


def flipped(archive: Path, name: str, tmp_path: Path, offset: int = 40) -> Path:
    """A copy of the archive with one byte of one member changed."""
    copy = tmp_path / f"tampered-{name.replace('/', '_')}.zip"
    with zipfile.ZipFile(archive) as src, zipfile.ZipFile(copy, "w") as dst:
        for info in src.infolist():
            data = bytearray(src.read(info))
            if info.filename == name:
                data[min(offset, len(data) - 1)] ^= 0x01
            dst.writestr(info, bytes(data))
    return copy


@pytest.mark.parametrize("member", ["audit/events.ndjson", "audit/scoreboard.json",
                                    "audit/judgements.json", "judgements.json",
                                    "submissions/3/files.zip", "audit/teams.json",
                                    "problems/sum/package.zip", MANIFEST])
def test_a_flipped_byte_fails_the_audit_and_names_the_file(archive: Path, tmp_path: Path,
                                                           member: str) -> None:
    report = audit_archive(flipped(archive, member, tmp_path, offset=5))
    assert not report.ok
    assert any(problem.startswith(member) for problem in report.problems), report.problems
    result = CliRunner().invoke(main, ["audit", str(flipped(archive, member, tmp_path, 5))])
    assert result.exit_code == 1 and f"FAIL {member}" in result.output


def test_a_missing_member_is_named(archive: Path, tmp_path: Path) -> None:
    copy = tmp_path / "missing.zip"
    with zipfile.ZipFile(archive) as src, zipfile.ZipFile(copy, "w") as dst:
        for info in src.infolist():
            if info.filename != "audit/runs.json":
                dst.writestr(info, src.read(info))
    assert "audit/runs.json: listed in the manifest but missing" in audit_archive(copy).problems


def rezipped(archive: Path, tmp_path: Path, extra: dict[str, bytes] | None = None) -> Path:
    """The archive unzipped and zipped again with `zip -r`, which adds folder entries
    (`submissions/`, `submissions/1/`, ...), optionally with extra files in the tree."""
    tree = tmp_path / "tree"
    with zipfile.ZipFile(archive) as z:
        z.extractall(tree)
    for name, data in (extra or {}).items():
        (tree / name).parent.mkdir(parents=True, exist_ok=True)
        (tree / name).write_bytes(data)
    out = tmp_path / "rezipped.zip"
    subprocess.run(["zip", "-q", "-r", str(out), "."], cwd=tree, check=True)
    return out


def test_an_untouched_archive_zipped_again_with_folder_entries_passes(archive: Path,
                                                                      tmp_path: Path) -> None:
    copy = rezipped(archive, tmp_path)
    with zipfile.ZipFile(copy) as z:
        assert "submissions/1/" in z.namelist()  # the folder entries this is about
    result = CliRunner().invoke(main, ["audit", str(copy)])
    assert result.exit_code == 0, result.output
    assert "the replayed scoreboard matches" in result.output


def test_a_file_added_in_a_folder_is_still_named(archive: Path, tmp_path: Path) -> None:
    copy = rezipped(archive, tmp_path, {"submissions/1/files/extra.py": b"print(1)\n"})
    report = audit_archive(copy)
    assert report.problems == ["submissions/1/files/extra.py: not in the manifest"]
    result = CliRunner().invoke(main, ["audit", str(copy)])
    assert result.exit_code == 1
    assert "FAIL submissions/1/files/extra.py: not in the manifest" in result.output


def test_a_member_name_held_twice_fails_naming_it(archive: Path, tmp_path: Path) -> None:
    copy = tmp_path / "twice.zip"
    with zipfile.ZipFile(archive) as src, zipfile.ZipFile(copy, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        with pytest.warns(UserWarning, match="Duplicate name"):
            dst.writestr("audit/teams.json", b"[]")
    report = audit_archive(copy)
    assert report.problems == ["audit/teams.json: held twice in the zip"]
    result = CliRunner().invoke(main, ["audit", str(copy)])
    assert result.exit_code == 1 and "FAIL audit/teams.json: held twice in the zip" in result.output
