"""Read a CLICS contest package folder: the contest, its problems, teams, and accounts.

Both spellings of each file are read: the current CLICS JSON (`contest.json`, `teams.json`,
...) with its YAML twins, and the legacy files (`contest.yaml` with hyphenated keys,
`problemset.yaml`, DOMjudge-style `teams.tsv` and `accounts.tsv`). DOMjudge writes
`problems.yaml` and its legacy twin `problemset.yaml` side by side: the current one is read
and the twin ignored with a warning. A key left null is read as absent. Every problem found
is collected and raised together as one `ContestError`, each naming its file and key;
warnings go along with the package (`ContestPackage.warnings`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

from appliance.accounts import username_fault, username_key
from appliance.clics import ids
from appliance.clics.colours import RULE as COLOUR_RULE
from appliance.clics.colours import is_rgb
from appliance.clics.times import parse_reltime, parse_time, reltime
from appliance.contest.submission_files import MAX_TOTAL, FilesError, read_zip
from appliance.errors import ApplianceError
from appliance.floor.location import location_of, location_refusal
from appliance.problems.report import Report
from appliance.problems.yaml_files import parse_yaml

ACCOUNT_TYPES = ("team", "judge", "admin", "analyst", "balloon")  # balloon: a runner
SCOREBOARD_TYPES = ("pass-fail", "score")
# Podium's keys for score contests (CLICS leaves them to the system, as CMS does): a team's
# score on a problem is its best submission's, or the sum of its best per subtask across
# submissions (IOI since 2017); ties broken by the time of the last improvement, or not.
SCORE_MODES = ("best_subtask", "best_submission")
SCORE_TIEBREAKS = ("time", "none")
_LEGACY_CONTEST_KEYS = {"short-name": "id", "start-time": "start_time",
                        "scoreboard-freeze-length": "scoreboard_freeze_duration",
                        "penalty-time": "penalty_time", "formal-name": "formal_name",
                        "scoreboard-type": "scoreboard_type"}


class ContestError(ApplianceError):
    """A contest package is broken; `problems` holds one line per fault, file and key named."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = tuple(problems)


@dataclass(frozen=True)
class Contest:
    """The contest object; durations in seconds, `start_time` None while unscheduled."""

    id: str
    name: str
    formal_name: str
    start_time: datetime | None
    duration: float
    scoreboard_freeze_duration: float
    penalty_time: float
    scoreboard_type: str = "pass-fail"
    score_mode: str = "best_subtask"  # SCORE_MODES
    score_tiebreak: str = "time"  # SCORE_TIEBREAKS


@dataclass(frozen=True)
class Problem:
    """A problem of the contest and where its problem package lies (folder or zip)."""

    id: str
    label: str
    name: str  # "" when the contest gives none: the package's name is used
    ordinal: int
    color: str | None
    rgb: str | None
    package: Path | None
    time_limit: float | None = None  # seconds; None: the package's own


@dataclass(frozen=True)
class Organization:
    """An organization (typically a university) teams belong to."""

    id: str
    name: str
    formal_name: str | None = None
    country: str | None = None
    icpc_id: str | None = None


@dataclass(frozen=True)
class Group:
    """A group of teams (site, division, ...)."""

    id: str
    name: str
    type: str | None = None
    icpc_id: str | None = None


@dataclass(frozen=True)
class Team:
    """A team competing in the contest."""

    id: str
    name: str
    label: str
    display_name: str | None = None
    organization_id: str | None = None
    group_ids: tuple[str, ...] = ()
    icpc_id: str | None = None
    hidden: bool = False
    location: str | None = None  # the seat: DOMjudge's `room` or CLICS's `location` as text


@dataclass(frozen=True)
class Account:
    """A login; `password` is plain text as the package gives it, to be hashed on import."""

    id: str
    username: str
    type: str
    password: str | None = field(default=None, repr=False)
    name: str | None = None
    team_id: str | None = None
    ip: str | None = None


