"""A server's answers frozen in time, for snapshot tests of the console's screens: the same
JSON as the real API gives (shapes checked by the API tests), with fixed clocks and names,
so a screenshot only changes when the console's look does."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

from tui.client import ApiError

PROBLEMS = [{"id": "sum", "label": "A", "name": "Sum", "ordinal": 0},
            {"id": "floats", "label": "B", "name": "Double Sprinklers", "ordinal": 1},
            {"id": "paths", "label": "C", "name": "Snow Plough Routes", "ordinal": 2}]
TEAMS = [{"id": f"team{i:03d}", "name": name, "group_ids": ["students"] if i % 2 else []}
         for i, name in enumerate(("Null Pointers", "Off By One", "Segfault Squad",
                                   "Heap Heroes", "The Recursers"), start=1)]


def _cell(pid: str, judged: int, pending: int, solved: bool, time: str | None = None) -> dict:
    cell = {"problem_id": pid, "num_judged": judged, "num_pending": pending, "solved": solved}
    if solved:
        cell["time"] = time
    return cell


ROWS = [
    {"rank": 1, "team_id": "team003", "score": {"num_solved": 3, "total_time": "4:12:00",
                                                "time": "3:31:00"},
     "problems": [_cell("sum", 1, 0, True, "0:09:00"), _cell("floats", 3, 0, True, "2:12:00"),
                  _cell("paths", 1, 0, True, "3:31:00")]},
    {"rank": 2, "team_id": "team001", "score": {"num_solved": 2, "total_time": "1:45:00",
                                                "time": "1:02:00"},
     "problems": [_cell("sum", 2, 0, True, "0:23:00"), _cell("floats", 1, 0, True, "1:02:00"),
                  _cell("paths", 0, 2, False)]},
    {"rank": 3, "team_id": "team004", "score": {"num_solved": 1, "total_time": "0:41:00",
                                                "time": "0:41:00"},
     "problems": [_cell("sum", 1, 0, True, "0:41:00"), _cell("floats", 4, 0, False),
                  _cell("paths", 0, 0, False)]},
    {"rank": 4, "team_id": "team002", "score": {"num_solved": 0, "total_time": "0:00:00",
                                                "time": None},
     "problems": [_cell("sum", 2, 1, False), _cell("floats", 0, 0, False),
                  _cell("paths", 0, 0, False)]},
    {"rank": 4, "team_id": "team005", "score": {"num_solved": 0, "total_time": "0:00:00",
                                                "time": None},
     "problems": [_cell("sum", 0, 0, False), _cell("floats", 0, 0, False),
                  _cell("paths", 0, 0, False)]},
]
STATE = {"started": "2026-11-23T09:00:00.000+00:00", "frozen": "2026-11-23T13:00:00.000+00:00",
         "ended": None, "thawed": None, "finalized": None, "end_of_updates": None}
SUBMISSIONS = [{"id": str(i), "team_id": team, "problem_id": pid, "language_id": lang,
                "contest_time": f"{t}.000", "time": "2026-11-23T10:00:00.000+00:00"}
               for i, (team, pid, lang, t) in enumerate([
                   ("team003", "sum", "cpp", "0:09:12"), ("team001", "sum", "python3", "0:15:40"),
                   ("team001", "sum", "python3", "0:23:05"), ("team004", "sum", "java", "0:41:30"),
                   ("team002", "sum", "c", "0:50:00"), ("team001", "floats", "cpp", "1:02:44"),
                   ("team003", "paths", "rust", "3:31:10"), ("team002", "sum", "c", "4:05:00")],
                   start=1)]
VERDICTS = {"1": "AC", "2": "WA", "3": "AC", "4": "AC", "5": "CE", "6": "AC", "7": "AC"}
CPP_1 = ("#include <iostream>\nusing namespace std;\n\nint main() {\n    long long a, b, "
         "total = 0;\n    int n;\n    cin >> n;\n    for (int i = 0; i < n; i++) {\n"
         "        cin >> a >> b;\n        if (a > b) {\n            total += a - b;\n"
         "        } else {\n            total += b - a;\n        }\n    }\n"
         "    cout << total << endl;\n    return 0;\n}\n")
JAVA_4 = ("import java.util.Scanner;\n\npublic class Main {\n    public static void main("
          "String[] args) {\n        Scanner in = new Scanner(System.in);\n        long x, y, "
          "sum = 0;\n        int count = in.nextInt();\n        for (int k = 0; k < count; "
          "k++) {\n            x = in.nextLong(); y = in.nextLong();\n            if (x > y) "
          "{\n                sum += x - y;\n            } else {\n                sum += y "
          "- x;\n            }\n        }\n        System.out.println(sum);\n    }\n}\n")


def _detail(sid: str, team: str, language: str, name: str, text: str) -> dict:
    return {"id": sid, "team_id": team, "problem_id": "sum", "language_id": language,
            "status": "judged", "time": "2026-11-23T09:09:12.000+00:00", "contest_time": 552.0,
            "refused_reason": None, "entry_point": None, "last_error": None,
            "files": [{"name": name, "text": text}], "judgements": []}


C_5 = ("#include <stdio.h>\n\nint main(void) {\n    int a[2], n\n    scanf(\"%d\", &n);\n"
       "    printf(\"%d\\n\", a[0] + a[1]);\n    return 0;\n}\n")
# gcc's words for C_5, one of them bracketed as Rich markup would be: shown as they are.
COMPILE_5 = "\n".join([
    "a.c: In function 'main':",
    "a.c:5:5: error: expected '=', ',', ';', 'asm' or '__attribute__' before 'scanf'",
    "    5 |     scanf(\"%d\", &n);",
    "      |     ^~~~~",
    "a.c:4:12: warning: unused variable 'n' [-Wunused-variable]",
    "    4 |     int a[2], n",
    "      |            ^",
    "a.c:6:21: note: [red]a[0][/red] is used uninitialized [-Wuninitialized]",
    *(f"a.c:{line}:1: note: in expansion of macro 'X{line}'" for line in range(7, 19)),
    "compilation terminated."])
# A custom output validator's words: longer than a table cell, two lines, and brackets that
# Rich would read as markup.
RUN_MESSAGE = ('line 1: expected "3", got "-1": the difference a - b is negative here, while '
               'the statement asks for |a - b| [/b] (see the Output section)\n'
               "[red]judge note[/red]: 2 of 14 secret cases have a < b")
# The report `similarity.fingerprints.compare` made of the two sources above and a Python one.
SIMILARITY = [
    {"problem_id": "sum", "submissions": 3, "unreadable": [], "pairs": [{
        "similarity": 0.3913, "shared_fingerprints": 9,
        "a": {"submission_id": "1", "team_id": "team003", "language_id": "cpp",
              "file_name": "a.cpp", "share": 0.3913, "matched_lines": 12},
        "b": {"submission_id": "4", "team_id": "team004", "language_id": "java",
              "file_name": "Main.java", "share": 0.25, "matched_lines": 11},
        "regions": [{"a": [9, 16], "b": [9, 16], "tokens": 28},
                    {"a": [7, 9], "b": [7, 9], "tokens": 18},
                    {"a": [5, 6], "b": [6, 7], "tokens": 11}]}]},
    {"problem_id": "floats", "submissions": 1, "unreadable": [], "pairs": []},
    {"problem_id": "paths", "submissions": 1, "unreadable": [], "pairs": []}]
def _runs(path: str, expected: str, verdicts: list[str], times: list[float],
          detail: str | None = None) -> dict:
    agrees = detail is None
    return {"path": path, "expected": expected, "language": path.rsplit(".", 1)[-1],
            "verdicts": verdicts, "times": times, "agrees": agrees,
            "steady": len(set(verdicts)) == 1, "spread": None, "skipped": None,
            "detail": detail}


def _balloon(team: str, name: str, pid: str, label: str, rgb: str, minutes: int, state: str,
             first: bool = False, team_first: bool = False, by: str | None = None) -> dict:
    return {"team_id": team, "team": name, "location": f"Row {team[-1]}, seat 4",
            "problem_id": pid, "label": label, "rgb": rgb, "submission_id": "1",
            "time": "", "contest_time": f"{minutes // 60}:{minutes % 60:02d}:00.000",
            "state": state, "take_back": state in ("take back", "withdrawn"),
            "first_to_solve": first, "team_first": team_first, "delivered_by": by,
            "delivered_at": None, "returned_by": None, "returned_at": None}


BALLOONS = [_balloon("team003", "Segfault Squad", "sum", "A", "#e6194b", 12, "delivered", True,
                     True, "runner1"),
            _balloon("team001", "Null Pointers", "sum", "A", "#e6194b", 15, "take back",
                     by="runner2"),
            _balloon("team004", "Heap Heroes", "sum", "A", "#e6194b", 31, "pending", False, True),
            _balloon("team002", "Off By One", "floats", "B", "#3cb44b", 58, "pending", True,
                     True)]

# `podium contest dry-run wf --repeat 2`, as `DryRun.to_json` writes it (abridged).
DRY_RUN = {"contest_id": "wf", "repeat": 2, "slots": 2, "started": "2026-11-23T08:10:00+00:00",
           "finished": "2026-11-23T08:14:05+00:00", "ok": False, "problems": [
               {"problem_id": "sum", "label": "A", "time_limit": 1.0, "ac_to_time_limit": 2.0,
                "slowest_accepted": 0.112, "slowest_at": "submissions/accepted/sum.py",
                "margin": 8.93, "tight": False, "spread": 0.012, "disagreeing": 0,
                "unsteady": 0, "ok": True, "error": None, "submissions": [
                    _runs("submissions/accepted/sum.py", "accepted", ["AC", "AC"],
                          [0.112, 0.109])]},
               {"problem_id": "floats", "label": "B", "time_limit": 2.0,
                "ac_to_time_limit": 2.0, "slowest_accepted": 1.41,
                "slowest_at": "submissions/accepted/slow.py", "margin": 1.42, "tight": True,
                "spread": 0.031, "disagreeing": 0, "unsteady": 1, "ok": False, "error": None,
                "submissions": [_runs("submissions/time_limit_exceeded/brute.cpp",
                                      "time_limit_exceeded", ["TLE", "AC"], [2.0, 1.97])]},
               {"problem_id": "paths", "label": "C", "time_limit": 3.0,
                "ac_to_time_limit": 2.0, "slowest_accepted": 0.52,
                "slowest_at": "submissions/accepted/dijkstra.cpp", "margin": 5.77,
                "tight": False, "spread": 0.008, "disagreeing": 1, "unsteady": 0,
                "ok": False, "error": None, "submissions": [
                    _runs("submissions/accepted/greedy.py", "accepted", ["WA", "WA"],
                          [0.21, 0.2], "got WA: secret/07: wrong answer on line 1")]}]}
ANSWERS: dict[str, Any] = {
    "/api/contests": [{"id": "wf", "name": "Finals"}],
    "/problems": PROBLEMS,
    "/teams": TEAMS,
    "/scoreboard": {"time": "2026-11-23T13:30:00.000+00:00", "contest_time": "4:30:00.000",
                    "state": STATE, "rows": ROWS},
    "/awards": [{"id": "first-to-solve-sum", "citation": "", "team_ids": ["team003"]},
                {"id": "first-to-solve-floats", "citation": "", "team_ids": ["team001"]},
                {"id": "first-to-solve-paths", "citation": "", "team_ids": ["team003"]}],
    "/jury/clock": {"state": "frozen", "paused": False, "countdown": 1800.0,
                    "contest_time": 16200.0, "length": 18000.0, "frozen": True},
    "/jury/queue": {"counts": {"queued": 3, "judging": 2, "judged": 412, "refused": 4},
                    "latency": {"count": 412, "p50": 1.62, "p95": 2.41, "p99": 3.9},
                    "slots": 2, "judging": [{"submission_id": "7", "worker": "podium-1",
                                             "for_s": 0.8}],
                    "utilisation": 0.71, "judged_last_minute": 38,
                    "failures": [{"submission_id": "5", "status": "judged", "attempt": 2,
                                  "error": "docker: container died (OOM killer took the runner)"}],
                    "judging_error": None},
    "/shadow-differences": {
        "primary": "https://domjudge.wf.lan/api/v4", "submissions": 412, "judged_primary": 410,
        "judged_here": 409, "differences": 2, "items": [
            {"submission_id": "118", "primary_submission_id": "118", "team_id": "team002",
             "problem_id": "floats", "language_id": "cpp", "contest_time": "1:43:12.000",
             "primary_judgement_type_id": "AC", "judgement_type_id": "TLE"},
            {"submission_id": "301", "primary_submission_id": "301", "team_id": "team005",
             "problem_id": "paths", "language_id": "python3", "contest_time": "3:20:41.000",
             "primary_judgement_type_id": "WA", "judgement_type_id": "AC"}]},
    "/jury/engines": [
        {"url": "unix:///var/run/docker.sock", "state": "active", "slots": 2, "busy": 2,
         "judged": 301, "last_error": None, "checked_at": 1795431000.0},
        {"url": "tcp://judge2.lan:2376", "state": "draining", "slots": 4, "busy": 1,
         "judged": 97, "last_error": None, "checked_at": 1795431000.0},
        {"url": "ssh://podium@judge3.lan", "state": "down", "slots": 4, "busy": 0,
         "judged": 14, "last_error": "the Docker engine at ssh://podium@judge3.lan does not "
                                     "answer: Connection refused", "checked_at": 1795430990.0}],
    "/submissions": SUBMISSIONS,
    "/judgements": [{"submission_id": s, "judgement_type_id": v, "current": True}
                    for s, v in VERDICTS.items()],
    "/jury/submissions/2": {
        "id": "2", "team_id": "team001", "problem_id": "sum", "language_id": "python3",
        "status": "judged", "time": "2026-11-23T09:15:40.000+00:00", "contest_time": 940.0,
        "refused_reason": None, "entry_point": None, "last_error": None,
        "files": [{"name": "a.py", "text": "a, b = map(int, input().split())\n"
                                           "print(a - b)\n"}],
        "judgements": [{"id": "2", "verdict": "WA", "current": True, "error": None,
                        "rejudging_id": None, "max_run_time": 0.03, "runs": [
                            {"ordinal": 1, "test_name": "sample/1", "verdict": "AC",
                             "time": 0.029, "wall_time": 0.05, "memory": 9437184,
                             "message": ""},
                            {"ordinal": 2, "test_name": "secret/negative", "verdict": "WA",
                             "time": 0.031, "wall_time": 0.05, "memory": 9437184,
                             "message": RUN_MESSAGE}]}]},
    "/jury/submissions/1": _detail("1", "team003", "cpp", "a.cpp", CPP_1),
    "/jury/submissions/5": {
        **_detail("5", "team002", "c", "a.c", C_5), "contest_time": 3000.0,
        "judgements": [{"id": "5", "verdict": "CE", "current": True, "error": None,
                        "compile_output": COMPILE_5, "rejudging_id": None,
                        "max_run_time": None, "runs": []}]},
    "/jury/submissions/4": _detail("4", "team004", "java", "Main.java", JAVA_4),
    "/jury/similarity": SIMILARITY,
    "/jury/dry-run": DRY_RUN,
    "/balloons": BALLOONS,
    "/jury/rejudgings": [{"id": "1", "reason": "checker fix", "state": "judging",
                          "created": "2026-11-23T12:00:00.000+00:00", "pending": 1,
                          "changes": [{"submission_id": "2", "before": "WA", "after": "AC",
                                       "differs": True},
                                      {"submission_id": "5", "before": "CE", "after": None,
                                       "differs": False}]}],
    "/jury/clarifications": [
        {"id": "3", "from_team_id": "team002", "to_team_id": None, "reply_to_id": None,
         "problem_id": "floats", "text": "May the discs only touch?", "answered": False,
         "time": "2026-11-23T12:40:00.000+00:00"},
        {"id": "1", "from_team_id": "team004", "to_team_id": None, "reply_to_id": None,
         "problem_id": "sum", "text": "Can a be negative?", "answered": True,
         "time": "2026-11-23T09:30:00.000+00:00"},
        {"id": "2", "from_team_id": None, "to_team_id": "team004", "reply_to_id": "1",
         "problem_id": "sum", "text": "Yes: read the constraints.", "answered": False,
         "time": "2026-11-23T09:35:00.000+00:00"}],
}


class CannedClient:
    """Answers like a JuryClient from the table above; the event feed stays quiet."""

    base = "http://podium.local:8080"
    contest = "wf"

    async def connect(self) -> str:
        return self.contest

    async def get(self, tail: str, public: bool = False) -> Any:
        return ANSWERS[tail.split("?")[0]]

    async def request(self, method: str, path: str, body: dict | None = None,
                      public: bool = False) -> Any:
        return ANSWERS[path]

    async def post(self, tail: str, body: dict) -> Any:
        raise ApiError(409, "this is a recording")

    async def events(self, since_token: str | None = None) -> AsyncIterator[dict]:
        await asyncio.Event().wait()
        yield {}

    async def close(self) -> None:
        return None
