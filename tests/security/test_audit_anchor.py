"""The audit archive's anchor: a judgement flipped WA→AC with every hash, the event chain, the
scoreboard and the manifest recomputed still fails `podium audit`, naming the file and the
event; signed again with another key it fails against the published fingerprint."""

from __future__ import annotations

import hashlib
import json
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from appliance.audit import FEED, MANIFEST, MANIFEST_HASH, SCOREBOARD, SIGNATURE, chain
from appliance.contest.setup import import_contest, quick_contest
from appliance.judging.queue import JudgeQueue
from appliance.scoreboard.standings import scoreboard_from_rows
from appliance.signing import KEY_FILE, signing_key
from appliance.store import Store
from cli.main import main
from judge.judging import Judgement
from judge.verdicts import Verdict
from tests.paths import PACKS


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A judged contest's archive (its first judgement WA) and the key's fingerprint."""
    data = tmp_path_factory.mktemp("anchor") / "data"
    with Store.open(data) as store:
        import_contest(store, quick_contest("Anchor", [PACKS / "sum"], 2), data / "packages")
        queue = JudgeQueue(store)
        for i, verdict in enumerate([Verdict.WA, Verdict.AC]):
            store.submit(contest_id="anchor", team_id=f"team00{i + 1}", problem_id="sum",
                         language_id="python3", source=b"print(1)\n", file_name="a.py",
                         time="2026-11-23T12:00:00+00:00", contest_time=60.0 * (i + 1))
            claim = queue.claim("w", 60, now=1000.0 + i)
            assert queue.complete(claim, Judgement(verdict), now=1001.0 + i)
    out = data.parent / "anchor.zip"
    result = CliRunner().invoke(main, ["export", "anchor", "--out", str(out), "--data", str(data)])
    assert result.exit_code == 0, result.output
    assert (data / KEY_FILE).stat().st_mode & 0o077 == 0  # the private key is owner-only
    fingerprint = signing_key(data).fingerprint
    assert f"signed by the key whose fingerprint is {fingerprint}" in result.output
    return out, fingerprint


def forged(archive: Path, out: Path, resign_dir: Path | None = None) -> Path:
    """The archive with its WA judgement made AC everywhere (objects, feed, scoreboard), every
    hash, the chain and the manifest recomputed; signed again with another key if given a
    data folder to make one in, else with the original signatures left as they were."""
    with zipfile.ZipFile(archive) as z:
        files = {name: z.read(name) for name in z.namelist()}
    judgements = json.loads(files["audit/judgements.json"])
    wrong = next(j for j in judgements if j["verdict"] == "WA")
    wrong["verdict"] = "AC"
    files["audit/judgements.json"] = json.dumps(judgements, indent=1, sort_keys=True).encode()
    lines = []
    for line in files[FEED].splitlines():
        event = json.loads(line)
        if event["type"] == "judgements" and event["data"]["id"] == str(wrong["id"]):
            event["data"]["judgement_type_id"] = "AC"
        lines.append(json.dumps(event, sort_keys=True, separators=(",", ":")).encode())
    files[FEED] = b"".join(line + b"\n" for line in lines)
    contest = json.loads(files["audit/contests.json"])[0]
    board = scoreboard_from_rows(contest, json.loads(files["audit/teams.json"]),
                                 json.loads(files["audit/problems.json"]),
                                 [json.loads(line) for line in lines])
    files[SCOREBOARD] = json.dumps([r.to_json() for r in board.view(public=False)],
                                   indent=1).encode()
    manifest = json.loads(files[MANIFEST])
    manifest["files"] = {name: hashlib.sha256(data).hexdigest()
                         for name, data in files.items() if name in manifest["files"]}
    manifest["sizes"] = {name: len(data)  # a careful forger fixes the sizes too
                         for name, data in files.items() if name in manifest["sizes"]}
    manifest["event_chain"] = chain(lines)[-1]
    files[MANIFEST] = json.dumps(manifest, indent=1, sort_keys=True).encode()
    files[MANIFEST_HASH] = hashlib.sha256(files[MANIFEST]).hexdigest().encode() + b"\n"
    if resign_dir is not None:  # the forger's own key, signing exactly as export does
        from appliance.audit import _signed
        key = signing_key(resign_dir)
        signature = json.loads(files[SIGNATURE])
        signature.update(
            public_key=key.public_pem, fingerprint=key.fingerprint,
            manifest=key.sign(files[MANIFEST]),
            files={name: key.sign(_signed(manifest["export"], "file", name, digest))
                   for name, digest in manifest["files"].items()},
            events=[key.sign(_signed(manifest["export"], "event", str(i), link))
                    for i, link in enumerate(chain(lines))])
        files[SIGNATURE] = json.dumps(signature).encode()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)
    return out


def audit(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["audit", *args])
    return result.exit_code, result.output


def test_an_untouched_archive_passes_against_the_published_fingerprint(exported) -> None:
    archive, fingerprint = exported
    status, output = audit(str(archive), "--key", fingerprint)
    assert status == 0, output
    assert f"signed by the expected key {fingerprint}" in output
    status, output = audit(str(archive))  # no fingerprint given: it says what to compare
    assert status == 0, output
    assert f"signed by the key whose fingerprint is {fingerprint}: compare it" in output


def test_a_judgement_flipped_with_every_hash_recomputed_fails_naming_file_and_event(
        exported, tmp_path: Path) -> None:
    archive, fingerprint = exported
    status, output = audit(str(forged(archive, tmp_path / "forged.zip")), "--key", fingerprint)
    assert status == 1
    mismatch = f"its signature does not match the key whose fingerprint is {fingerprint}"
    assert f"FAIL {MANIFEST}: {mismatch}" in output
    assert f"FAIL audit/judgements.json: changed since it was signed ({mismatch})" in output
    assert f"FAIL {SCOREBOARD}: changed since it was signed" in output
    assert "FAIL audit/teams.json" not in output  # what was not changed is not named
    assert f"FAIL {FEED}: event " in output and ", judgements " in output
    # without the fingerprint it fails all the same: the signatures are the archive's own
    assert audit(str(tmp_path / "forged.zip"))[0] == 1


def test_a_forgery_signed_again_with_another_key_fails_against_the_published_one(
        exported, tmp_path: Path) -> None:
    archive, fingerprint = exported
    copy = forged(archive, tmp_path / "resigned.zip", resign_dir=tmp_path / "forger")
    other = signing_key(tmp_path / "forger").fingerprint
    status, output = audit(str(copy), "--key", fingerprint)
    assert status == 1
    assert (f"FAIL {SIGNATURE}: signed by the key whose fingerprint is {other}, not by the "
            f"expected {fingerprint}") in output
    # without --key it passes, and says whose key it is, for the auditor to compare
    status, output = audit(str(copy))
    assert status == 0 and f"whose fingerprint is {other}: compare it" in output


def test_the_key_may_be_given_as_its_public_key_file(exported, tmp_path: Path) -> None:
    archive, fingerprint = exported
    with zipfile.ZipFile(archive) as z:
        pem = json.loads(z.read(SIGNATURE))["public_key"]
    (tmp_path / "podium.pub").write_text(pem)
    assert audit(str(archive), "--key", str(tmp_path / "podium.pub"))[0] == 0
    assert audit(str(archive), "--key", fingerprint.removeprefix("SHA256:"))[0] == 0


def test_an_unsigned_archive_fails(exported, tmp_path: Path) -> None:
    archive, _ = exported
    copy = tmp_path / "unsigned.zip"
    with zipfile.ZipFile(archive) as src, zipfile.ZipFile(copy, "w") as dst:
        for info in src.infolist():
            if info.filename != SIGNATURE:
                dst.writestr(info, src.read(info))
    status, output = audit(str(copy))
    assert status == 1 and f"FAIL {SIGNATURE}: missing: the archive is not signed" in output


def test_finalize_prints_the_fingerprint_to_publish(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with Store.open(data) as store:
        import_contest(store, quick_contest("Ended", [PACKS / "sum"], 1, duration_s=60,
                                            freeze_s=0, start_time=datetime(2020, 1, 1,
                                                                            tzinfo=UTC)),
                       data / "packages")
    result = CliRunner().invoke(main, ["contest", "clock", "ended", "finalize",
                                       "--data", str(data)])
    assert result.exit_code == 0, result.output
    assert (f"Audit archives are signed by the key whose fingerprint is "
            f"{signing_key(data).fingerprint}: publish it") in result.output