@dataclass(frozen=True)
class Submission:
    """A submission the package brings, with its files read (bounded) from its files.zip;
    `key` is where submissions.json gives it, for faults found on import."""

    id: str
    team_id: str
    problem_id: str
    language_id: str
    contest_time: float  # seconds
    time: datetime | None
    files: Mapping[str, bytes] = field(repr=False)
    entry_point: str | None = None
    account_id: str | None = None
    key: str = ""


@dataclass(frozen=True)
class Clarification:
    """A clarification the package brings: a question (from a team), an answer (replying to
    an earlier one), or an announcement; to one team or (None) to all."""

    id: str
    text: str
    time: datetime | None
    contest_time: float | None
    from_team_id: str | None = None
    to_team_id: str | None = None
    reply_to_id: str | None = None
    problem_id: str | None = None
    key: str = ""


@dataclass(frozen=True)
class ContestPackage:
    """Everything a contest package says, checked for referential integrity."""

    path: Path
    contest: Contest
    problems: tuple[Problem, ...] = ()
    teams: tuple[Team, ...] = ()
    organizations: tuple[Organization, ...] = ()
    groups: tuple[Group, ...] = ()
    accounts: tuple[Account, ...] = ()
    warnings: tuple[str, ...] = ()
    submissions: tuple[Submission, ...] = ()
    clarifications: tuple[Clarification, ...] = ()


def load_contest(path: Path) -> ContestPackage:
    """Read the contest package folder at `path`; raise `ContestError` listing every fault."""
    if not path.is_dir():
        raise ContestError([f"{path}: not a contest package folder"])
    report = Report()
    contest = _contest(path, report)
    problems = _problems(path, report)
    organizations, groups, teams = _teams(path, report)
    accounts = _accounts(path, report)
    _check_references(path, report, teams, organizations, groups, accounts)
    submissions = _submissions(path, report, {p.id for p in problems}, {t.id for t in teams},
                               {a.id for a in accounts})
    clarifications = _clarifications(path, report, {p.id for p in problems},
                                     {t.id for t in teams})
    if report.errors or contest is None:
        raise ContestError(report.errors or [f"{path}: no contest"])
    return ContestPackage(path, contest, problems, teams, organizations, groups, accounts,
                          tuple(report.warnings), submissions, clarifications)


# --- reading files -------------------------------------------------------------------------

def _pick(root: Path, names: tuple[str, ...], report: Report) -> Path | None:
    """The one file of `names` present in `root`, or None; two spellings at once is an error."""
    found = [root / name for name in names if (root / name).is_file()]
    if len(found) > 1:
        report.error(root, "", f"give only one of {', '.join(p.name for p in found)}")
        return None
    return found[0] if found else None


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key, value in pairs:
        if key in data:
            raise ValueError(f"key '{key}' is given twice")
        data[key] = value
    return data


