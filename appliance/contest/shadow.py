"""Shadow mode: another contest system's (the primary's) event feed taken into this store.

As the World Finals runs two systems side by side, a shadow imports the primary's contest,
judges every submission itself through the ordinary queue, and keeps the primary's
judgements beside its own, so that every submission whose verdict differs can be shown
(`shadow_reads.py`). Here: which feed objects describe the contest, the contest written
once (all or nothing, through `setup.import_contest`), each submission stored with the
primary's own time, and each judgement recorded. No HTTP: the caller reads the feed.

The feed's shape is CLICS (2026-01, and DOMjudge's): `{"type", "id", "data", "token"}`,
`data` null for a deletion; a judgement counts while `current` (DOMjudge: `valid`) is not
false and once its `judgement_type_id` is set.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from appliance.clics.ids import is_id
from appliance.clics.times import parse_reltime, parse_time
from appliance.contest.package import (
    Account,
    Contest,
    ContestPackage,
    Group,
    Organization,
    Problem,
    Team,
)
from appliance.contest.setup import ImportedContest, import_contest
from appliance.contest.submission_files import FilesError, choose_main, read_zip
from appliance.errors import ApplianceError
from appliance.passwords import generate_password
from appliance.store import DuplicateId, Store
from appliance.text.counts import count
from judge.languages import Language

# The feed's types that describe the contest; anything else means the description is over.
SETUP_TYPES = frozenset({"contest", "contests", "state", "problems", "teams", "organizations",
                         "groups", "languages", "judgement-types", "accounts", "persons",
                         "awards", "maps", "start-status"})
SHADOW_JURY = "shadow-jury"  # the account this Podium's jury logs in with


class ShadowError(ApplianceError):
    """The primary's feed cannot be shadowed, and why (one line)."""


def kind_of(event: Mapping[str, Any]) -> str:
    """The event's type as the endpoints name it (`contest` is `contests`'s one object)."""
    kind = str(event.get("type", ""))
    return "contests" if kind == "contest" else kind


@dataclass
class Setup:
    """The contest as the feed has described it so far: the latest data of each object."""

    contest: dict[str, Any] | None = None
    state: dict[str, Any] | None = None
    objects: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)

    def take(self, event: Mapping[str, Any]) -> None:
        """Note one setup event (a deletion removes the object)."""
        kind, data = kind_of(event), event.get("data")
        if kind == "contests":
            self.contest = data if isinstance(data, dict) else self.contest
        elif kind == "state":
            self.state = data if isinstance(data, dict) else self.state
        else:
            bucket = self.objects.setdefault(kind, {})
            ident = str((data or {}).get("id") or event.get("id") or "")
            if isinstance(data, dict) and ident:
                bucket[ident] = data
            else:
                bucket.pop(ident, None)

    def of(self, kind: str) -> list[dict[str, Any]]:
        return list(self.objects.get(kind, {}).values())


def problem_packages(problem_ids: list[str], library: Path,
                     problems_dir: Path | None) -> dict[str, Path]:
    """Where each problem's package is: `problems_dir/<id>` (a folder), `<id>.zip` or
    `<id>/package.zip`, else the library's folder imported from a package of that name.
    Raises one ShadowError naming every problem without one."""
    found, missing = {}, []
    for pid in problem_ids:
        candidates = []
        if problems_dir is not None:
            candidates += [problems_dir / pid / "package.zip", problems_dir / f"{pid}.zip",
                           problems_dir / pid]
        if library.is_dir():
            candidates += sorted(p for p in library.iterdir() if p.is_dir()
                                 and re.fullmatch(re.escape(pid) + r"-[0-9a-f]{12}", p.name))
        where = next((c for c in candidates if c.is_file() or (c.is_dir() and (
            c / "problem.yaml").is_file())), None)
        if where is None:
            missing.append(pid)
        else:
            found[pid] = where
    if missing:
        names = ", ".join(repr(p) for p in missing)
        looked = f" nor in {problems_dir}" if problems_dir else ""
        raise ShadowError(f"no problem package for problem{'s' if len(missing) > 1 else ''} "
                          f"{names} in this Podium's library{looked}: import it with "
                          "`podium package import`, or give --problems DIR holding DIR/<id>/ "
                          "or DIR/<id>.zip")
    return found


