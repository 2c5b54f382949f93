"""A tool loads a contest's submissions after the fact, as a proxy or a shadow system would:
a CLICS contest package imported, 55 back-dated submissions PUT by an admin with HTTP Basic
credentials, judged for real, and the final (admin) and frozen (public) scoreboards compared
with ones worked out by hand from the CLICS scoring rules (below, not from Podium's code)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.paths import REPO
from tests.webserver import A_PLUS_B, Client, server_process, submission_body

pytestmark = pytest.mark.docker

PACKS = REPO / "problem_packs"
SUM_WA = b"a, b = map(int, input().split())\nprint(a - b)\n"
HELLO_AC = b'print("Hello World!")\n'
HELLO_WA = b'print("Hello, World!")\n'
RTE = b"raise SystemExit(3)\n"
CE = b"int main( {\n"  # C that does not compile
SOURCES = {("A", "AC"): A_PLUS_B, ("A", "WA"): SUM_WA, ("B", "AC"): HELLO_AC,
           ("B", "WA"): HELLO_WA, ("A", "RTE"): RTE, ("B", "RTE"): RTE}
PROBLEMS = {"A": "sum", "B": "hello"}

# (team, problem label, contest time m:ss, what the source does). Contest: 5 h, freeze in the
# last hour (from 4:00:00), penalty 20 minutes; the test runs at 4:30:00.
SUBMISSIONS = [
    ("t1", "A", "10:30", "WA"), ("t1", "A", "12:00", "CE"), ("t1", "A", "25:59", "AC"),
    ("t1", "B", "50:10", "AC"),
    ("t2", "A", "30:00", "AC"), ("t2", "B", "40:00", "WA"), ("t2", "B", "45:00", "WA"),
    ("t2", "B", "70:20", "AC"), ("t2", "B", "80:00", "WA"),
    ("t3", "A", "20:00", "AC"), ("t3", "B", "245:00", "WA"), ("t3", "B", "250:00", "AC"),
    ("t4", "A", "20:30", "AC"), ("t4", "B", "100:00", "CE"), ("t4", "B", "101:00", "CE"),
    *(("t5", "A", f"{60 + i}:00", ("WA", "RTE", "CE")[i % 3]) for i in range(36)),
    *(("t5", "B", f"{241 + i}:00", "WA") for i in range(4)),
]

# Worked out by hand. Jury view: Alpha A solved at 25 with one WA before (the CE costs
# nothing): 25 + 20 = 45; B at 50: total 95. Bravo A 30, B at 70 after two WAs: 110; the WA
# after the AC counts for nothing: 140. Charlie A 20, B at 250 after one WA: 270; 290.
# Delta A at 20:30 -> 20 (minutes round down); B two CEs: judged, no penalty, unsolved.
# Echo: 36 judged rejections on A, 4 on B, nothing solved. First to solve: A Charlie
# (20:00, before Delta's 20:30), B Alpha (50:10).
# (rank, team, solved, total, {label: (num_judged, num_pending, solved, time)})
FINAL = [
    (1, "t1", 2, 95, {"A": (3, 0, True, 25), "B": (1, 0, True, 50)}),
    (2, "t2", 2, 140, {"A": (1, 0, True, 30), "B": (3, 0, True, 70)}),
    (3, "t3", 2, 290, {"A": (1, 0, True, 20), "B": (2, 0, True, 250)}),
    (4, "t4", 1, 20, {"A": (1, 0, True, 20), "B": (2, 0, False, None)}),
    (5, "t5", 0, 0, {"A": (36, 0, False, None), "B": (4, 0, False, None)}),
]
# Public, frozen at 4:00: Charlie's B submissions are pending, so Charlie and Delta tie
# (1 solved, 20 minutes, last AC at 20): both rank 3, in name order, and Echo is 5th.
FROZEN = [
    (1, "t1", 2, 95, {"A": (3, 0, True, 25), "B": (1, 0, True, 50)}),
    (2, "t2", 2, 140, {"A": (1, 0, True, 30), "B": (3, 0, True, 70)}),
    (3, "t3", 1, 20, {"A": (1, 0, True, 20), "B": (0, 2, False, None)}),
    (3, "t4", 1, 20, {"A": (1, 0, True, 20), "B": (2, 0, False, None)}),
    (5, "t5", 0, 0, {"A": (36, 0, False, None), "B": (0, 4, False, None)}),
]


def write_package(folder: Path, start: datetime) -> None:
    """A CLICS contest package: contest, problems with their packages, teams, accounts."""
    (folder / "problems").mkdir(parents=True)
    for name in PROBLEMS.values():
        shutil.copytree(PACKS / name, folder / "problems" / name)
    (folder / "contest.json").write_text(json.dumps({
        "id": "shadow", "name": "Shadow Cup", "start_time": start.isoformat(),
        "duration": "5:00:00", "scoreboard_freeze_duration": "1:00:00",
        "penalty_time": "0:20:00", "scoreboard_type": "pass-fail"}))
    (folder / "problems.yaml").write_text("".join(
        f"- id: {name}\n  label: {label}\n  name: {name}\n  ordinal: {i}\n  rgb: '#00f'\n"
        for i, (label, name) in enumerate(PROBLEMS.items())))
    (folder / "teams.json").write_text(json.dumps([
        {"id": f"t{i}", "label": str(i), "name": name}
        for i, name in enumerate(("Alpha", "Bravo", "Charlie", "Delta", "Echo"), start=1)]))
    (folder / "accounts.yaml").write_text(
        "- id: proxy\n  username: proxy\n  password: forward-all-the-things\n  type: admin\n")


def contest_seconds(text: str) -> int:
    minutes, seconds = text.split(":")
    return int(minutes) * 60 + int(seconds)


def table(board: dict, problems: dict[str, str]) -> list[tuple]:
    labels = {pid: label for label, pid in problems.items()}
    rows = []
    for row in board["rows"]:
        cells = {labels[c["problem_id"]]: (c["num_judged"], c["num_pending"], c["solved"],
                                           _minutes(c.get("time"))) for c in row["problems"]}
        rows.append((row["rank"], row["team_id"], row["score"]["num_solved"],
                     _minutes(row["score"]["total_time"]), cells))
    return rows


def _minutes(reltime: str | None) -> int | None:
    if reltime is None:
        return None
    hours, minutes, seconds = reltime.split(":")
    return int(hours) * 60 + int(minutes)


def test_back_dated_submissions_put_by_an_admin_score_by_the_rules(tmp_path: Path) -> None:
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=4, minutes=30)
    write_package(tmp_path / "package", start)
    data = tmp_path / "data"
    imported = subprocess.run([sys.executable, "-m", "cli", "contest", "import",
                               str(tmp_path / "package"), "--data", str(data)],
                              capture_output=True, text=True, cwd=REPO, timeout=300)
    assert imported.returncode == 0, imported.stdout + imported.stderr
    with server_process(data, "--pool-size", "2") as base:
        proxy = Client(base, "proxy", "forward-all-the-things")
        for number, (team, label, at, kind) in enumerate(SUBMISSIONS, start=1001):
            c_source = kind == "CE"
            source = CE if c_source else SOURCES[(label, kind)]
            sent = submission_body(PROBLEMS[label], "c" if c_source else "python3", source,
                                   "a.c" if c_source else "a.py", team=team)
            sent["time"] = (start + timedelta(seconds=contest_seconds(at))).isoformat()
            sent["id"] = str(number)
            reply = proxy.request("PUT", f"/api/contests/shadow/submissions/{number}",
                                  json.dumps(sent).encode(),
                                  {"Content-Type": "application/json"})
            assert reply.status == 200, reply.text
            assert reply.json()["contest_time"] == f"{contest_seconds(at) // 3600}:" \
                f"{contest_seconds(at) % 3600 // 60:02d}:{contest_seconds(at) % 60:02d}.000"

        deadline = time.monotonic() + 600
        while time.monotonic() < deadline:
            judged = [j for j in proxy.get("/api/contests/shadow/judgements").json()
                      if j["current"]]
            if len(judged) == len(SUBMISSIONS):
                break
            time.sleep(0.5)
        verdicts = {int(j["submission_id"]): j["judgement_type_id"] for j in judged}
        assert verdicts == {n: kind for n, (_, _, _, kind) in
                            enumerate(SUBMISSIONS, start=1001)}

        # The scoreboard follows the event log (every 100 ms), so it may lag the judgements
        # just read: wait until the final board has nothing pending.
        while time.monotonic() < deadline:
            final = proxy.get("/api/contests/shadow/scoreboard").json()
            if not any(c["num_pending"] for row in final["rows"] for c in row["problems"]):
                break
            time.sleep(0.1)
        public = Client(base).get("/api/contests/shadow/scoreboard").json()
        awards = {a["id"]: a["team_ids"] for a in
                  proxy.get("/api/contests/shadow/awards").json()}
    assert table(final, PROBLEMS) == FINAL
    assert table(public, PROBLEMS) == FROZEN
    assert awards["first-to-solve-sum"] == ["t3"] and awards["first-to-solve-hello"] == ["t1"]
    assert awards["winner"] == ["t1"]