def _read(file: Path, report: Report) -> Any:
    """The data in a JSON or YAML file, or None after reporting why there is none."""
    try:
        text = file.read_text(encoding="utf-8")
        if file.suffix == ".json":
            return json.loads(text, object_pairs_hook=_no_duplicate_keys)
        return parse_yaml(text)
    except (OSError, UnicodeDecodeError, ValueError, RecursionError, yaml.YAMLError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        report.error(file, "", f"not valid {file.suffix[1:].upper()}: {first}")
        return None


def _read_list(file: Path, report: Report) -> list[tuple[str, dict[str, Any]]]:
    """The objects of a file holding a list of them, each with its key prefix `[i]`."""
    data = _read(file, report)
    if data is None:
        return []
    if not isinstance(data, list):
        report.error(file, "", "must be a list of objects")
        return []
    good = []
    for i, item in enumerate(data):
        if isinstance(item, dict):
            good.append((f"[{i}]", item))
        else:
            report.error(file, f"[{i}]", f"must be an object, not {item!r}")
    return good


def _read_tsv(file: Path, kind: str, report: Report) -> list[tuple[str, list[str]]]:
    """The rows of a legacy TSV file after its header line `<kind>\\t1` (or `File_Version\\t1`)."""
    try:
        lines = file.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        report.error(file, "", f"cannot be read: {exc}")
        return []
    header = lines[0].split("\t") if lines else []
    if len(header) != 2 or header[0].lower() not in (kind, "file_version") \
            or header[1].strip() not in ("1", "2"):
        report.error(file, "line 1", f"must be the header '{kind}<TAB>1'")
        return []
    return [(f"line {n}", [cell.strip() for cell in line.split("\t")])
            for n, line in enumerate(lines[1:], start=2) if line.strip()]


# --- typed values --------------------------------------------------------------------------

class _Entry:
    """Reads typed values out of one object, reporting each fault under its file and key."""

    def __init__(self, file: Path, prefix: str, data: dict[str, Any], report: Report) -> None:
        self.file, self.prefix, self.data, self.report = file, prefix, data, report

    def key(self, key: str) -> str:
        return f"{self.prefix}.{key}" if self.prefix else key

    def error(self, key: str, what: str) -> None:
        self.report.error(self.file, self.key(key), what)

    def text(self, key: str, *, required: bool = False) -> str | None:
        value = self.data.get(key)
        if value is None:
            if required:
                self.error(key, "is missing")
            return None
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.error(key, f"must be a string, not {value!r}")
            return None
        return str(value)

    def ident(self, key: str, *, required: bool = False) -> str | None:
        """An ID; YAML and old JSON write numeric IDs unquoted, so integers are read as text."""
        value = self.data.get(key)
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if value is None or not isinstance(value, str):
            if value is not None or required:
                self.error(key, "is missing" if value is None else f"must be an ID, not {value!r}")
            return None
        if not ids.is_id(value):
            self.error(key, f"{value!r} is not an ID ({ids.RULE})")
            return None
        return value

    def seconds(self, key: str, *, number_unit: float, default: float | None = None,
                required: bool = False) -> float | None:
        """A duration: RELTIME text, or a bare number in `number_unit` seconds (legacy)."""
        value = self.data.get(key)
        if value is None:
            if required:
                self.error(key, "is missing")
            return default
        if isinstance(value, str):
            try:
                return parse_reltime(value)
            except ValueError as exc:
                self.error(key, str(exc))
                return None
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value) * number_unit
        self.error(key, f"must be a time h:mm:ss, not {value!r}")
        return None

    def time(self, key: str) -> datetime | None:
        """An absolute time with its offset (YAML may already have made it a datetime)."""
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, str):
            try:
                return parse_time(value)
            except ValueError as exc:
                self.error(key, str(exc))
                return None
        if not isinstance(value, datetime):
            self.error(key, f"must be a time like 2024-05-01T10:00:00+02, not {value!r}")
            return None
        if value.tzinfo is None:
            self.error(key, "needs its offset from UTC, e.g. +02:00 or Z")
            return None
        return value


# --- contest -------------------------------------------------------------------------------

