"""The store's schema as an ordered list of migrations; version N is MIGRATIONS[N - 1].

Append new migrations at the end and never edit an applied one: a database records the
versions it has, and `Store.open` applies the missing ones, each in its own transaction.
Names follow CLICS; times are ISO 8601 text, durations and run times are seconds.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlite_utils import Database

from appliance.errors import ApplianceError
from judge.verdicts import Verdict

_VERDICTS = ", ".join(f"'{v.value}'" for v in Verdict)

_V1 = f"""
CREATE TABLE contests (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    formal_name TEXT,
    start_time TEXT,
    duration INTEGER NOT NULL,
    scoreboard_freeze_duration INTEGER,
    penalty_time INTEGER NOT NULL DEFAULT 1200
);
CREATE TABLE problems (
    id TEXT PRIMARY KEY,
    contest_id TEXT NOT NULL REFERENCES contests(id),
    label TEXT NOT NULL,
    name TEXT NOT NULL,
    ordinal INTEGER NOT NULL,
    time_limit REAL,
    rgb TEXT,
    UNIQUE (contest_id, label)
);
CREATE TABLE organizations (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    formal_name TEXT,
    country TEXT
);
CREATE TABLE groups (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    hidden INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1))
);
CREATE TABLE teams (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    display_name TEXT,
    organization_id TEXT REFERENCES organizations(id),
    hidden INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1))
);
CREATE TABLE team_groups (
    team_id TEXT NOT NULL REFERENCES teams(id),
    group_id TEXT NOT NULL REFERENCES groups(id),
    PRIMARY KEY (team_id, group_id)
);
CREATE TABLE accounts (
    id TEXT PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    password_hash TEXT,
    type TEXT NOT NULL CHECK (type IN ('team', 'judge', 'admin', 'analyst', 'staff')),
    team_id TEXT REFERENCES teams(id)
);
CREATE TABLE submissions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    contest_id TEXT NOT NULL REFERENCES contests(id),
    team_id TEXT NOT NULL REFERENCES teams(id),
    problem_id TEXT NOT NULL REFERENCES problems(id),
    language_id TEXT NOT NULL,
    source_hash TEXT NOT NULL,
    file_name TEXT NOT NULL,
    time TEXT NOT NULL,
    contest_time REAL NOT NULL,
    status TEXT NOT NULL DEFAULT 'queued'
        CHECK (status IN ('queued', 'judging', 'judged', 'refused')),
    refused_reason TEXT,
    worker TEXT,
    lease_until REAL,
    claimed_at REAL,
    attempt INTEGER NOT NULL DEFAULT 0,
    served_seq INTEGER,
    last_error TEXT,
    CHECK ((status = 'judging') = (lease_until IS NOT NULL))
);
CREATE INDEX submissions_status ON submissions (status, team_id, id);
CREATE INDEX submissions_served ON submissions (team_id, served_seq);
CREATE INDEX submissions_served_seq ON submissions (served_seq);
CREATE TABLE judgements (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    submission_id INTEGER NOT NULL REFERENCES submissions(id),
    verdict TEXT NOT NULL CHECK (verdict IN ({_VERDICTS})),
    is_current INTEGER NOT NULL DEFAULT 0 CHECK (is_current IN (0, 1)),
    start_time TEXT NOT NULL,
    end_time TEXT NOT NULL,
    max_run_time REAL,
    error TEXT,
    attempt INTEGER NOT NULL
);
CREATE UNIQUE INDEX judgements_one_current ON judgements (submission_id) WHERE is_current = 1;
CREATE TABLE runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    judgement_id INTEGER NOT NULL REFERENCES judgements(id),
    ordinal INTEGER NOT NULL,
    test_name TEXT NOT NULL,
    verdict TEXT NOT NULL CHECK (verdict IN ({_VERDICTS})),
    time REAL NOT NULL,
    wall_time REAL NOT NULL,
    memory INTEGER NOT NULL,
    UNIQUE (judgement_id, ordinal)
);
CREATE TABLE events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    token TEXT NOT NULL UNIQUE,
    type TEXT NOT NULL,
    id TEXT,
    op TEXT NOT NULL CHECK (op IN ('create', 'update', 'delete')),
    data TEXT CHECK (data IS NULL OR json_valid(data)),
    time TEXT NOT NULL
);
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
"""


def initial_schema(db: Database) -> None:
    """Version 1: the CLICS tables, the judge queue's columns and the append-only event log."""
    db.executescript(_V1)  # in the open transaction: run statement by statement, no COMMIT


