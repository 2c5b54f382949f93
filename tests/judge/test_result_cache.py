"""Verify's result cache, without Docker: the key covers every field of the jobs and what
runs them, entries are whole and bounded, and only complete judgements are kept."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path

from judge.judging import Judgement, TestResult, _complete, judgement_from, judgement_record
from judge.result_cache import ResultCache, judging_key, runner_identity
from judge.sandbox import SandboxConfig
from judge.verdicts import Verdict

COMPILE = {"phase": "compile", "command": ["gcc", "-O2", "a.c"],
           "files": [{"name": "a.c", "blob": "aa"}], "limits": {"time": 10.0}}
RUN = {"phase": "run", "command": ["./a.out", "+"], "limits": {"time": 1.0, "memory": 256},
       "tests": [{"name": "secret/1", "input": "11", "answer": "12"}], "validator": None,
       "stop_plan": None, "passes": 1}


CONFIG = SandboxConfig()


def key(runner: Path, compile_job=COMPILE, run_job=RUN, config=CONFIG,
        commands=("gcc", "./a.out")) -> str:
    return judging_key(compile_job, run_job, config, runner, commands)


def runner_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "judge"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "runner.py").write_text("print('runner')\n")
    return folder


def test_the_key_changes_with_any_field_of_either_job_or_what_runs_them(tmp_path: Path) -> None:
    runner = runner_folder(tmp_path)
    answer = {**RUN, "tests": [{"name": "secret/1", "input": "11", "answer": "13"}]}
    keys = [key(runner), key(runner, compile_job={**COMPILE, "files": [
                {"name": "a.c", "blob": "ab"}]}),
            key(runner, run_job=answer),
            key(runner, run_job={**RUN, "limits": {"time": 2.0, "memory": 256}}),
            key(runner, run_job={**RUN, "validator": {"artifact": "ff", "args": []}}),
            key(runner, run_job={**RUN, "stop_plan": {"rules": []}}),
            key(runner, run_job={**RUN, "a field added later": True}),
            key(runner, config=SandboxConfig(image="podium-judge:other")),
            key(runner, config=SandboxConfig(run_slack=1)),
            key(runner, commands=("g++", "./a.out"))]
    assert len(set(keys)) == len(keys)
    assert key(runner) == key(runner, run_job=dict(reversed(RUN.items())))  # canonical


def test_the_key_changes_with_the_runners_source(tmp_path: Path) -> None:
    first = runner_folder(tmp_path / "one")
    second = runner_folder(tmp_path / "two")
    (second / "runner.py").write_text("print('runner, changed')\n")
    assert runner_identity(first) != runner_identity(second)
    assert key(first) != key(second)


def judgement(verdict: Verdict = Verdict.WA) -> Judgement:
    return Judgement(verdict, time=0.25, memory=3 << 20, compile_output="warning", language="c",
                     tests=(TestResult("secret/1", Verdict.AC, 0.1, 0.2, 1 << 20, 0, None),
                            TestResult("secret/2", verdict, 0.25, 0.3, 3 << 20, 1, None,
                                       "wrong", scores={"score": "3"}, output="x",
                                       output_size=1, stderr="e")))


def test_a_judgement_reads_back_whole_and_marked_cached(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path / "results")
    cache.put("k", judgement_record(judgement()))
    found = cache.get("k", judgement_from)
    assert found == replace(judgement(), cached=True)
    assert (cache.asked, cache.found) == (1, 1)
    assert cache.get("missing", judgement_from) is None
    assert (cache.asked, cache.found) == (2, 1)
    assert not [p for p in (tmp_path / "results").iterdir() if p.name.startswith(".")]


def test_an_entry_it_cannot_read_back_is_a_miss(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path / "results")
    cache.put("k", {"verdict": "AC", "a field of another version": 1, "tests": []})
    (tmp_path / "results/broken.json").write_text("{")
    assert cache.get("k", judgement_from) is None
    assert cache.get("broken", judgement_from) is None
    assert cache.found == 0


def test_fresh_finds_nothing_but_keeps_what_it_judges(tmp_path: Path) -> None:
    kept = ResultCache(tmp_path / "results")
    kept.put("old", judgement_record(judgement()))
    fresh = ResultCache(tmp_path / "results", read=False)
    assert fresh.get("old", judgement_from) is None
    fresh.put("new", judgement_record(judgement(Verdict.AC)))
    assert ResultCache(tmp_path / "results").get("new", judgement_from).verdict is Verdict.AC


def test_the_folder_keeps_the_most_recently_used_within_its_bound(tmp_path: Path) -> None:
    size = len(json.dumps(judgement_record(judgement())))
    cache = ResultCache(tmp_path / "results", limit=3 * size + 10)
    for i, name in enumerate(("old", "used", "new")):
        cache.put(name, judgement_record(judgement()))
        os.utime(tmp_path / "results" / f"{name}.json", (i, i))
    cache.get("old", judgement_from)  # used now: the oldest unused one goes instead
    cache.put("newest", judgement_record(judgement()))
    assert {p.stem for p in (tmp_path / "results").glob("*.json")} == {"old", "new", "newest"}


def test_only_complete_judgements_are_kept() -> None:
    said_no = {"ok": False, "exit_code": 1, "signal": None}
    assert _complete(Judgement(Verdict.CE), said_no)
    assert not _complete(Judgement(Verdict.CE), {**said_no, "exit_code": None, "signal": 9})
    assert not _complete(Judgement(Verdict.CE), {**said_no, "exit_code": 0})  # no main class
    assert _complete(judgement(Verdict.TLE), {"ok": True})
    assert not _complete(judgement(Verdict.JE), {"ok": True})
    je_later = replace(judgement(), verdict=Verdict.WA, tests=(
        *judgement().tests, TestResult("secret/3", Verdict.JE, 0, 0, 0, None, None)))
    assert not _complete(je_later, {"ok": True})