def _contest(root: Path, report: Report) -> Contest | None:
    file = _pick(root, ("contest.json", "contest.yaml"), report)
    if file is None:
        if not report.errors:
            report.error(root, "", "no contest.json or contest.yaml")
        return None
    data = _read(file, report)
    if data is None:
        return None
    if not isinstance(data, dict):
        report.error(file, "", "must be a mapping of keys to values")
        return None
    data = {_LEGACY_CONTEST_KEYS.get(k, k): v for k, v in data.items()}
    entry = _Entry(file, "", data, report)
    before = len(report.errors)
    cid = entry.ident("id") or (root.name if "id" not in data else None)
    name = entry.text("name", required=True)
    start = entry.time("start_time")
    duration = entry.seconds("duration", number_unit=1, required=True)
    freeze = entry.seconds("scoreboard_freeze_duration", number_unit=1, default=0.0)
    if "scoreboard-freeze" in data and duration is not None:  # legacy: when the freeze begins
        begins = entry.seconds("scoreboard-freeze", number_unit=1)
        freeze = None if begins is None else duration - begins
    penalty = entry.seconds("penalty_time", number_unit=60, default=20 * 60.0)
    kind = entry.text("scoreboard_type") or "pass-fail"
    if kind not in SCOREBOARD_TYPES:
        entry.error("scoreboard_type", f"must be 'pass-fail' or 'score', not {kind!r}")
    mode = entry.text("score_mode") or SCORE_MODES[0]
    tiebreak = entry.text("score_tiebreak") or SCORE_TIEBREAKS[0]
    for key, value, allowed in (("score_mode", mode, SCORE_MODES),
                                ("score_tiebreak", tiebreak, SCORE_TIEBREAKS)):
        if value not in allowed:
            entry.error(key, f"must be {' or '.join(repr(a) for a in allowed)}, not {value!r}")
    for key, message in length_errors(duration, freeze).items():
        entry.error(key, message)
    if penalty is not None and penalty < 0:
        entry.error("penalty_time", "must not be negative")
    if len(report.errors) > before or None in (cid, name, duration, freeze, penalty):
        return None
    assert cid and name and duration is not None and freeze is not None and penalty is not None
    formal = entry.text("formal_name") or name
    return Contest(cid, name, formal, start, duration, freeze, penalty, kind, mode, tiebreak)


def length_errors(duration: float | None, freeze: float | None) -> dict[str, str]:
    """What is wrong with a contest's length and freeze (seconds; None: unknown), by key."""
    errors = {}
    if duration is not None and duration <= 0:
        errors["duration"] = "must be longer than 0:00:00"
    if freeze is not None and duration is not None and not 0 <= freeze <= duration:
        errors["scoreboard_freeze_duration"] = (
            f"must lie between 0:00:00 and the duration {reltime(duration, millis=False)}")
    return errors


# --- problems ------------------------------------------------------------------------------

def _problems(root: Path, report: Report) -> tuple[Problem, ...]:
    file = _pick(root, ("problems.json", "problems.yaml"), report)
    legacy = root / "problemset.yaml"
    if file is not None and legacy.is_file():
        report.warning(legacy, "", f"ignored: {file.name} is read (DOMjudge writes both)")
    elif legacy.is_file() and not any((root / n).is_file()
                                      for n in ("problems.json", "problems.yaml")):
        file = legacy
    if file is None:
        return ()
    if file.name == "problemset.yaml":  # legacy: a mapping with the list under `problems`
        data = _read(file, report)
        if data is None:
            return ()
        if not isinstance(data, dict) or not isinstance(data.get("problems"), list):
            report.error(file, "problems", "must be a list of problems")
            return ()
        items = [(f"problems[{i}]", p) for i, p in enumerate(data["problems"])]
        for key, item in items:
            if not isinstance(item, dict):
                report.error(file, key, f"must be a mapping, not {item!r}")
        entries = [(k, p) for k, p in items if isinstance(p, dict)]
    else:
        entries = _read_list(file, report)
    problems: list[Problem] = []
    for i, (prefix, item) in enumerate(entries):
        item = {"id": item.get("short-name"), "label": item.get("letter"), **{
            k: v for k, v in item.items() if v is not None}}
        entry = _Entry(file, prefix, item, report)
        pid, label = entry.ident("id", required=True), entry.text("label", required=True)
        ordinal = item.get("ordinal", i + 1)
        if not isinstance(ordinal, int) or isinstance(ordinal, bool):
            entry.error("ordinal", f"must be an integer, not {ordinal!r}")
            continue
        if pid is None or label is None:
            continue
        package = _package(root, pid, entry)
        rgb = entry.text("rgb")
        if rgb is not None and not is_rgb(rgb):
            entry.error("rgb", f"{rgb!r} is not a colour ({COLOUR_RULE})")
            rgb = None
        problems.append(Problem(pid, label, entry.text("name") or "", ordinal,
                                entry.text("color"), rgb, package, _time_limit(entry)))
    _unique(file, report, "problem id", [p.id for p in problems])
    _unique(file, report, "problem label", [p.label for p in problems])
    _unique(file, report, "problem ordinal", [str(p.ordinal) for p in problems])
    return tuple(sorted(problems, key=lambda p: p.ordinal))