def problem_packages(db: Database) -> None:
    """Version 2: where each problem's package lies in the library (its folder name)."""
    db.execute("ALTER TABLE problems ADD COLUMN package TEXT")


def clock_events(db: Database) -> None:
    """Version 3: the contest clock's changes (pause, resume, extend, finalize, thaw)."""
    db.execute("CREATE TABLE clock_events (seq INTEGER PRIMARY KEY, "
               "contest_id TEXT NOT NULL REFERENCES contests(id), kind TEXT NOT NULL, "
               "at TEXT, seconds REAL NOT NULL DEFAULT 0)")


def rejudgings(db: Database) -> None:
    """Version 4: rejudgings, whose judgements wait beside the current ones until applied."""
    db.execute("CREATE TABLE rejudgings (id INTEGER PRIMARY KEY, contest_id TEXT NOT NULL "
               "REFERENCES contests(id), reason TEXT, created TEXT NOT NULL, state TEXT NOT "
               "NULL DEFAULT 'running' CHECK (state IN ('running', 'applied', 'cancelled')))")
    db.execute("ALTER TABLE judgements ADD COLUMN rejudging_id INTEGER REFERENCES rejudgings(id)")
    db.execute("ALTER TABLE submissions ADD COLUMN rejudging_id INTEGER "
               "REFERENCES rejudgings(id)")


def clarifications(db: Database) -> None:
    """Version 5: clarifications (questions, answers, announcements), CLICS-named."""
    db.execute("CREATE TABLE clarifications (id INTEGER PRIMARY KEY, contest_id TEXT NOT NULL "
               "REFERENCES contests(id), from_team_id TEXT REFERENCES teams(id), "
               "to_team_id TEXT REFERENCES teams(id), reply_to_id INTEGER "
               "REFERENCES clarifications(id), problem_id TEXT REFERENCES problems(id), "
               "text TEXT NOT NULL, time TEXT NOT NULL, contest_time REAL)")


def submission_files(db: Database) -> None:
    """Version 6: a submission's other files (name -> blob hash, JSON), its entry point, and
    when it arrived (a proxy's or admin's submission carries its own earlier time)."""
    db.execute("ALTER TABLE submissions ADD COLUMN other_files TEXT "
               "CHECK (other_files IS NULL OR json_valid(other_files))")
    db.execute("ALTER TABLE submissions ADD COLUMN entry_point TEXT")
    db.execute("ALTER TABLE submissions ADD COLUMN arrival_time TEXT")


def run_messages(db: Database) -> None:
    """Version 7: what the validator or the judge said of a run (e.g. the first differing
    token of a wrong answer), for the jury."""
    db.execute("ALTER TABLE runs ADD COLUMN message TEXT")


def _edit_table_sql(db: Database, table: str, old: str, new: str) -> None:
    """Change a table's stored definition where ALTER TABLE cannot (a NOT NULL, a CHECK),
    the procedure SQLite documents for changes that leave every row valid
    (lang_altertable.html, "other kinds of changes"): nothing is copied."""
    (sql,) = db.execute("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?",
                        [table]).fetchone()
    if sql.count(old) != 1:
        raise ApplianceError(f"{table} is not as an earlier version made it: {sql}")
    (version,) = db.execute("PRAGMA schema_version").fetchone()
    db.execute("PRAGMA writable_schema = ON")
    try:
        db.execute("UPDATE sqlite_schema SET sql = ? WHERE type = 'table' AND name = ?",
                   [sql.replace(old, new), table])
        db.execute(f"PRAGMA schema_version = {int(version) + 1}")
    finally:
        db.execute("PRAGMA writable_schema = OFF")