def _seconds(value: Any, key: str, default: float = 0.0, minutes: bool = False) -> float:
    """A RELTIME (or DOMjudge's older number: minutes for the penalty) in seconds."""
    if value is None:
        return default
    if isinstance(value, int | float):
        return float(value) * (60 if minutes else 1)
    try:
        return parse_reltime(str(value))
    except ValueError as exc:
        raise ShadowError(f"the primary's contest: {key}: {exc}") from None


def _start(setup: Setup) -> datetime | None:
    """When the contest started (the state's `started`) or is scheduled to."""
    for value in ((setup.state or {}).get("started"), (setup.contest or {}).get("start_time")):
        if value:
            try:
                return parse_time(str(value))
            except ValueError as exc:
                raise ShadowError(f"the primary's contest: start_time: {exc}") from None
    return None


def contest_package(setup: Setup, packages: Mapping[str, Path], jury_password: str,
                    source: str) -> ContestPackage:
    """The primary's contest as a contest package, with one jury account of our own."""
    data = setup.contest
    if not data or not data.get("id"):
        raise ShadowError(f"{source}: the event feed ended before it described the contest "
                          "(no contest object): nothing imported")
    contest = Contest(
        id=str(data["id"]), name=str(data.get("name") or data["id"]),
        formal_name=str(data.get("formal_name") or data.get("name") or data["id"]),
        start_time=_start(setup), duration=_seconds(data.get("duration"), "duration"),
        scoreboard_freeze_duration=_seconds(data.get("scoreboard_freeze_duration"),
                                            "scoreboard_freeze_duration"),
        penalty_time=_seconds(data.get("penalty_time"), "penalty_time", 1200, minutes=True))
    problems = tuple(sorted((Problem(
        id=str(p["id"]), label=str(p.get("label") or p["id"]), name=str(p.get("name") or p["id"]),
        ordinal=int(p.get("ordinal") or 0), color=p.get("color"), rgb=p.get("rgb"),
        package=packages[str(p["id"])]) for p in setup.of("problems")),
        key=lambda p: (p.ordinal, p.label)))
    organizations = tuple(Organization(id=str(o["id"]), name=str(o.get("name") or o["id"]),
                                       formal_name=o.get("formal_name"),
                                       country=o.get("country"))
                          for o in setup.of("organizations"))
    groups = tuple(Group(id=str(g["id"]), name=str(g.get("name") or g["id"]))
                   for g in setup.of("groups"))
    known_orgs, known_groups = {o.id for o in organizations}, {g.id for g in groups}
    teams = tuple(Team(
        id=str(t["id"]), name=str(t.get("name") or t["id"]), label=str(t.get("label") or t["id"]),
        display_name=t.get("display_name"),
        organization_id=t.get("organization_id") if t.get("organization_id") in known_orgs
        else None,
        group_ids=tuple(str(g) for g in t.get("group_ids") or () if str(g) in known_groups))
        for t in setup.of("teams"))
    jury = Account(id=SHADOW_JURY, username=SHADOW_JURY, type="admin", password=jury_password)
    return ContestPackage(path=Path(source), contest=contest, problems=problems, teams=teams,
                          organizations=organizations, groups=groups, accounts=(jury,))


def problem_ids(setup: Setup, source: str) -> list[str]:
    """The primary's problem ids; a feed that described none is refused."""
    ids = sorted(str(p["id"]) for p in setup.of("problems") if p.get("id"))
    if not ids:
        raise ShadowError(f"{source}: the event feed ended before it listed the contest's "
                          "problems: nothing imported")
    return ids


def import_primary(store: Store, setup: Setup, library: Path, problems_dir: Path | None,
                   url: str, primary_contest_id: str) -> tuple[ImportedContest, str]:
    """Import the primary's contest (all or nothing) and note the feed it came from; the
    import and our jury account's fresh password."""
    packages = problem_packages(problem_ids(setup, url), library, problems_dir)
    password = generate_password(5)
    package = contest_package(setup, packages, password, url)
    imported = import_contest(store, package, library)
    store.write(lambda db: db.execute(
        "INSERT INTO shadow_feeds (contest_id, url, primary_contest_id) VALUES (?, ?, ?)",
        [imported.id, url, primary_contest_id]))
    return imported, password