def _time_limit(entry: _Entry) -> float | None:
    """problems.yaml's `time_limit` (seconds, a positive number), over the package's own."""
    value = entry.data.get("time_limit")
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        entry.error("time_limit", f"must be a positive number of seconds, not {value!r}")
        return None
    return float(value)


def _package(root: Path, pid: str, entry: _Entry) -> Path | None:
    """The package of problem `pid`: where its `package` file reference names it, else where
    `_find_package` finds it; reported under the entry's key when there is none."""
    if entry.data.get("package") is not None:
        name = _file_reference(entry, "package")
        if name is None:
            return None
        file = root / "problems" / pid / name
        if not file.is_file():
            entry.error("package", f"names {name!r}, but there is no file "
                                   f"problems/{pid}/{name}")
        return file if file.is_file() else None
    package = _find_package(root, pid)
    if package is None:
        entry.error("id", f"no problem package {pid}/ or problems/{pid}/ (a folder with "
                          f"problem.yaml), nor problems/{pid}/package.zip or {pid}.zip")
    return package


def _file_reference(entry: _Entry, key: str) -> str | None:
    """The file name of the first file reference under `key` (files lie at
    `<endpoint>/<id>/<filename>`), or None after reporting a list that is not one."""
    refs = entry.data.get(key)
    names = [r.get("filename") for r in refs if isinstance(r, dict)] \
        if isinstance(refs, list) else []
    if not names or not all(isinstance(n, str) and _plain_name(n) for n in names):
        entry.error(key, f"must be a list of file references, each with a plain filename, "
                         f"not {refs!r}")
        return None
    return names[0]


def _plain_name(name: str) -> bool:
    """A file name of one path component, as file references give them."""
    return name not in ("", ".", "..") and "/" not in name and "\\" not in name \
        and "\0" not in name


def _find_package(root: Path, pid: str) -> Path | None:
    """The package of `pid`: a folder with problem.yaml or a zip, beside or in problems/
    (`problems/<id>/package.zip` is the Contest Package spec's default file name)."""
    for folder in (root / pid, root / "problems" / pid):
        if (folder / "problem.yaml").is_file():
            return folder
    for archive in (root / "problems" / pid / "package.zip",
                    root / "problems" / pid / f"{pid}.zip", root / f"{pid}.zip",
                    root / "problems" / f"{pid}.zip"):
        if archive.is_file():
            return archive
    return None


# --- teams, organizations, groups ----------------------------------------------------------

