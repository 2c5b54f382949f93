"""A team's hostile submission zips cost the server no more memory than the limits allow: a
member that claims 100 bytes and inflates to 1 GiB is refused after at most the zip limit has
come out, and a team past its rate is refused before its body is read. Measured on a real
`podium serve` process (its peak resident memory, VmHWM)."""

from __future__ import annotations

import base64
from pathlib import Path

from tests.security.bombs import MIB, lying_zip
from tests.webserver import Client, make_contest, spawn_server, stop_server
from web.state import SUBMISSIONS_PER_MINUTE

URL = "/api/contests/test/submissions"
TEAMS = 4
UPLOADS = 20  # five a team: within each team's rate, so every one is inflated


def memory_mib(pid: int, key: str) -> int:
    """A figure of /proc/PID/status (VmRSS, VmHWM) in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1]) // 1024
    raise KeyError(key)


def test_twenty_hostile_uploads_keep_the_server_under_300_mib(tmp_path: Path) -> None:
    logins = make_contest(tmp_path, teams=TEAMS)
    bomb = base64.b64encode(lying_zip("a.py", 1024 * MIB)).decode()
    body = {"problem_id": "sum", "language_id": "python3", "files": [{"data": bomb}]}
    process, base = spawn_server(tmp_path, "--no-judge")
    try:
        before = memory_mib(process.pid, "VmRSS")
        teams = [Client(base, f"team00{i}", logins[f"team00{i}"]) for i in range(1, TEAMS + 1)]
        for n in range(UPLOADS):
            reply = teams[n % TEAMS].post_json(URL, body)
            assert reply.status == 400, reply.text
            assert "not a readable zip" in reply.json()["message"]
        peak = memory_mib(process.pid, "VmHWM")
        assert peak < 300, f"the server grew from {before} MiB to a peak of {peak} MiB"

        for _ in range(SUBMISSIONS_PER_MINUTE - UPLOADS // TEAMS):  # team001 up to its rate
            assert teams[0].post_json(URL, body).status == 400
        late = teams[0].post_json(URL, body)  # past its rate: refused before reading
        assert late.status == 429
        assert "submissions a minute" in late.json()["message"]
        assert Client(base).get("/api/contests/test/scoreboard").status == 200
        assert memory_mib(process.pid, "VmHWM") < 300
    finally:
        stop_server(process, 60)