def shadowed_feed(store: Store, contest_id: str) -> dict | None:
    """The feed this contest shadows (url, primary_contest_id, token), None if none."""
    rows = store.query("SELECT * FROM shadow_feeds WHERE contest_id = ?", [contest_id])
    return rows[0] if rows else None


def note_token(store: Store, contest_id: str, token: str) -> None:
    """The last event token taken in, to resume from after a restart."""
    store.write(lambda db: db.execute("UPDATE shadow_feeds SET token = ? WHERE contest_id = ?",
                                      [token, contest_id]))


def is_taken(store: Store, contest_id: str, primary_id: str) -> bool:
    return bool(store.query("SELECT 1 FROM shadow_submissions WHERE contest_id = ? AND "
                            "primary_id = ?", [contest_id, primary_id]))


def take_submission(store: Store, contest_id: str, data: Mapping[str, Any],
                    files: bytes, languages: Mapping[str, Language]) -> int:
    """Store the primary's submission (its zip of files) to be judged here, at its own
    time, with the primary's id when it is a CLICS id and free; our internal id. Raises
    ShadowError when it cannot be judged here (an unknown language, problem or team,
    unreadable files)."""
    primary_id = str(data["id"])
    language = languages.get(str(data.get("language_id")))
    if language is None:
        raise ShadowError(f"submission {primary_id}: language {data.get('language_id')!r} "
                          "is not one of this Podium's")
    known = {r["id"] for r in store.query("SELECT id FROM problems WHERE contest_id = ?",
                                          [contest_id])}
    if data.get("problem_id") not in known:
        raise ShadowError(f"submission {primary_id}: problem {data.get('problem_id')!r} is "
                          "not in the shadowed contest")
    if not store.query("SELECT 1 FROM teams WHERE id = ?", [data.get("team_id")]):
        raise ShadowError(f"submission {primary_id}: team {data.get('team_id')!r} is not in "
                          "the shadowed contest")
    try:
        chosen = choose_main(read_zip(files), language, data.get("entry_point"))
        moment = parse_time(str(data["time"]))
        contest_time = parse_reltime(str(data["contest_time"]))
    except (FilesError, ValueError, KeyError) as exc:
        raise ShadowError(f"submission {primary_id}: {exc}") from None
    wanted = primary_id if is_id(primary_id) else None
    fields = dict(contest_id=contest_id, team_id=str(data["team_id"]),
                  problem_id=str(data["problem_id"]), language_id=language.id,
                  source=chosen.main, file_name=chosen.main_name, time=moment.isoformat(),
                  contest_time=contest_time, others=chosen.others,
                  entry_point=data.get("entry_point"), arrival=datetime.now(UTC).isoformat())
    try:
        sid = store.submit(**fields, clics_id=wanted)
    except DuplicateId:
        if wanted is None:
            raise
        ours = store.query("SELECT id FROM submissions WHERE clics_id = ? AND contest_id = ?",
                           [wanted, contest_id])
        # Stored before a crash, the mapping not yet: it is ours. Taken in another contest:
        # this one gets an id of its own, the mapping says which.
        sid = ours[0]["id"] if ours else store.submit(**fields)
    store.write(lambda db: db.execute(
        "INSERT OR IGNORE INTO shadow_submissions (contest_id, primary_id, submission_id) "
        "VALUES (?, ?, ?)", [contest_id, primary_id, sid]))
    return sid