def _teams(root: Path, report: Report
           ) -> tuple[tuple[Organization, ...], tuple[Group, ...], tuple[Team, ...]]:
    organizations: dict[str, Organization] = {}
    org_file = root / "organizations.json"
    for prefix, item in _read_list(org_file, report) if org_file.is_file() else []:
        e = _Entry(org_file, prefix, item, report)
        oid, name = e.ident("id", required=True), e.text("name", required=True)
        if oid and name:
            _add(organizations, oid, Organization(oid, name, e.text("formal_name"),
                                                  e.text("country"), e.text("icpc_id")),
                 org_file, prefix, report)
    groups: dict[str, Group] = {}
    group_file = root / "groups.json"
    for prefix, item in _read_list(group_file, report) if group_file.is_file() else []:
        e = _Entry(group_file, prefix, item, report)
        gid, name = e.ident("id", required=True), e.text("name", required=True)
        if gid and name:
            _add(groups, gid, Group(gid, name, e.text("type"), e.text("icpc_id")),
                 group_file, prefix, report)
    teams: dict[str, Team] = {}
    file = _pick(root, ("teams.json", "teams.tsv"), report)
    if file is not None and file.suffix == ".json":
        for prefix, item in _read_list(file, report):
            e = _Entry(file, prefix, item, report)
            tid, name = e.ident("id", required=True), e.text("name", required=True)
            group_ids = item.get("group_ids") or []
            if not isinstance(group_ids, list) or \
                    not all(isinstance(g, str | int) and not isinstance(g, bool)
                            for g in group_ids):
                e.error("group_ids", f"must be a list of IDs, not {group_ids!r}")
                continue
            hidden = item.get("hidden") or False
            if not isinstance(hidden, bool):
                e.error("hidden", f"must be true or false, not {hidden!r}")
                continue
            if refused := location_refusal(item):
                e.error(*refused)
                continue
            if tid and name:
                _add(teams, tid, Team(tid, name, e.text("label") or tid, e.text("display_name"),
                                      e.ident("organization_id"), tuple(map(str, group_ids)),
                                      e.text("icpc_id"), hidden, location_of(item)),
                     file, prefix, report)
    elif file is not None:
        for prefix, cells in _read_tsv(file, "teams", report):
            _tsv_team(file, prefix, cells, report, teams, organizations)
    return tuple(organizations.values()), tuple(groups.values()), tuple(teams.values())


def _tsv_team(file: Path, prefix: str, cells: list[str], report: Report,
              teams: dict[str, Team], organizations: dict[str, Organization]) -> None:
    """One line: number, external id, category, name, institution, its short name, country,
    institution external id (the last four may be empty)."""
    if len(cells) < 4:
        report.error(file, prefix, "needs at least 4 tab-separated columns: "
                                   "number, external id, category, team name")
        return
    cells = cells + [""] * (8 - len(cells))
    number, external, category, name, formal, short, country, org_external = cells[:8]
    e = _Entry(file, prefix, {"team number": number, "category": category or None}, report)
    tid = e.ident("team number", required=True)
    if not name:
        report.error(file, prefix, "the team name (column 4) is empty")
    org_id = None
    if formal or short or org_external:
        org_id = org_external or re.sub(r"[^A-Za-z0-9_.-]+", "-", short or formal).strip("-.")
        if org_id not in organizations:
            organizations[org_id] = Organization(org_id, short or formal, formal or None,
                                                 country or None)
    group = e.ident("category")
    if tid and name:
        _add(teams, tid, Team(tid, name, number, None, org_id, (group,) if group else (),
                              external or None), file, prefix, report)


# --- accounts ------------------------------------------------------------------------------

def _accounts(root: Path, report: Report) -> tuple[Account, ...]:
    accounts: dict[str, Account] = {}
    file = _pick(root, ("accounts.json", "accounts.yaml", "accounts.tsv"), report)
    if file is None:
        return ()
    if file.suffix == ".tsv":  # type, full name, username, password (, ip)
        rows = []
        for prefix, cells in _read_tsv(file, "accounts", report):
            if len(cells) < 4:
                report.error(file, prefix, "needs 4 tab-separated columns: "
                                           "type, name, username, password")
                continue
            row = {"type": cells[0], "name": cells[1] or None, "username": cells[2],
                   "password": cells[3] or None,
                   "ip": cells[4] if len(cells) > 4 and cells[4] else None}
            team = re.fullmatch(r"team0*(\d+)", cells[2])  # DOMjudge: team007 is team 7
            if team and cells[0] == "team":
                row["team_id"] = team.group(1)
            rows.append((prefix, row))
    else:
        rows = _read_list(file, report)
    for prefix, item in rows:
        e = _Entry(file, prefix, item, report)
        username = e.text("username", required=True)
        if username is not None and (fault := username_fault(username)):
            e.error("username", f"{username!r} {fault}")
            continue
        aid = e.ident("id") if "id" in item else e.ident("username")
        kind = e.text("type", required=True)
        if kind is not None and kind not in ACCOUNT_TYPES:
            e.error("type", f"must be one of {', '.join(ACCOUNT_TYPES)}, not {kind!r}")
            continue
        team_id = e.ident("team_id")
        if kind == "team" and team_id is None and "team_id" not in item:
            e.error("team_id", "is missing (a team account needs its team)")
        if username and aid and kind:
            _add(accounts, aid, Account(aid, username, kind, e.text("password"),
                                        e.text("name"), team_id, e.text("ip")),
                 file, prefix, report)
    _unique_names(file, report, [a.username for a in accounts.values()])
    return tuple(accounts.values())


