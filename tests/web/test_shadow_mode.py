"""Shadow mode against a second Podium as the primary: 30 scripted submissions judged on
the primary, `podium shadow` (its own data folder) judges them all again and reports no
difference; then a rejudging on the primary after a changed test changes one verdict, and
the shadow shows exactly that one difference (stdout, the jury endpoint, the jury page)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.paths import PACKS, REPO
from tests.webserver import (
    A_PLUS_B,
    Client,
    make_contest,
    spawn_server,
    stop_server,
    submission_body,
)

pytestmark = pytest.mark.docker

SUM_WA = b"a, b = map(int, input().split())\nprint(a - b)\n"
RTE = b"raise SystemExit(3)\n"
CE = b"int main( {\n"
# (problem, language, file, source, verdict): six kinds, five times over = 30 submissions.
KINDS = [("sum", "python3", "a.py", A_PLUS_B, "AC"), ("sum", "python3", "a.py", SUM_WA, "WA"),
         ("hello", "python3", "h.py", b'print("Hello World!")\n', "AC"),
         ("hello", "python3", "h.py", b'print("Hello, World!")\n', "WA"),
         ("sum", "python3", "a.py", RTE, "RTE"), ("hello", "c", "h.c", CE, "CE")]


def podium(*args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, "-m", "cli", *args], capture_output=True,
                          text=True, cwd=REPO, timeout=timeout)
    assert done.returncode == 0, done.stdout + done.stderr
    return done


def wait_for(what, timeout: float = 600, step: float = 0.3):
    deadline = time.monotonic() + timeout
    while True:
        found = what()
        if found or time.monotonic() > deadline:
            return found
        time.sleep(step)


def test_a_shadow_of_a_podium_agrees_then_shows_the_one_rejudged_difference(
        tmp_path: Path) -> None:
    primary_data, shadow_data = tmp_path / "primary", tmp_path / "shadow"
    primary_data.mkdir()
    shadow_data.mkdir()
    logins = make_contest(primary_data, problems=("sum", "hello"), teams=3)
    primary, base = spawn_server(primary_data, "--no-judge")
    shadow = serving = None
    try:
        admin = Client(base, "admin", logins["admin"])
        expected, kinds = {}, {}
        for n in range(30):
            problem, language, name, source, verdict = KINDS[n % len(KINDS)]
            reply = admin.post_json("/api/contests/test/submissions", submission_body(
                problem, language, source, name, team=f"team{n % 3 + 1:03d}"))
            assert reply.status == 200, reply.text
            expected[reply.json()["id"]] = verdict
            kinds[reply.json()["id"]] = n % len(KINDS)
        podium("dispatch", "--until-empty", "--pool-size", "2", "--data", str(primary_data))
        judged = {j["submission_id"]: j["judgement_type_id"]
                  for j in admin.get("/api/contests/test/judgements").json() if j["current"]}
        assert judged == expected

        log = shadow_data / "shadow.log"
        with open(log, "wb") as out:
            shadow = subprocess.Popen(
                [sys.executable, "-m", "cli", "shadow", base, "--user", "admin",
                 "--password", logins["admin"], "--problems", str(PACKS), "--pool-size", "2",
                 "--data", str(shadow_data)], stdout=out, stderr=subprocess.STDOUT, cwd=REPO)
        agreed = "30 submissions: 30 judged there, 30 here, 0 differences"
        assert wait_for(lambda: agreed in log.read_text() or shadow.poll() is not None), \
            log.read_text()
        assert agreed in log.read_text(), log.read_text()
        assert "differs:" not in log.read_text()
        password = re.search(r"jury login shadow-jury / (\S+)", log.read_text()).group(1)

        serving, shadow_base = spawn_server(shadow_data, "--no-judge")
        jury = Client(shadow_base, "shadow-jury", password)
        view = jury.get("/api/contests/test/shadow-differences").json()
        assert (view["submissions"], view["judged_primary"], view["judged_here"],
                view["differences"], view["items"]) == (30, 30, 30, 0, [])
        assert Client(shadow_base).get("/api/contests/test/shadow-differences").status == 401

        # The primary's test changes (its answer to the first secret test is now wrong) and
        # one accepted submission of `sum` is rejudged there: WA on the primary, AC here.
        (answer,) = (primary_data / "packages").glob("sum-*/data/secret/01.ans")
        answer.write_text("-1\n")
        target = next(sid for sid, kind in kinds.items() if kind == 0)  # sum, accepted
        rejudge = podium("rejudge", "test", "--submission", target, "--data", str(primary_data))
        rejudging = re.search(r"rejudging (\d+)", rejudge.stdout).group(1)
        podium("dispatch", "--until-empty", "--pool-size", "1", "--data", str(primary_data))
        podium("rejudging", "apply", rejudging, "--data", str(primary_data))
        applied = time.monotonic()

        def one_difference() -> list:
            found = jury.get("/api/contests/test/shadow-differences").json()
            return found["items"] if found["differences"] else []

        items = wait_for(one_difference, timeout=60, step=0.2)  # the issue asks for 5 s
        print(f"the difference was shown {time.monotonic() - applied:.1f} s after the apply")
        assert [(i["submission_id"], i["primary_judgement_type_id"], i["judgement_type_id"])
                for i in items] == [(target, "WA", "AC")]
        assert wait_for(lambda: f"differs: submission {target} " in log.read_text(), 30)
        assert "30 submissions: 30 judged there, 30 here, 1 difference" in log.read_text()
        jury.login("shadow-jury", password)
        page = jury.get("/jury/shadow").text
        assert f'id="s{target}"' in page and "1 differ" in page
        assert json.dumps(view)  # the endpoint's answer is plain JSON
    finally:
        if shadow is not None:
            shadow.terminate()
            shadow.wait(60)
        if serving is not None:
            stop_server(serving)
        stop_server(primary)
