"""Custom runs, judged for real: a source on a team's own input in four languages, a
compile error's message, an infinite loop stopped at the limit, the samples with their
answers, and real submissions always claimed before runs; nothing of a run reaches the
submissions, the judgements or the event log."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest

from appliance.contest.control import control
from appliance.contest.setup import import_contest, quick_contest
from appliance.judging.custom_runs import (
    RunRefused,
    custom_run,
    run_report,
    set_custom_runs,
    take_run,
)
from appliance.judging.dispatcher import Dispatcher
from appliance.problems.load import load_problem
from appliance.store import Store
from judge.judging import Judgement, TestResult
from judge.languages import load_languages
from judge.pool import open_pool
from judge.sandbox import SandboxConfig
from judge.verdicts import Verdict
from tests.paths import PACKS

SUM = PACKS / "sum"
LANGUAGES = load_languages()
PROGRAMS = {  # language -> a program that prints the sum of the numbers on its input
    "c": ("sum.c", '#include <stdio.h>\nint main(void){long long a,s=0;'
                   'while(scanf("%lld",&a)==1)s+=a;printf("%lld\\n",s);return 0;}\n'),
    "cpp": ("sum.cpp", "#include <iostream>\nint main(){long long a,s=0;"
                       "while(std::cin>>a)s+=a;std::cout<<s<<'\\n';}\n"),
    "python3": ("sum.py", "import sys\nprint(sum(int(x) for x in sys.stdin.read().split()))\n"),
    "java": ("Sum.java", "import java.util.*;\npublic class Sum{public static void main(String[] a)"
                         "{Scanner s=new Scanner(System.in);long t=0;while(s.hasNextLong())"
                         "t+=s.nextLong();System.out.println(t);}}\n"),
}


def _contest(tmp_path: Path) -> Store:
    store = Store.open(tmp_path / "data")
    package = quick_contest("Runs", [SUM], 2)
    import_contest(store, package, tmp_path / "data" / "library")
    control(store, "runs", "start", datetime.now(UTC))
    set_custom_runs(store, "runs", True)
    return store


def _run(store: Store, language: str, source: str, stdin: bytes | None,
         team: str = "team001") -> int:
    (row,) = store.query("SELECT package, time_limit FROM problems WHERE id = 'sum'")
    problem = load_problem(store.path.parent / "library" / row["package"])
    name = PROGRAMS.get(language, ("main", ""))[0]
    return take_run(store, LANGUAGES, problem, contest_id="runs", team_id=team,
                    account_id=team, problem_id="sum", package=row["package"],
                    time_limit=row["time_limit"], language_id=language,
                    source=source.encode(), file_name=name, stdin=stdin,
                    now=datetime.now(UTC))


def _dispatch(store: Store, tmp_path: Path, slots: int = 2) -> None:
    """Judge everything queued on a pool of the store's own blobs."""
    with open_pool(SandboxConfig(), store.blobs.root, size=slots) as pool:
        Dispatcher(store, pool, tmp_path / "data" / "library", LANGUAGES,
                   worker="test").run(threading.Event(), until_empty=True)


@pytest.mark.docker
def test_runs_print_what_the_program_wrote_and_stop_at_the_limits(tmp_path: Path) -> None:
    store = _contest(tmp_path)
    ids = {language: _run(store, language, text, b"40 2\n")
           for language, (_, text) in PROGRAMS.items()}
    broken = _run(store, "c", "int main(void) { return missing; }\n", b"1 2\n")
    loop = _run(store, "python3", "while True:\n    pass\n", b"")
    samples = _run(store, "python3", "print(int(input().split()[0]) * 2)\n", None)
    _dispatch(store, tmp_path)
    for language, rid in ids.items():
        result = custom_run(store, rid)["result"]
        assert result["verdict"] == "OK", (language, result)
        (test,) = result["tests"]
        assert test["stdout"] == "42\n" and test["stdout_size"] == 3, language
        assert test["exit_code"] == 0 and test["memory"] > 0 and test["time"] >= 0
    compile_error = custom_run(store, broken)["result"]
    assert compile_error["verdict"] == "CE" and "missing" in compile_error["compile_output"]
    stopped = custom_run(store, loop)["result"]
    assert stopped["verdict"] == "TLE"
    on_samples = custom_run(store, samples)["result"]
    assert [t["verdict"] for t in on_samples["tests"]] == ["WA", "WA"]
    assert on_samples["tests"][0]["input"] == "1 2\n"
    assert on_samples["tests"][0]["answer"] == "3\n"
    assert on_samples["tests"][0]["stdout"] == "2\n"
    # a run is no submission: nothing in the queue's rows, judgements or the event log
    assert store.query("SELECT count(*) AS n FROM submissions")[0]["n"] == 0
    assert store.query("SELECT count(*) AS n FROM judgements")[0]["n"] == 0
    assert not store.query("SELECT 1 FROM events WHERE type IN ('submissions', 'judgements', "
                           "'runs')")


@pytest.mark.docker
def test_a_real_submission_is_judged_before_the_runs_queued_ahead_of_it(tmp_path: Path) -> None:
    store = _contest(tmp_path)
    runs = [_run(store, "python3", PROGRAMS["python3"][1], b"1 2\n") for _ in range(10)]
    sid = store.submit(contest_id="runs", team_id="team002", problem_id="sum",
                       language_id="python3", source=(SUM / "submissions/accepted/sum.py")
                       .read_bytes(), file_name="sum.py", time="2026-11-23T12:00:00+00:00",
                       contest_time=60.0)
    _dispatch(store, tmp_path, slots=1)  # one at a time: the order of claims shows
    (judged,) = store.query("SELECT end_time FROM judgements WHERE submission_id = ?", [sid])
    finished = [custom_run(store, rid)["finished"] for rid in runs]
    assert all(judged["end_time"] <= f for f in finished)
    assert all(custom_run(store, rid)["result"]["verdict"] == "OK" for rid in runs)


def test_a_run_is_refused_with_its_reason(tmp_path: Path) -> None:
    store = _contest(tmp_path)
    with pytest.raises(RunRefused, match=r"the input is 52,428,800 bytes \(50 MiB\); a run "
                                         r"takes at most 1,048,576 bytes \(1 MiB\)"):
        _run(store, "python3", "print(1)\n", b"1" * (50 << 20))
    with pytest.raises(RunRefused, match="unknown language 'cobol'"):
        _run(store, "cobol", "print(1)\n", b"")
    set_custom_runs(store, "runs", False)
    with pytest.raises(RunRefused, match="does not offer runs"):
        _run(store, "python3", "print(1)\n", b"")


def test_a_run_on_own_input_reports_ok_and_the_limits_verdicts() -> None:
    def test(verdict: Verdict) -> TestResult:
        return TestResult("stdin", verdict, 0.1, 0.1, 1 << 20, 0, None, output="x\n",
                          output_size=2)

    assert run_report(Judgement(Verdict.WA, tests=(test(Verdict.WA),)), False)["verdict"] \
        == "OK"
    assert run_report(Judgement(Verdict.TLE, tests=(test(Verdict.TLE),)), False)["verdict"] \
        == "TLE"
    assert run_report(Judgement(Verdict.WA, tests=(test(Verdict.WA),)), True)["verdict"] \
        == "WA"
    assert run_report(Judgement(Verdict.CE, compile_output="\x1b[31merror\x1b[0m"),
                      False)["compile_output"] == "error"