def _unique_names(file: Path, report: Report, names: list[str]) -> None:
    """User names are one account's when they compare equal ("Admin" is "admin")."""
    seen: dict[str, str] = {}
    for name in names:
        key = username_key(name)
        if key in seen:
            same = "" if seen[key] == name else f" (as {seen[key]!r}: case and width aside)"
            report.error(file, "", f"username {name!r} is given twice{same}")
        else:
            seen[key] = name


# --- submissions ---------------------------------------------------------------------------

ZIP_ON_DISK = 2 * MAX_TOTAL  # a files.zip larger than this is not even read


def _submissions(root: Path, report: Report, problem_ids: set[str], team_ids: set[str],
                 account_ids: set[str]) -> tuple[Submission, ...]:
    """submissions.json, each with its files at `submissions/<id>/<files filename>` (the
    spec's file reference; `files.zip` by default). Their judgements and runs are not read:
    the submissions are judged here (a warning says so)."""
    file = root / "submissions.json"
    if not file.is_file():
        return ()
    found: dict[str, Submission] = {}
    for prefix, item in _read_list(file, report):
        e = _Entry(file, prefix, item, report)
        before = len(report.errors)
        sid = e.ident("id", required=True)
        team, problem = e.ident("team_id", required=True), e.ident("problem_id", required=True)
        language = e.ident("language_id", required=True)
        account = e.ident("account_id")
        contest_time = e.seconds("contest_time", number_unit=1, required=True)
        time, entry_point = e.time("time"), e.text("entry_point")
        if team is not None and team not in team_ids:
            e.error("team_id", f"no team {team!r}")
        if problem is not None and problem not in problem_ids:
            e.error("problem_id", f"no problem {problem!r}")
        if account is not None and account not in account_ids:
            e.error("account_id", f"no account {account!r}")
        if contest_time is not None and contest_time < 0:
            e.error("contest_time", "must not be negative")
        files = _submission_files(root, sid, e) if sid is not None else None
        if len(report.errors) > before or None in (sid, team, problem, language, files,
                                                  contest_time):
            continue
        assert sid and team and problem and language and files and contest_time is not None
        _add(found, sid, Submission(sid, team, problem, language, contest_time, time, files,
                                    entry_point, account, prefix), file, prefix, report)
    for name in ("judgements.json", "runs.json") if found else ():
        if (root / name).is_file():
            report.warning(root / name, "", "ignored: the package's submissions are judged "
                                            "here")
    return tuple(found.values())


def _submission_files(root: Path, sid: str, entry: _Entry) -> dict[str, bytes] | None:
    """The files of submission `sid` from the zip its `files` reference names, read within
    the intake's bounds; reported under the entry's `files` key when they cannot be."""
    name = "files.zip"
    if entry.data.get("files") is not None:
        name = _file_reference(entry, "files")
        if name is None:
            return None
    path = root / "submissions" / sid / name
    if not path.is_file():
        entry.error("files", f"no file submissions/{sid}/{name}")
        return None
    if path.stat().st_size > ZIP_ON_DISK:
        entry.error("files", f"submissions/{sid}/{name} holds {path.stat().st_size:,} bytes; "
                             f"at most {ZIP_ON_DISK:,}")
        return None
    try:
        return read_zip(path.read_bytes())
    except (FilesError, OSError) as exc:
        entry.error("files", f"submissions/{sid}/{name}: {exc}")
        return None