PRACTICE = "practice"  # the standing contest row of the practice archive (see `practice`)
_TEAM_REQUIRED = "team_id TEXT NOT NULL REFERENCES teams(id)"


def practice(db: Database) -> None:
    """Version 8: practice. Its submissions go through the same queue under a standing
    contest row `practice` (no start, no end), made by an account (`account_id`) and not a
    team, so `submissions.team_id` may be NULL.

    SQLite cannot drop a NOT NULL with ALTER TABLE; the table's stored definition is edited
    instead, the procedure SQLite documents for removing a NOT NULL constraint (no row
    changes, so nothing is copied: lang_altertable.html, "other kinds of changes")."""
    _edit_table_sql(db, "submissions", _TEAM_REQUIRED, "team_id TEXT REFERENCES teams(id)")
    db.execute("ALTER TABLE submissions ADD COLUMN account_id TEXT REFERENCES accounts(id)")
    db.execute("CREATE INDEX submissions_account ON submissions (account_id, problem_id)")
    db.execute("INSERT INTO contests (id, name, formal_name, start_time, duration) "
               "VALUES (?, 'Practice', 'Practice archive', NULL, 0)", [PRACTICE])


def docker_engines(db: Database) -> None:
    """Docker engines that judge (one row per engine URL: its slots, the jury's state, its
    health as the server last saw it), and which engine holds or judged each submission."""
    db.execute("CREATE TABLE engines (url TEXT PRIMARY KEY, slots INTEGER NOT NULL "
               "CHECK (slots > 0), state TEXT NOT NULL DEFAULT 'active' "
               "CHECK (state IN ('active', 'draining', 'drained')), cert_path TEXT, "
               "up INTEGER NOT NULL DEFAULT 0 CHECK (up IN (0, 1)), last_error TEXT, "
               "checked_at REAL, added_at TEXT NOT NULL)")
    db.execute("ALTER TABLE submissions ADD COLUMN engine TEXT")
    db.execute("ALTER TABLE judgements ADD COLUMN engine TEXT")


def engine_toolchains(db: Database) -> None:
    """Each engine's toolchain versions as `podium engine add` found them (JSON: language
    id -> version line), checked again whenever the engine rejoins."""
    db.execute("ALTER TABLE engines ADD COLUMN toolchains TEXT")


def compile_outputs(db: Database) -> None:
    """What the compiler said, kept with the judgement so the team that submitted and the
    jury can read why a submission did not compile (never part of a CLICS event)."""
    db.execute("ALTER TABLE judgements ADD COLUMN compile_output TEXT")


def dry_runs(db: Database) -> None:
    """Contests' dry runs (`podium contest dry-run`): each report kept whole as JSON, the
    newest one per contest shown to the jury before the start."""
    db.execute("CREATE TABLE dry_runs (id INTEGER PRIMARY KEY, contest_id TEXT NOT NULL "
               "REFERENCES contests(id), started_at TEXT NOT NULL, finished_at TEXT NOT NULL, "
               "repeat INTEGER NOT NULL CHECK (repeat > 0), ok INTEGER NOT NULL "
               "CHECK (ok IN (0, 1)), report TEXT NOT NULL)")
    db.execute("CREATE INDEX dry_runs_contest ON dry_runs (contest_id, id)")


def shadow(db: Database) -> None:
    """Shadow mode: the primary system this contest shadows (its event feed and the last
    token read, to resume), which of our submissions is which of the primary's (ids may
    differ), and the primary's judgements as its feed gave them, kept beside ours."""
    db.execute("CREATE TABLE shadow_feeds (contest_id TEXT PRIMARY KEY REFERENCES "
               "contests(id), url TEXT NOT NULL, primary_contest_id TEXT NOT NULL, "
               "token TEXT)")
    db.execute("CREATE TABLE shadow_submissions (contest_id TEXT NOT NULL, primary_id TEXT "
               "NOT NULL, submission_id INTEGER NOT NULL REFERENCES submissions(id), "
               "PRIMARY KEY (contest_id, primary_id))")
    db.execute("CREATE TABLE shadow_judgements (contest_id TEXT NOT NULL, id TEXT NOT NULL, "
               "primary_submission_id TEXT NOT NULL, judgement_type_id TEXT, "
               "current INTEGER NOT NULL CHECK (current IN (0, 1)), seq INTEGER NOT NULL, "
               "PRIMARY KEY (contest_id, id))")


