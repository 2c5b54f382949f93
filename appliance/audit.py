"""The audit archive of a contest: a CLICS Contest Package (`appliance/contest/export.py`:
`contest.json`, `problems.json` with the problem packages, `teams.json`, `submissions.json`
with every source, ...) and, beside it under `audit/`, the store's rows, the event log, the
final scoreboard and a manifest of SHA-256 hashes of every file, with the events linked in a
hash chain, all signed with the data folder's key (`appliance/signing.py`). Tools that read
contest packages read the archive as one; `podium contest import` imports it.

`export_archive` writes it; `audit_archive` checks every hash and the chain, the signatures
(against the fingerprint published at contest end, when the auditor gives it), replays the
event feed into a fresh scoreboard and compares it with the one stored. A flipped byte
anywhere is found and the file it is in is named. Hashes alone bind nothing: whoever edits a
judgement can recompute them all. The signatures are the anchor: the manifest is signed as a
whole, and each file and each link of the event chain on its own, so a rewritten archive that
keeps the signatures is caught file by file and at its first changed event.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from appliance.contest.export import package_files
from appliance.errors import ApplianceError
from appliance.events import contest_events
from appliance.scoreboard.standings import scoreboard_from_rows, scoreboard_from_store
from appliance.signing import (
    SigningError,
    SigningKey,
    fingerprint,
    public_key,
    signing_key,
    verifies,
)
from appliance.store import Store
from appliance.text.counts import count
from appliance.zips import MemberRefused, member_chunks, read_member

AUDIT = "audit/"  # the audit's additions, beside the contest package
MANIFEST = f"{AUDIT}manifest.json"
MANIFEST_HASH = f"{AUDIT}manifest.sha256"  # the manifest's own hash: a flipped byte shows too
FEED = f"{AUDIT}events.ndjson"  # the store's event log, in the hash chain
SCOREBOARD = f"{AUDIT}scoreboard.json"
PRINTS = f"{AUDIT}print-jobs/"  # each print job's PDF, by its id
SIGNATURE = f"{AUDIT}signature.json"  # the public key, the signatures of manifest, files, links
_UNLISTED = {MANIFEST, MANIFEST_HASH, SIGNATURE}
# Each table's rows of one contest (`:contest`): never another contest's, nor practice's.
_OF_CONTEST = "SELECT id FROM submissions WHERE contest_id = :contest"
_TEAMS = "SELECT team_id FROM contest_teams WHERE contest_id = :contest"
_MADE = "SELECT id FROM events WHERE contest_id = :contest AND type = '%s'"
_TABLES = {
    "contests": "SELECT * FROM contests WHERE id = :contest",
    "problems": "SELECT * FROM problems WHERE contest_id = :contest",
    "teams": f"SELECT * FROM teams WHERE id IN ({_TEAMS})",
    "organizations": f"SELECT * FROM organizations WHERE id IN ({_MADE % 'organizations'}) "
                     f"OR id IN (SELECT organization_id FROM teams WHERE id IN ({_TEAMS}))",
    "groups": f"SELECT * FROM groups WHERE id IN ({_MADE % 'groups'}) OR id IN "
              f"(SELECT group_id FROM team_groups WHERE team_id IN ({_TEAMS}))",
    "submissions": "SELECT * FROM submissions WHERE contest_id = :contest",
    "judgements": f"SELECT * FROM judgements WHERE submission_id IN ({_OF_CONTEST})",
    "runs": "SELECT * FROM runs WHERE judgement_id IN (SELECT id FROM judgements WHERE "
            f"submission_id IN ({_OF_CONTEST}))",
    "submission_ignores": "SELECT * FROM submission_ignores WHERE submission_id IN "
                          f"({_OF_CONTEST}) ORDER BY id",
    "balloon_deliveries": "SELECT * FROM balloon_deliveries WHERE contest_id = :contest "
                          "ORDER BY team_id, problem_id",
    "print_jobs": "SELECT * FROM print_jobs WHERE contest_id = :contest ORDER BY id",
    # the ceremony's order: which cell each step showed, who took it and when
    "reveal_steps": "SELECT * FROM reveal_steps WHERE contest_id = :contest ORDER BY step",
}
_DATE = (1980, 1, 1, 0, 0, 0)
KEPT = 256 * 1024 * 1024  # bytes of one member the audit holds whole (objects, feed)
MAX_MEMBER = 1024 * 1024 * 1024  # bytes of a member the manifest gives no size for


class AuditError(ApplianceError):
    """The archive cannot be written as asked (the contest is not in the store)."""


def _canonical(value: object) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":")).encode()


def chain(lines: list[bytes]) -> list[str]:
    """The hash chain over event lines: each link hashes the previous link and the line."""
    links, previous = [], ""
    for line in lines:
        previous = hashlib.sha256(previous.encode() + line).hexdigest()
        links.append(previous)
    return links


def _signed(export: str, kind: str, name: str, digest: str) -> bytes:
    """What one file's or one chain link's signature covers: the export it belongs to (so it
    cannot be moved into another archive), what it is, and its hash."""
    return "\0".join(("podium-audit", export, kind, name, digest)).encode()


def _replayed(name: str) -> bool:
    """Whether a member is one the audit reads whole: the rows, the log, the scoreboard."""
    return name.startswith(AUDIT) and "/" not in name[len(AUDIT):]


def export_archive(store: Store, contest_id: str, out: Path, library: Path,
                   key: SigningKey | None = None) -> Path:
    """Write the contest's audit archive as a zip, signed with `key` (by default the data
    folder's); `library` holds the problem packages; return its path."""
    if not store.query("SELECT 1 FROM contests WHERE id = ?", [contest_id]):
        raise AuditError(f"no contest {contest_id!r} in {store.path.parent}")
    files = package_files(store, contest_id, library)
    for table, sql in _TABLES.items():
        rows = store.query(sql, {"contest": contest_id})
        for row in rows:
            row.pop("password_hash", None)
        files[f"{AUDIT}{table}.json"] = json.dumps(rows, indent=1, sort_keys=True).encode()
        if table == "print_jobs":  # what was printed, as it was printed
            for job in rows:
                files[f"{PRINTS}{job['id']}.pdf"] = store.blobs.path(job["pdf_hash"]).read_bytes()
    events = contest_events(store, contest_id)
    lines = [_canonical({**e, "data": json.loads(e["data"]) if e["data"] else None})
             for e in events]
    files[FEED] = b"".join(line + b"\n" for line in lines)
    board = scoreboard_from_store(store, contest_id)
    files[SCOREBOARD] = json.dumps([r.to_json() for r in board.view(public=False)],
                                   indent=1).encode()
    key = key or signing_key(store.path.parent)
    export = secrets.token_hex(16)
    links = chain(lines)
    hashes = {name: hashlib.sha256(data).hexdigest() for name, data in sorted(files.items())}
    manifest = {"contest_id": contest_id, "export": export, "files": hashes,
                "sizes": {name: len(data) for name, data in sorted(files.items())},
                "event_chain": links[-1] if links else ""}
    files[MANIFEST] = json.dumps(manifest, indent=1, sort_keys=True).encode()
    files[MANIFEST_HASH] = hashlib.sha256(files[MANIFEST]).hexdigest().encode() + b"\n"
    files[SIGNATURE] = json.dumps({
        "algorithm": "Ed25519", "public_key": key.public_pem, "fingerprint": key.fingerprint,
        "manifest": key.sign(files[MANIFEST]),
        "files": {name: key.sign(_signed(export, "file", name, digest))
                  for name, digest in hashes.items()},
        "events": [key.sign(_signed(export, "event", str(i), link))
                   for i, link in enumerate(links)]}, indent=1).encode()
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in sorted(files.items()):
            info = zipfile.ZipInfo(name, _DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return out


@dataclass
class AuditReport:
    """What `audit_archive` found: each problem names the file it is in."""

    problems: list[str] = field(default_factory=list)
    files_checked: int = 0
    events_checked: int = 0
    signer: str | None = None  # the fingerprint of the public key the archive carries

    @property
    def ok(self) -> bool:
        return not self.problems


def audit_archive(path: Path, expected_key: str | None = None) -> AuditReport:
    """Check an audit archive: hashes, the event chain, the signatures (by the key whose
    fingerprint is `expected_key`, when given), and the scoreboard replayed.

    Members are hashed as they stream out, never held whole except the manifest, the
    signatures and the objects the replay reads (each at most KEPT bytes); a member larger
    than the manifest says is refused as soon as its bytes pass that size."""
    report = AuditReport()
    digests: dict[str, str] = {}
    try:
        with zipfile.ZipFile(path) as archive:
            infos = _members(archive, report)
            kept = {name: _kept(archive, infos[name], report)
                    for name in sorted(_UNLISTED) if name in infos}
            kept = {name: data for name, data in kept.items() if data is not None}
            own = hashlib.sha256(kept.get(MANIFEST, b"")).hexdigest()
            if kept.get(MANIFEST_HASH, b"").strip().decode(errors="replace") != own:
                report.problems.append(f"{MANIFEST}: its SHA-256 does not match "
                                       f"{MANIFEST_HASH}")
            try:
                manifest = json.loads(kept.get(MANIFEST, b""))
                listed = dict(manifest["files"])
                sizes = dict(manifest.get("sizes") or {})
                contest_id = str(manifest["contest_id"])
            except (ValueError, KeyError, TypeError, RecursionError):
                report.problems.append(f"{MANIFEST}: missing or damaged")
                return report
            for name in sorted(set(infos) - _UNLISTED | set(listed)):
                _check_member(archive, infos.get(name), name, listed, sizes, kept, digests,
                              report)
    except (OSError, zipfile.BadZipFile) as exc:
        report.problems.append(f"{path}: not a readable zip ({exc})")
        return report
    lines = kept.get(FEED, b"").splitlines()
    report.events_checked = len(lines)
    if (chain(lines)[-1] if lines else "") != manifest.get("event_chain"):
        report.problems.append(f"{FEED}: the event hash chain does not match the manifest")
    _check_signatures(kept, digests, manifest, lines, expected_key, report)
    if not report.problems:
        _replay(kept, contest_id, lines, report)
    return report


def _check_signatures(kept: dict[str, bytes], digests: dict[str, str], manifest: dict,
                      lines: list[bytes], expected_key: str | None,
                      report: AuditReport) -> None:
    """The signatures: the key is the expected one; the manifest is signed as it is; every
    listed file (by the digest its bytes have now) and every link of the event chain as they
    are now (else the first changed one)."""
    try:
        signature = json.loads(kept[SIGNATURE])
        key = public_key(signature["public_key"])
        export = str(manifest.get("export", ""))
        signed_files, signed_events = dict(signature["files"]), list(signature["events"])
    except KeyError:
        report.problems.append(f"{SIGNATURE}: missing: the archive is not signed")
        return
    except (ValueError, TypeError, RecursionError, SigningError) as exc:
        report.problems.append(f"{SIGNATURE}: damaged ({exc})")
        return
    signer = report.signer = fingerprint(key)
    if expected_key is not None and signer != expected_key:
        report.problems.append(f"{SIGNATURE}: signed by the key whose fingerprint is {signer}, "
                               f"not by the expected {expected_key}")
        return
    mismatch = f"its signature does not match the key whose fingerprint is {signer}"
    if not verifies(key, str(signature.get("manifest", "")), kept.get(MANIFEST, b"")):
        report.problems.append(f"{MANIFEST}: {mismatch}")
    for name, digest in sorted(digests.items()):
        if name not in signed_files:
            report.problems.append(f"{name}: not signed")
        elif not verifies(key, str(signed_files[name]), _signed(export, "file", name, digest)):
            report.problems.append(f"{name}: changed since it was signed ({mismatch})")
    links = chain(lines)
    for i, link in enumerate(links):
        if i >= len(signed_events) or not verifies(key, str(signed_events[i]),
                                                   _signed(export, "event", str(i), link)):
            report.problems.append(f"{FEED}: event {i + 1} ({_event_name(lines[i])}) changed "
                                   f"since it was signed, or added ({mismatch})")
            break
    else:
        if len(signed_events) != len(links):
            report.problems.append(f"{FEED}: {count(len(signed_events), 'event')} signed, "
                                   f"{len(links)} in the feed")


def _event_name(line: bytes) -> str:
    """An event as a person finds it in the feed: its seq, type and object id."""
    try:
        event = json.loads(line)
        return f"seq {event['seq']}, {event['type']} {event['id']}"
    except (ValueError, KeyError, TypeError):
        return "not JSON"


def _members(archive: zipfile.ZipFile, report: AuditReport) -> dict[str, zipfile.ZipInfo]:
    """The archive's members by name. Folder entries (which `zip -r` adds) carry no data and
    are skipped; a name held twice is a problem, since only one of its copies could be
    checked."""
    infos: dict[str, zipfile.ZipInfo] = {}
    for info in archive.infolist():
        if info.is_dir() and info.file_size == 0:
            continue
        if info.filename in infos:
            report.problems.append(f"{info.filename}: held twice in the zip")
            continue
        infos[info.filename] = info
    return infos


def _kept(archive: zipfile.ZipFile, info: zipfile.ZipInfo, report: AuditReport,
          limit: int = KEPT) -> bytes | None:
    """A member the audit reads whole (the manifest, the objects, the feed), at most `limit`
    bytes; None after naming the problem."""
    try:
        return read_member(archive, info, limit)
    except MemberRefused as exc:
        report.problems.append(f"{info.filename}: not read: {exc}")
    except (zipfile.BadZipFile, EOFError, zlib.error, NotImplementedError) as exc:
        report.problems.append(f"{info.filename}: cannot be read ({exc})")
    return None


def _check_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo | None, name: str,
                  listed: dict, sizes: dict, kept: dict[str, bytes], digests: dict[str, str],
                  report: AuditReport) -> None:
    """One member against the manifest: present, listed, its size and its SHA-256 (kept in
    `digests` for the signatures); the replay's own members (directly under `audit/`) are kept
    in `kept`."""
    report.files_checked += 1
    if info is None:
        report.problems.append(f"{name}: listed in the manifest but missing")
        return
    if name not in listed:
        report.problems.append(f"{name}: not in the manifest")
        return
    size = sizes.get(name)
    limit = size if isinstance(size, int) and 0 <= size else MAX_MEMBER
    hasher = hashlib.sha256()
    if _replayed(name):  # the rows, the log, the scoreboard: the replay reads them
        data = _kept(archive, info, report, min(limit, KEPT))
        if data is None:
            return
        hasher.update(data)
        kept[name] = data
    else:
        try:
            for chunk in member_chunks(archive, info, limit):
                hasher.update(chunk)
        except MemberRefused as exc:
            said = f"the manifest says {size:,} bytes" if limit == size else "too large"
            report.problems.append(f"{name}: larger than it may be ({said}: {exc})")
            return
        except (zipfile.BadZipFile, EOFError, zlib.error, NotImplementedError) as exc:
            report.problems.append(f"{name}: cannot be read ({exc})")
            return
    digests[name] = hasher.hexdigest()
    if digests[name] != listed[name]:
        report.problems.append(f"{name}: its SHA-256 does not match the manifest")


def _replay(files: dict[str, bytes], contest_id: str, lines: list[bytes],
            report: AuditReport) -> None:
    """Rebuild the scoreboard from the archive's own objects and feed; compare."""
    try:
        contest = next(c for c in json.loads(files[f"{AUDIT}contests.json"])
                       if c["id"] == contest_id)
        board = scoreboard_from_rows(contest, json.loads(files[f"{AUDIT}teams.json"]),
                                     json.loads(files[f"{AUDIT}problems.json"]),
                                     [json.loads(line) for line in lines])
        stored = json.loads(files[SCOREBOARD])
    except (KeyError, ValueError, StopIteration, TypeError) as exc:
        report.problems.append(f"the archive's objects cannot be replayed: {exc!r}")
        return
    if [r.to_json() for r in board.view(public=False)] != stored:
        report.problems.append(f"{SCOREBOARD}: differs from the scoreboard the event feed gives")