def record_judgement(store: Store, contest_id: str, event: Mapping[str, Any]) -> None:
    """Keep the primary's judgement (created, finished, made current or not, deleted)."""
    data = event.get("data")
    ident = str((data or {}).get("id") or event.get("id") or "")
    if not ident:
        return

    def write(db) -> None:
        if not isinstance(data, dict):
            db.execute("DELETE FROM shadow_judgements WHERE contest_id = ? AND id = ?",
                       [contest_id, ident])
            return
        current = data.get("current", data.get("valid", True)) is not False
        (seq,) = db.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM shadow_judgements"
                            ).fetchone()
        db.execute("INSERT INTO shadow_judgements (contest_id, id, primary_submission_id, "
                   "judgement_type_id, current, seq) VALUES (?, ?, ?, ?, ?, ?) "
                   "ON CONFLICT (contest_id, id) DO UPDATE SET judgement_type_id = "
                   "excluded.judgement_type_id, current = excluded.current, seq = excluded.seq",
                   [contest_id, ident, str(data.get("submission_id")),
                    data.get("judgement_type_id"), int(current), seq])

    store.write(write)


class Follower:
    """The primary's events taken in order: setup events gathered until the description is
    over (a submission, a judgement, an idle feed), then the contest imported once, then
    each submission stored and judged here and each judgement recorded. `fetch` reads a
    submission's files (its `files[0].href`); `say` gets one line per thing worth telling."""

    def __init__(self, store: Store, languages: Mapping[str, Language], library: Path,
                 problems_dir: Path | None, url: str, primary_contest_id: str,
                 fetch: Any, say: Any) -> None:
        self.store, self.languages, self.library = store, languages, library
        self.problems_dir, self.url, self.primary_contest_id = problems_dir, url, primary_contest_id
        self.fetch, self.say = fetch, say
        self.setup = Setup()
        self.waiting: list[Mapping[str, Any]] = []  # events after the setup, before the import
        self.contest_id: str | None = None
        self.password: str | None = None
        for row in store.query("SELECT contest_id FROM shadow_feeds WHERE url = ? AND "
                               "primary_contest_id = ?", [url, primary_contest_id]):
            self.contest_id = row["contest_id"]  # a restart: resume

    @property
    def token(self) -> str | None:
        """Where to resume the feed, None to read it from the start."""
        feed = shadowed_feed(self.store, self.contest_id) if self.contest_id else None
        return feed["token"] if feed else None

    def take(self, event: Mapping[str, Any]) -> None:
        """One event of the feed."""
        if self.contest_id is None:
            if kind_of(event) in SETUP_TYPES:
                self.setup.take(event)
                return
            self.waiting.append(event)
            self.start()
            return
        self._apply(event)

    def idle(self) -> None:
        """The feed is idle (a keepalive): whatever describes the contest has come."""
        if self.contest_id is None and self.setup.contest is not None:
            self.start()

    def start(self) -> None:
        """Import the contest as described so far, then the events that waited for it."""
        imported, self.password = import_primary(self.store, self.setup, self.library,
                                                 self.problems_dir, self.url,
                                                 self.primary_contest_id)
        self.contest_id = imported.id
        self.say(f"imported contest {imported.id!r}: {count(imported.problems, 'problem')}, "
                 f"{count(imported.teams, 'team')}; jury login {SHADOW_JURY} / "
                 f"{self.password}")
        waiting, self.waiting = self.waiting, []
        for event in waiting:
            self._apply(event)

    def _apply(self, event: Mapping[str, Any]) -> None:
        assert self.contest_id is not None
        kind, data = kind_of(event), event.get("data")
        if kind == "submissions" and isinstance(data, dict) and data.get("id") is not None:
            if not is_taken(self.store, self.contest_id, str(data["id"])):
                try:
                    hrefs = [f.get("href") for f in data.get("files") or [] if f.get("href")]
                    if not hrefs:
                        raise ShadowError(f"submission {data['id']}: the feed gives no files")
                    self.take_files(data, self.fetch(hrefs[0]))
                except ShadowError as exc:
                    self.say(f"not judged here: {exc}")
        elif kind == "judgements":
            record_judgement(self.store, self.contest_id, event)
        if event.get("token"):
            note_token(self.store, self.contest_id, str(event["token"]))

    def take_files(self, data: Mapping[str, Any], files: bytes) -> None:
        assert self.contest_id is not None
        take_submission(self.store, self.contest_id, data, files, self.languages)