def clics_submission_ids(db: Database) -> None:
    """Version 13: a submission's CLICS id as its source gave it (`s001` from another CCS,
    a contest package or a PUT), beside the integer kept as the internal key that judgements,
    the queue and rejudgings use. Unique across the data folder, as every other id is;
    existing submissions keep their number as text."""
    db.execute("ALTER TABLE submissions ADD COLUMN clics_id TEXT")
    db.execute("UPDATE submissions SET clics_id = CAST(id AS TEXT)")
    db.execute("CREATE UNIQUE INDEX submissions_clics_id ON submissions (clics_id)")


def team_labels(db: Database) -> None:
    """Version 14: a team's CLICS `label` (the seat or team number a package gives),
    NULL for the teams before it, whose label is their id."""
    db.execute("ALTER TABLE teams ADD COLUMN label TEXT")


def clics_clarification_ids(db: Database) -> None:
    """Version 15: a clarification's CLICS id as its source gave it (a contest package's),
    beside the integer key that `reply_to_id` refers to; existing ones keep their number."""
    db.execute("ALTER TABLE clarifications ADD COLUMN clics_id TEXT")
    db.execute("UPDATE clarifications SET clics_id = CAST(id AS TEXT)")
    db.execute("CREATE UNIQUE INDEX clarifications_clics_id ON clarifications (clics_id)")


_ACCOUNT_TYPES_V1 = "type IN ('team', 'judge', 'admin', 'analyst', 'staff')"


def contest_floor(db: Database) -> None:
    """The contest floor: balloon runners' accounts (`balloon`), a team's location (seat),
    each contest's balloon policy during the freeze and its CUPS printer, the balloons
    delivered (and taken back), and the print jobs."""
    _edit_table_sql(db, "accounts", _ACCOUNT_TYPES_V1,
                    _ACCOUNT_TYPES_V1.replace("'staff')", "'staff', 'balloon')"))
    db.execute("ALTER TABLE teams ADD COLUMN location TEXT")
    db.execute("ALTER TABLE contests ADD COLUMN balloons_during_freeze INTEGER NOT NULL "
               "DEFAULT 1 CHECK (balloons_during_freeze IN (0, 1))")
    db.execute("ALTER TABLE contests ADD COLUMN printer TEXT")
    db.execute("CREATE TABLE balloon_deliveries (contest_id TEXT NOT NULL REFERENCES "
               "contests(id), team_id TEXT NOT NULL REFERENCES teams(id), problem_id TEXT "
               "NOT NULL REFERENCES problems(id), delivered_by TEXT NOT NULL, delivered_at "
               "TEXT NOT NULL, returned_by TEXT, returned_at TEXT, "
               "PRIMARY KEY (contest_id, team_id, problem_id))")
    db.execute("CREATE TABLE print_jobs (id INTEGER PRIMARY KEY, contest_id TEXT NOT NULL "
               "REFERENCES contests(id), team_id TEXT REFERENCES teams(id), account_id TEXT "
               "REFERENCES accounts(id), file_name TEXT NOT NULL, language TEXT, "
               "source_hash TEXT NOT NULL, pdf_hash TEXT NOT NULL, pages INTEGER NOT NULL, "
               "time TEXT NOT NULL, state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN "
               "('queued', 'printed', 'failed', 'done')), printer TEXT, error TEXT, "
               "done_by TEXT, done_at TEXT)")
    db.execute("CREATE INDEX print_jobs_contest ON print_jobs (contest_id, id)")


