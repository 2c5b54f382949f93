"""The floor in the audit archive `podium export` writes: the balloons delivered (who,
when), every print job with the PDF that was printed and the reveal's steps in their order,
signed and hashed with the rest."""

from __future__ import annotations

import json
import zipfile
from datetime import UTC, datetime
from pathlib import Path

from appliance.audit import audit_archive, export_archive
from appliance.contest.control import control
from appliance.contest.setup import import_contest, quick_contest
from appliance.floor.balloons import record
from appliance.floor.printing import submit_print
from appliance.judging.queue import JudgeQueue
from appliance.scoreboard.revealed import take_step
from appliance.store import Store
from judge.judging import Judgement
from judge.verdicts import Verdict
from tests.paths import PACKS


def test_deliveries_print_jobs_and_reveal_steps_are_in_the_archive(tmp_path: Path) -> None:
    now = datetime.now(UTC)
    with Store.open(tmp_path / "data") as store:
        import_contest(store, quick_contest("Cup", [PACKS / "sum"], 2), tmp_path / "library")
        control(store, "cup", "start", now, now)
        store.submit(contest_id="cup", team_id="team001", problem_id="sum",
                     language_id="python3", source=b"x", file_name="a.py",
                     time=now.isoformat(), contest_time=60.0)
        queue = JudgeQueue(store)
        assert queue.complete(queue.claim("w", 60, 1.0), Judgement(Verdict.AC), 2.0)
        record(store, "cup", "team001", "sum", "deliver", "runner1", now)
        job = submit_print(store, "cup", team="Team 1", team_id="team001",
                           account_id="team001", location="B-12", file_name="a.py",
                           data=b"print(42)\n", now=now)
        assert take_step(store, "cup", 0, "team001", "sum", "jury", now)
        assert take_step(store, "cup", 1, "team002", "sum", "admin", now)
        out = export_archive(store, "cup", tmp_path / "cup.zip", tmp_path / "library")
    with zipfile.ZipFile(out) as z:
        steps = json.loads(z.read("audit/reveal_steps.json"))
        delivered = json.loads(z.read("audit/balloon_deliveries.json"))
        jobs = json.loads(z.read("audit/print_jobs.json"))
        pdf = z.read(f"audit/print-jobs/{job.id}.pdf")
    assert [(d["team_id"], d["problem_id"], d["delivered_by"]) for d in delivered] == [
        ("team001", "sum", "runner1")]
    assert [(j["id"], j["file_name"], j["team_id"]) for j in jobs] == [(job.id, "a.py",
                                                                         "team001")]
    assert pdf.startswith(b"%PDF")
    assert [(s["step"], s["team_id"], s["by"]) for s in steps] == [
        (1, "team001", "jury"), (2, "team002", "admin")]
    assert audit_archive(out).problems == []
