"""Printing: a file checked, rendered to a PDF with its header and code, kept as a job, sent
to the contest's printer with `lp` (a fake that records its arguments) or left queued."""

from __future__ import annotations

import io
import re
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from appliance.contest.setup import import_contest, quick_contest
from appliance.floor.policy import set_policy
from appliance.floor.printing import (
    MAX_BYTES,
    PrintError,
    jobs_of,
    mark_done,
    send,
    submit_print,
    text_of,
)
from appliance.store import Store
from tests.paths import PACKS

NOW = datetime(2026, 11, 23, 12, 30, 5, tzinfo=UTC)
SOURCE = (PACKS / "sum" / "submissions" / "accepted" / "sum.c").read_bytes()


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def store(tmp_path: Path):
    with Store.open(tmp_path / "data") as opened:
        import_contest(opened, quick_contest("Cup", [PACKS / "sum"], 2), tmp_path / "library")
        yield opened


def fake_lp(tmp_path: Path) -> tuple[Path, Path]:
    record = tmp_path / "lp-args"
    lp = tmp_path / "lp"
    lp.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > {record}\necho "request id is x-1"\n')
    lp.chmod(lp.stat().st_mode | stat.S_IXUSR)
    return lp, record


def print_sum(store: Store):
    return submit_print(store, "cup", team="Team One", team_id="team001",
                        account_id="team001", location="Row 3 seat 4", file_name="sum.c",
                        data=SOURCE, now=NOW)


def test_a_printout_has_the_header_and_every_line_of_the_file(store: Store) -> None:
    job = print_sum(store)
    text = pdf_text(store.blobs.path(job.pdf_hash).read_bytes())
    assert "Team One · Row 3 seat 4 · 2026-11-23 12:30:05 · sum.c" in text
    printed = [line[6:] for line in text.splitlines()[2:]]  # past the header, the numbers
    assert printed == SOURCE.decode().splitlines()
    assert [j.state for j in jobs_of(store, "cup")] == ["queued"]


def test_without_a_printer_the_job_waits_for_the_runners(store: Store, tmp_path: Path) -> None:
    lp, record = fake_lp(tmp_path)
    job = send(store, "cup", print_sum(store), lp=str(lp))
    assert job.state == "queued" and not record.exists()
    assert mark_done(store, "cup", job.id, "runner", NOW).state == "done"
    with pytest.raises(PrintError, match="already marked done by runner"):
        mark_done(store, "cup", job.id, "runner2", NOW)


def test_with_a_printer_the_job_goes_to_lp(store: Store, tmp_path: Path) -> None:
    lp, record = fake_lp(tmp_path)
    set_policy(store, "cup", printer="floor-laser")
    job = send(store, "cup", print_sum(store), lp=str(lp))
    assert (job.state, job.printer) == ("printed", "floor-laser")
    args = record.read_text().splitlines()
    assert args[:2] == ["-d", "floor-laser"]
    assert Path(args[-1]).read_bytes() == store.blobs.path(job.pdf_hash).read_bytes()


def test_a_failing_lp_is_kept_with_the_job(store: Store, tmp_path: Path) -> None:
    set_policy(store, "cup", printer="floor-laser")
    lp = tmp_path / "lp"
    lp.write_text("#!/bin/sh\necho 'lp: The printer or class does not exist.' >&2\nexit 1\n")
    lp.chmod(0o755)
    job = send(store, "cup", print_sum(store), lp=str(lp))
    assert (job.state, job.error) == ("failed", "lp: The printer or class does not exist.")


@pytest.mark.parametrize(("data", "error"), [
    (b"", "the file is empty"),
    (b"\x7fELF\x02\x01\x00\x00", "a binary file (a NUL byte at offset 6)"),
    (b"caf\xe9\n", "not UTF-8 text (byte 0xe9 at offset 3)"),
    (b"x" * (MAX_BYTES + 1), "the file is 65,537 bytes"),
])
def test_what_cannot_be_printed_is_refused_naming_the_file(data: bytes, error: str) -> None:
    with pytest.raises(PrintError, match="^" + re.escape(f"a.out: {error}")):
        text_of("a.out", data)


def test_a_printout_past_the_page_limit_is_refused(store: Store) -> None:
    with pytest.raises(PrintError, match=r"long\.txt: the printout would be \d+ pages; at "
                                         "most 10"):
        submit_print(store, "cup", team="T", team_id="team001", account_id=None,
                     location=None, file_name="long.txt", data=b"line\n" * 1000, now=NOW)