def score_contests(db: Database) -> None:
    """Score contests (CLICS `scoreboard_type: score`): the contest's type and its rules (the
    best submission or the best per subtask; whether the time of the last improvement
    breaks ties), each problem's maximum, and each judgement's score with its subtasks'
    (JSON: test data group -> score)."""
    db.execute("ALTER TABLE contests ADD COLUMN scoreboard_type TEXT NOT NULL "
               "DEFAULT 'pass-fail' CHECK (scoreboard_type IN ('pass-fail', 'score'))")
    db.execute("ALTER TABLE contests ADD COLUMN score_mode TEXT NOT NULL DEFAULT "
               "'best_subtask' CHECK (score_mode IN ('best_submission', 'best_subtask'))")
    db.execute("ALTER TABLE contests ADD COLUMN score_tiebreak TEXT NOT NULL DEFAULT 'time' "
               "CHECK (score_tiebreak IN ('time', 'none'))")
    db.execute("ALTER TABLE problems ADD COLUMN max_score REAL")
    db.execute("ALTER TABLE judgements ADD COLUMN score REAL")
    db.execute("ALTER TABLE judgements ADD COLUMN subtask_scores TEXT "
               "CHECK (subtask_scores IS NULL OR json_valid(subtask_scores))")


def custom_runs(db: Database) -> None:
    """Version 18: a team's (or a practising account's) own runs of a source on its own
    input or the samples, judged after every real submission and never part of the contest
    (no events, no submission row); whether a contest offers them (practice does); and each
    judged test's program output (its start and its size), for the jury."""
    db.execute("ALTER TABLE contests ADD COLUMN custom_runs INTEGER NOT NULL DEFAULT 0 "
               "CHECK (custom_runs IN (0, 1))")
    db.execute("UPDATE contests SET custom_runs = 1 WHERE id = ?", [PRACTICE])
    db.execute("ALTER TABLE runs ADD COLUMN output TEXT")
    db.execute("ALTER TABLE runs ADD COLUMN output_size INTEGER")
    db.execute("CREATE TABLE custom_runs (id INTEGER PRIMARY KEY AUTOINCREMENT, "
               "contest_id TEXT NOT NULL REFERENCES contests(id), "
               "team_id TEXT REFERENCES teams(id), "
               "account_id TEXT NOT NULL REFERENCES accounts(id), problem_id TEXT NOT NULL, "
               "package TEXT NOT NULL, time_limit REAL, language_id TEXT NOT NULL, "
               "source_hash TEXT NOT NULL, file_name TEXT NOT NULL, input_hash TEXT, "
               "status TEXT NOT NULL DEFAULT 'queued' "
               "CHECK (status IN ('queued', 'judging', 'done')), worker TEXT, "
               "lease_until REAL, attempt INTEGER NOT NULL DEFAULT 0, created TEXT NOT NULL, "
               "finished TEXT, result TEXT CHECK (result IS NULL OR json_valid(result)), "
               "CHECK ((status = 'judging') = (lease_until IS NOT NULL)))")
    db.execute("CREATE INDEX custom_runs_status ON custom_runs (status, id)")


def ignored_submissions(db: Database) -> None:
    """A judge may mark a submission ignored (it leaves the scoreboard and the CLICS views;
    undo restores it): the submission's state, and every mark and undo with who, when and
    why, for the audit."""
    db.execute("ALTER TABLE submissions ADD COLUMN ignored INTEGER NOT NULL DEFAULT 0 "
               "CHECK (ignored IN (0, 1))")
    db.execute("CREATE TABLE submission_ignores (id INTEGER PRIMARY KEY AUTOINCREMENT, "
               "submission_id INTEGER NOT NULL REFERENCES submissions(id), "
               "ignored INTEGER NOT NULL CHECK (ignored IN (0, 1)), by TEXT NOT NULL, "
               "time TEXT NOT NULL, reason TEXT NOT NULL)")


_NO_UPDATE = ("CREATE TRIGGER events_no_update BEFORE UPDATE ON events "
              "BEGIN SELECT RAISE(ABORT, 'events are append-only'); END")
# An old event's contest when its object names none: the one whose `contests` event came last
# before it (a contest's import writes its contest, then its teams and the rest, in one go).
_LAST_CONTEST = ("(SELECT c.id FROM events c WHERE c.type = 'contests' AND c.seq < events.seq "
                 "AND c.id IN (SELECT id FROM contests) ORDER BY c.seq DESC LIMIT 1)")
