"""Practice over JSON as a script sees it: submit -> verdict latency on a real `podium serve`.

Run by hand (it needs Docker): `.venv/bin/python bench/practice_api.py [--submissions 20]
[--json]`. It makes a fresh data folder (a contest not started, so its teams practise, and
the demo packages in the library), starts the real server judging on Docker, then, using
only the practice JSON API under /api/practice/ with a team's HTTP Basic credentials:
pages through the problem list, picks a function problem, fetches its stub in three
languages, fills the Python one in, runs it on its own input, submits it and polls
`check/{id}` until the verdict; then submits `--submissions` more, one after another, and
reports submit -> verdict p50 and p99 (Podium's promise: under 5 s). The polling is every
100 ms, so a figure carries up to 0.1 s of it.

`solve` is the script itself; `tests/web/test_practice_api.py` runs it once.
"""

from __future__ import annotations

import argparse
import base64
import json
import statistics
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PREFIX = "/api/practice"
LANGUAGES = ("python3", "cpp", "java")
BODY = "        return [list(column) for column in zip(*matrix[::-1])]\n"
OWN_INPUT = "[[1,2],[3,4],[5,6]]\n"


class PracticeClient:
    """A tool's client of the practice API: HTTP Basic, JSON in and out."""

    def __init__(self, base: str, user: str, password: str) -> None:
        self.base = base
        self.auth = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()

    def call(self, method: str, path: str, body: dict | None = None) -> dict:
        request = urllib.request.Request(
            self.base + PREFIX + path, method=method,
            data=None if body is None else json.dumps(body).encode(),
            headers={"Authorization": self.auth, "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return json.loads(response.read())
        except urllib.error.HTTPError as error:
            raise RuntimeError(f"{method} {path}: {error.code} {error.read().decode()}") from None

    def poll(self, ident: str, every_s: float = 0.1, timeout_s: float = 300) -> dict:
        """`check/{id}` until its state is done."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            answer = self.call("GET", f"/check/{ident}")
            if answer["state"] == "done":
                return answer
            time.sleep(every_s)
        raise RuntimeError(f"{ident} had no verdict within {timeout_s} s")


def all_problems(client: PracticeClient, limit: int = 3) -> list[dict]:
    """Every problem of the archive, page by page."""
    found, page = [], 1
    while True:
        answer = client.call("GET", f"/problems?page={page}&limit={limit}")
        found += answer["problems"]
        if page >= answer["pages"]:
            return found
        page += 1


def solve(client: PracticeClient) -> dict:
    """The script: list, a function problem's stubs in three languages, fill in Python's,
    run it on its own input, submit, poll to the verdict. What it saw, as a dict."""
    listed = all_problems(client)
    problems = {p["id"]: client.call("GET", f"/problems/{p['id']}") for p in listed}
    function = next(pid for pid, p in problems.items()
                    if p["function"] and "rotateClockwise" in (p["stub"] or ""))
    stubs = {language: client.call("GET", f"/problems/{function}?language={language}")["stub"]
             for language in LANGUAGES}
    source = stubs["python3"].replace("        pass\n", BODY)
    run = client.call("POST", f"/problems/{function}/run",
                      {"language_id": "python3", "source": source, "input": OWN_INPUT})
    ran = client.poll(run["id"])
    submitted = client.call("POST", f"/problems/{function}/submit",
                            {"language_id": "python3", "source": source})
    judged = client.poll(submitted["id"])
    return {"listed": len(listed), "problem": function, "stubs": stubs, "source": source,
            "run": ran, "verdict": judged}


def latencies(clients: list[PracticeClient], problem: str, source: str,
              count: int) -> list[float]:
    """Submit -> verdict, `count` times one after another (seconds), the teams taking turns
    (each may submit 10 a minute)."""
    times = []
    for i in range(count):
        client = clients[i % len(clients)]
        start = time.monotonic()
        submitted = client.call("POST", f"/problems/{problem}/submit",
                                {"language_id": "python3", "source": source})
        client.poll(submitted["id"])
        times.append(time.monotonic() - start)
    return times


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> int:
    from appliance.config import Config
    from appliance.contest.setup import import_contest, quick_contest
    from appliance.problems.library import import_package
    from appliance.store import Store
    from tests.paths import PACKS
    from tests.webserver import spawn_server, stop_server

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--submissions", type=int, default=20)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder)
        config = Config.build(data_dir=data)
        teams = args.submissions // 5 + 1
        package = quick_contest("Later", [PACKS / "sum"], teams)  # not started: they practise
        with Store.open(data) as store:
            import_contest(store, package, config.library_dir)
        for pack in ("rotation", "hello", "strings", "divisors"):
            import_package(PACKS / pack, config.library_dir)
        process, base = spawn_server(data, "--pool-size", "2")
        try:
            clients = [PracticeClient(base, a.username, a.password) for a in package.accounts
                       if a.type == "team"]
            seen = solve(clients[0])
            times = latencies(clients[1:], seen["problem"], seen["source"], args.submissions)
        finally:
            stop_server(process)
    report = {"verdict": seen["verdict"]["verdict"], "run": seen["run"]["verdict"],
              "submissions": len(times), "p50_s": round(percentile(times, 0.5), 3),
              "p99_s": round(percentile(times, 0.99), 3),
              "mean_s": round(statistics.mean(times), 3)}
    if args.json:
        print(json.dumps(report))
    else:
        print(f"script: run {report['run']}, verdict {report['verdict']}; submit -> verdict "
              f"over {len(times)} submissions: p50 {report['p50_s']} s, p99 "
              f"{report['p99_s']} s (promise: under 5 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
