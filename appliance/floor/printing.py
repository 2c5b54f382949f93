"""Printing for teams: a file checked (text, size, pages), rendered (`printout.render`),
kept as a job in the store (the file and the PDF as blobs) and sent to the contest's CUPS
printer with `lp`, or left in the print queue that runners open in a browser (download,
mark done)."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from datetime import datetime

from appliance.contest.intake import byte_size
from appliance.errors import ApplianceError
from appliance.floor.policy import printer_of
from appliance.floor.printout import Header, render
from appliance.store import Store

MAX_BYTES = 64 * 1024  # of one file to print
MAX_PAGES = 10  # of one printout
LP = "lp"  # CUPS' client, found on PATH
LP_TIMEOUT_S = 30.0
STATES = ("queued", "printed", "failed", "done")


class PrintError(ApplianceError):
    """A file that cannot be printed, or a job that cannot be marked, and why."""


@dataclass(frozen=True)
class PrintJob:
    """A stored print job (its row's columns)."""

    id: int
    team_id: str | None
    file_name: str
    pdf_hash: str
    pages: int
    time: str
    state: str
    printer: str | None
    error: str | None
    done_by: str | None

    @classmethod
    def of(cls, row: dict) -> PrintJob:
        return cls(row["id"], row["team_id"], row["file_name"], row["pdf_hash"], row["pages"],
                   row["time"], row["state"], row["printer"], row["error"], row["done_by"])


def text_of(file_name: str, data: bytes) -> str:
    """The file's text, or PrintError naming the file: empty, past the size limit, binary
    (a NUL byte) or not UTF-8."""
    if not data:
        raise PrintError(f"{file_name}: the file is empty")
    if len(data) > MAX_BYTES:
        raise PrintError(f"{file_name}: the file is {byte_size(len(data))}; at most "
                         f"{byte_size(MAX_BYTES)} are printed")
    nul = data.find(b"\0")
    if nul >= 0:
        raise PrintError(f"{file_name}: a binary file (a NUL byte at offset {nul}); only "
                         "text is printed")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise PrintError(f"{file_name}: not UTF-8 text (byte 0x{data[exc.start]:02x} at "
                         f"offset {exc.start}); only text is printed") from None


def submit_print(store: Store, contest_id: str, *, team: str, team_id: str | None,
                 account_id: str | None, location: str | None, file_name: str, data: bytes,
                 now: datetime) -> PrintJob:
    """Check and render the file, store the job; PrintError when it cannot be printed."""
    text = text_of(file_name, data)
    header = Header(team, location, now.strftime("%Y-%m-%d %H:%M:%S"), file_name)
    pdf, pages = render(text, header)
    if pages > MAX_PAGES:
        raise PrintError(f"{file_name}: the printout would be {pages} pages; at most "
                         f"{MAX_PAGES} are printed")
    source_hash, pdf_hash = store.blobs.put_bytes(data), store.blobs.put_bytes(pdf)

    def write(db) -> int:
        return int(db.execute(
            "INSERT INTO print_jobs (contest_id, team_id, account_id, file_name, source_hash, "
            "pdf_hash, pages, time) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [contest_id, team_id, account_id, file_name, source_hash, pdf_hash, pages,
             now.isoformat(timespec="seconds")]).lastrowid or 0)

    return job_of(store, contest_id, store.write(write))  # type: ignore[return-value]


def send(store: Store, contest_id: str, job: PrintJob, lp: str = LP) -> PrintJob:
    """Send the job to the contest's printer with `lp` (blocking: call from a thread);
    without a printer it stays queued for the runners. A failure is kept with the job
    (state `failed`, lp's words) and the job stays in the runners' queue."""
    printer = printer_of(store, contest_id)
    if printer is None:
        return job
    argv = [lp, "-d", printer, "-t", f"{job.file_name} ({job.team_id})",
            str(store.blobs.path(job.pdf_hash))]
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=LP_TIMEOUT_S,
                              check=False)
        error = None if done.returncode == 0 else \
            (done.stderr or done.stdout).strip()[:500] or f"lp exited {done.returncode}"
    except (OSError, subprocess.TimeoutExpired) as exc:
        error = f"{lp}: {exc}"
    store.write(lambda db: db.execute(
        "UPDATE print_jobs SET state = ?, printer = ?, error = ? WHERE id = ?",
        ["failed" if error else "printed", printer, error, job.id]))
    return job_of(store, contest_id, job.id)  # type: ignore[return-value]


def job_of(store: Store, contest_id: str, job_id: int | str) -> PrintJob | None:
    """One job of the contest, None if there is no such one."""
    rows = store.query("SELECT * FROM print_jobs WHERE id = ? AND contest_id = ?",
                       [job_id, contest_id])
    return PrintJob.of(rows[0]) if rows else None


def jobs_of(store: Store, contest_id: str, team_id: str | None = None) -> list[PrintJob]:
    """The contest's print jobs, newest first; one team's when given."""
    where, params = "contest_id = ?", [contest_id]
    if team_id is not None:
        where, params = where + " AND team_id = ?", [contest_id, team_id]
    return [PrintJob.of(r) for r in store.query(
        f"SELECT * FROM print_jobs WHERE {where} ORDER BY id DESC", params)]  # noqa: S608


def mark_done(store: Store, contest_id: str, job_id: int | str, who: str,
              now: datetime) -> PrintJob:
    """A runner handed the printout over; PrintError for an unknown job or one done
    already."""
    def write(db) -> None:
        row = db.execute("SELECT state, done_by FROM print_jobs WHERE id = ? AND "
                         "contest_id = ?", [job_id, contest_id]).fetchone()
        if row is None:
            raise PrintError(f"no print job {job_id}")
        if row[0] == "done":
            raise PrintError(f"print job {job_id} was already marked done by {row[1]}")
        db.execute("UPDATE print_jobs SET state = 'done', done_by = ?, done_at = ? "
                   "WHERE id = ?", [who, now.isoformat(timespec="seconds"), job_id])
    store.write(write)
    return job_of(store, contest_id, job_id)  # type: ignore[return-value]


def to_json(job: PrintJob) -> dict:
    """A job as the API and the pages show it."""
    return {"id": str(job.id), "team_id": job.team_id, "file_name": job.file_name,
            "pages": job.pages, "time": job.time, "state": job.state, "printer": job.printer,
            "error": job.error, "done_by": job.done_by}