_OWNER = {  # event type -> the contest of the object the event is about
    "contests": "(SELECT id FROM contests WHERE id = events.id)",
    "problems": "(SELECT contest_id FROM problems WHERE id = events.id)",
    "submissions": "(SELECT contest_id FROM submissions WHERE clics_id = events.id)",
    "judgements": "(SELECT s.contest_id FROM judgements j JOIN submissions s "
                  "ON s.id = j.submission_id WHERE j.id = CAST(events.id AS INTEGER))",
    "runs": "(SELECT s.contest_id FROM runs r JOIN judgements j ON j.id = r.judgement_id "
            "JOIN submissions s ON s.id = j.submission_id WHERE r.id = CAST(events.id AS INTEGER))",
    "clarifications": "(SELECT contest_id FROM clarifications WHERE clics_id = events.id)",
}


def several_contests(db: Database) -> None:
    """Several contests on one server: each event belongs to one contest (its feed, board and
    audit are that contest's), and so do teams and accounts (`contest_teams`,
    `memberships`: a team usually in one, the jury in any number).

    Until now every contest of a data folder saw every team, account and event, so each
    existing team and account joins every existing contest (practice aside), and each event
    goes to the contest of the object it is about, else to the contest imported last before
    it, else to the first contest: a one-contest store's events all go to its contest. The
    log is append-only; its guard is lifted for this one fill and put back."""
    db.execute("ALTER TABLE events ADD COLUMN contest_id TEXT REFERENCES contests(id)")
    db.execute("CREATE TABLE contest_teams (contest_id TEXT NOT NULL REFERENCES contests(id), "
               "team_id TEXT NOT NULL REFERENCES teams(id), PRIMARY KEY (contest_id, team_id))")
    db.execute("CREATE TABLE memberships (contest_id TEXT NOT NULL REFERENCES contests(id), "
               "account_id TEXT NOT NULL REFERENCES accounts(id), "
               "PRIMARY KEY (contest_id, account_id))")
    db.execute("CREATE INDEX memberships_account ON memberships (account_id)")
    db.execute("CREATE INDEX contest_teams_team ON contest_teams (team_id)")
    db.execute("INSERT INTO contest_teams SELECT c.id, t.id FROM contests c, teams t "
               "WHERE c.id != ?", [PRACTICE])
    db.execute("INSERT INTO memberships SELECT c.id, a.id FROM contests c, accounts a "
               "WHERE c.id != ?", [PRACTICE])
    first = db.execute("SELECT id FROM contests WHERE id != ? ORDER BY rowid LIMIT 1",
                       [PRACTICE]).fetchone()
    db.execute("DROP TRIGGER events_no_update")
    owner = " ".join(f"WHEN '{kind}' THEN {sql}" for kind, sql in _OWNER.items())
    db.execute(f"UPDATE events SET contest_id = coalesce(CASE type {owner} END, "  # noqa: S608
               f"{_LAST_CONTEST}, ?)", [first[0] if first else None])
    db.execute(_NO_UPDATE)
    db.execute("CREATE INDEX events_contest ON events (contest_id, seq)")


def reveal_steps(db: Database) -> None:
    """The resolver's reveal kept in the store, step by step (the cell each showed, who took
    it and when): every web worker shows the same cells, and a restart keeps them."""
    db.execute("CREATE TABLE reveal_steps (contest_id TEXT NOT NULL REFERENCES contests(id), "
               "step INTEGER NOT NULL CHECK (step >= 1), team_id TEXT NOT NULL, "
               "problem_id TEXT NOT NULL, by TEXT NOT NULL, time TEXT NOT NULL, "
               "PRIMARY KEY (contest_id, step))")


Migration = Callable[[Database], None]

MIGRATIONS: list[Migration] = [initial_schema, problem_packages, clock_events, rejudgings,
                               clarifications, submission_files, run_messages, practice,
                               docker_engines, compile_outputs, dry_runs, shadow,
                               clics_submission_ids, team_labels, clics_clarification_ids,
                               contest_floor, score_contests, custom_runs,
                               ignored_submissions, several_contests, engine_toolchains,
                               reveal_steps]