# --- clarifications ------------------------------------------------------------------------

def _clarifications(root: Path, report: Report, problem_ids: set[str],
                    team_ids: set[str]) -> tuple[Clarification, ...]:
    """clarifications.json, in its order: a reply names one given before it; recipients are
    one team or all (2026-01's `to_team_ids` of one team, or `to_team_id`)."""
    file = root / "clarifications.json"
    if not file.is_file():
        return ()
    found: dict[str, Clarification] = {}
    for prefix, item in _read_list(file, report):
        e = _Entry(file, prefix, item, report)
        before = len(report.errors)
        cid, text = e.ident("id", required=True), e.text("text", required=True)
        sender, problem, reply = (e.ident("from_team_id"), e.ident("problem_id"),
                                  e.ident("reply_to_id"))
        to_team = _recipient(e)
        contest_time = e.seconds("contest_time", number_unit=1)
        for key, team in (("from_team_id", sender), ("to_team_id", to_team)):
            if team is not None and team not in team_ids:
                e.error(key, f"no team {team!r}")
        if problem is not None and problem not in problem_ids:
            e.error("problem_id", f"no problem {problem!r}")
        if reply is not None and reply not in found:
            e.error("reply_to_id", f"no clarification {reply!r} before it")
        if len(report.errors) > before or cid is None or text is None:
            continue
        _add(found, cid, Clarification(cid, text, e.time("time"), contest_time, sender,
                                       to_team, reply, problem, prefix), file, prefix, report)
    return tuple(found.values())


def _recipient(entry: _Entry) -> str | None:
    """The one team a clarification goes to, None for all (or a question to the jury)."""
    teams, groups = entry.data.get("to_team_ids"), entry.data.get("to_group_ids")
    if groups:
        entry.error("to_group_ids", "Podium sends a clarification to one team or to all, "
                                    "not to groups")
    if teams is None:
        return entry.ident("to_team_id")
    if not isinstance(teams, list) or len(teams) > 1:
        entry.error("to_team_ids", f"must name one team at most, not {teams!r}")
        return None
    return _Entry(entry.file, entry.key("to_team_ids"), {"[0]": teams[0]},
                  entry.report).ident("[0]") if teams else None


# --- integrity -----------------------------------------------------------------------------

def _add(into: dict[str, Any], key: str, value: Any, file: Path, prefix: str,
         report: Report) -> None:
    if key in into:
        report.error(file, f"{prefix}.id", f"ID {key!r} is given twice")
    else:
        into[key] = value


def _unique(file: Path, report: Report, what: str, values: list[str]) -> None:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            report.error(file, "", f"{what} {value!r} is given twice")
        seen.add(value)


def _check_references(root: Path, report: Report, teams: tuple[Team, ...],
                      organizations: tuple[Organization, ...], groups: tuple[Group, ...],
                      accounts: tuple[Account, ...]) -> None:
    """Every ID a team or account names must exist (groups only if a groups file is given)."""
    org_ids, group_ids = {o.id for o in organizations}, {g.id for g in groups}
    team_file = next((root / n for n in ("teams.json", "teams.tsv") if (root / n).is_file()),
                     root / "teams.json")
    for team in teams:
        if team.organization_id and team.organization_id not in org_ids:
            report.error(team_file, f"team {team.id}.organization_id",
                         f"no organization {team.organization_id!r}")
        if groups or (root / "groups.json").is_file():
            for gid in team.group_ids:
                if gid not in group_ids:
                    report.error(team_file, f"team {team.id}.group_ids", f"no group {gid!r}")
    team_ids = {t.id for t in teams}
    account_file = next((root / n for n in ("accounts.json", "accounts.yaml", "accounts.tsv")
                         if (root / n).is_file()), root / "accounts.json")
    for account in accounts:
        if account.team_id is not None and account.team_id not in team_ids:
            report.error(account_file, f"account {account.id}.team_id",
                         f"no team {account.team_id!r}")
