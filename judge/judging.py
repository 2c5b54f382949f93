"""Judge one submission: compile and run it in a sandbox of the pool, return a `Judgement`.

The host's side of a judging: store the source and test data as blobs, lend a container,
send the runner a compile job, tighten the container's memory to the problem's limit, send
the run job, and turn the runner's report into a judgement. Any failure of Docker or of the
runner becomes JE with its reason.
"""

from __future__ import annotations

import contextlib
import json
import logging
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from judge.blobs import BlobStore
from judge.compile_cache import ARTIFACT_LIMIT, CachedBuild, CompileCache, build_key
from judge.errors import BuildError, SandboxError
from judge.languages import Language, with_main_class
from judge.limits import Limits, MiB
from judge.pool import Pool, Sandbox
from judge.programs import BuiltProgram, ProgramSource
from judge.result_cache import ResultCache, judging_key
from judge.sandbox import ARTIFACT, BLOBS, PROGRESS, SCRATCH, WORKDIR, run_memory
from judge.validators.default import Flags, flags_to_args
from judge.verdicts import Verdict

log = logging.getLogger(__name__)

EXEC_SLACK = 30.0  # seconds the host waits beyond the runner's own limits before giving up


@dataclass(frozen=True)
class TestCase:
    """One test: its name (e.g. "secret/group1/03") and its input and answer files."""

    __test__ = False  # not a pytest class

    name: str
    input: Path
    answer: Path


@dataclass(frozen=True)
class TestResult:
    """How the submission did on one test."""

    __test__ = False

    name: str
    verdict: Verdict
    time: float
    wall_time: float
    memory: int
    exit_code: int | None
    signal: int | None
    message: str = ""
    # what a custom validator wrote to score.txt / score_multiplier.txt (2025-09 scoring)
    scores: Mapping[str, str] = field(default_factory=dict)
    # with `Submission.keep_output`: the start of what the program wrote, and its size
    output: str = ""
    output_size: int = 0
    stderr: str = ""

    def to_json(self) -> dict:
        return {"name": self.name, "verdict": self.verdict.value, "time": self.time,
                "wall_time": self.wall_time, "memory": self.memory,
                "exit_code": self.exit_code, "signal": self.signal, "message": self.message,
                **({"scores": dict(self.scores)} if self.scores else {})}


@dataclass(frozen=True)
class Judgement:
    """The outcome of judging one submission."""

    verdict: Verdict
    time: float = 0.0
    memory: int = 0
    compile_output: str = ""
    tests: tuple[TestResult, ...] = ()
    error: str = ""
    language: str = ""
    cached: bool = False  # found in verify's result cache, not judged this time

    def to_json(self) -> dict:
        data = {"verdict": self.verdict.value, "time": self.time, "memory": self.memory,
                "compile_output": self.compile_output,
                "tests": [t.to_json() for t in self.tests]}
        if self.error:
            data["error"] = self.error
        return data


@dataclass(frozen=True)
class Submission:
    """What to judge: a language, the source, the tests and how to check them."""

    language: Language
    source: bytes
    tests: Sequence[TestCase]
    limits: Limits = field(default_factory=Limits)
    flags: Flags = field(default_factory=Flags)
    stop_on_failure: bool = True
    validator: BuiltProgram | None = None  # a custom output validator, else the default one
    validator_args: tuple[str, ...] = ()
    # Tests of groups whose testdata.yaml says otherwise: their flags / validator arguments.
    test_flags: Mapping[str, Flags] = field(default_factory=dict)
    test_validator_args: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    test_args: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # appended per test
    extra_files: Mapping[str, bytes] = field(default_factory=dict)  # headers, more modules
    interactive: bool = False  # the validator talks with the submission through pipes
    expect_exit: int | None = None  # set for input validators: AC means this exit status
    extra_args: tuple[str, ...] = ()  # appended to the run command (input validator flags)
    # Multi-pass problems: the most runs of one test, each on the `nextpass.in` the custom
    # validator wrote on accepting the one before.
    passes: int = 1
    # 2025-09 allow_file_writing: the submission may make files in its working folder
    writable_workdir: bool = False
    # bytes of each test's standard output (and error) kept in its result; 0: none
    keep_output: int = 0
    # Rules whose outcome is all the caller needs: the runner stops (and skips tests) once
    # they are decided (see judge/stopping.py); None runs as stop_on_failure says.
    stop_plan: Mapping | None = None


def judge_submission(pool: Pool, blobs: BlobStore, submission: Submission,
                     results: ResultCache | None = None) -> Judgement:
    """Judge a submission for real in a sandbox; JE with a reason if the sandbox fails.

    With `results` (`podium package verify` alone passes it), a judging whose every input
    is unchanged since it was kept there is not run again: its judgement comes back as it
    was, times included, marked `cached`."""
    try:
        return _judge(pool, blobs, submission, results)
    except SandboxError as exc:
        if pool.closed:  # its sandbox was removed on purpose (the judge stops): no failure
            log.info("a judging was cut short: its sandbox was removed (the judge stops)")
        else:
            log.warning("judging error: %s", exc)
            pool.count_failure("judging")
        return Judgement(Verdict.JE, error=str(exc), language=submission.language.id)


def base_job(pool: Pool, language: Language) -> dict:
    """The part of every runner job that says where things are and who runs them."""
    return {"uid": pool.config.uid, "run_uid": pool.config.run_uid, "workdir": WORKDIR,
            "scratch": SCRATCH, "blobs": BLOBS, "env": {**pool.config.env, **language.env}}


def compile_job_for(base: dict, files: dict[str, str], command: list[str] | None,
                    limits: Limits, export: bool = False, main_class: str | None = None
                    ) -> dict:
    """A runner job that writes source files (name -> blob) and runs one command under the
    compile limits; with `export`, the built work folder comes back as an artifact; with
    `main_class` (the class preferred in a tie), the class that holds main is looked for in
    what the compile left, and a build without one fails."""
    return {**base, "phase": "compile", "command": command, "export": export,
            "files": [{"name": name, "blob": blob} for name, blob in files.items()],
            "main_class": main_class,
            "limits": {"time": limits.compile_time, "wall": limits.compile_wall,
                       "output": limits.compile_output, "memory": limits.compile_memory}}


def compile_limits(limits: Limits) -> tuple[float, ...]:
    """The limits a compile runs under (what a cached build must have been built under)."""
    return (limits.compile_time, limits.compile_wall, limits.compile_output,
            limits.compile_memory)


def main_class_for(language: Language, source_text: str) -> str | None:
    """What a compile job looks for with `main_class`: None when the run argv needs no
    class, else the class the main source names (the tie-breaker)."""
    return language.entry_point(source_text) if language.finds_main_class else None


def run_argv_after(run_argv: Sequence[str], compiled: dict) -> list[str]:
    """The run argv once the compile has said which class holds main (if it was asked)."""
    main_class = compiled.get("main_class")
    return with_main_class(run_argv, main_class) if main_class else list(run_argv)


def _recover_from_oom(box: Sandbox, error: SandboxError) -> dict:
    """The report of a run whose runner the OOM killer took: the tests finished before, and
    MLE for the one that was running. Any other failure stays a judging error."""
    if error.exit_code != 137 or box.oom_kills() == 0:
        raise error
    tests, running = [], None
    with box.scratch_file(PROGRESS) as progress:
        lines = progress.read_text().splitlines() if progress.exists() else []
    for line in lines:
        entry = json.loads(line)
        if "start" in entry:
            running = entry["start"]
        else:
            tests.append(entry["result"])
            running = None
    if running is None:
        raise error
    tests.append({"name": running, "verdict": Verdict.MLE.value, "time": 0.0,
                  "wall_time": 0.0, "memory": 0, "exit_code": None, "signal": 9,
                  "message": "the test filled the sandbox's memory; even the judge's runner "
                             "was stopped"})
    return {"tests": tests}


def build_program(pool: Pool, blobs: BlobStore, source: ProgramSource,
                  limits: Limits | None = None) -> BuiltProgram:
    """Compile a judge-side program (an output validator) once, in a sandbox."""
    language, limits = source.language, limits or Limits()
    files, compile_argv, run_argv = source.sandbox_files(limits.compile_memory // MiB)
    text = source.files[source.main].decode("utf-8", "replace")
    main_class = main_class_for(language, text)
    key = build_key(language.id, pool.config.image, compile_argv or ["-"], files, main_class,
                    compile_limits(limits))
    cached = pool.compile_cache.get(key)
    if cached is not None:  # the same program built before: no sandbox needed
        with contextlib.suppress(OSError):  # (unless it was trimmed away meanwhile)
            return BuiltProgram(language.id, blobs.put_file(cached.artifact),
                                tuple(run_argv_after(run_argv, cached.report)),
                                dict(language.env))
    job = compile_job_for(base_job(pool, language),
                          {name: blobs.put_bytes(data) for name, data in files.items()},
                          compile_argv, limits, export=True, main_class=main_class)
    with pool.acquire() as box:
        compiled = box.run(job, timeout=limits.compile_wall + EXEC_SLACK)
        if not compiled["ok"]:
            raise BuildError(f"{source.main}: does not compile:\n{compiled['output']}")
        with box.scratch_file(ARTIFACT) as built:
            artifact = blobs.put_file(built)
            pool.compile_cache.put(key, compiled, built)
    return BuiltProgram(language.id, artifact, tuple(run_argv_after(run_argv, compiled)),
                        dict(language.env))


def _test_job(test: TestCase, submission: Submission, blobs: BlobStore) -> dict:
    """One test for the runner: its blobs, and its own flags where its group has some."""
    entry = {"name": test.name, "input": blobs.put_file(test.input),
             "answer": blobs.put_file(test.answer)}
    if test.name in submission.test_flags:
        entry["validator_flags"] = flags_to_args(submission.test_flags[test.name])
    if test.name in submission.test_validator_args:
        entry["validator_args"] = list(submission.test_validator_args[test.name])
    if submission.test_args.get(test.name):
        entry["args"] = list(submission.test_args[test.name])
    return entry


def _validator_job(pool: Pool, submission: Submission) -> dict | None:
    """What the runner needs to run the custom output validator on each test."""
    validator, limits = submission.validator, submission.limits
    if validator is None:
        return None
    return {"artifact": validator.artifact, "command": list(validator.run), "uid":
            pool.config.validator_uid, "args": list(submission.validator_args),
            "env": {**pool.config.env, **validator.env},
            "limits": {"time": limits.validation_time, "wall": limits.validation_wall,
                       "output": limits.validation_output, "memory": limits.compile_memory}}


def _compile(box: Sandbox, blobs: BlobStore, cache: CompileCache, job: dict, key: str | None,
             cached: CachedBuild | None, limits: Limits, memory: int) -> dict:
    """The compile step's report: a cached build of the same sources put back in the work
    folder (its report as it was, the memory held now), else a real compile, kept, under
    the container's compile `memory` (a cached build needs none: no Docker call)."""
    if cached is not None:
        try:
            unpack = blobs.put_file(cached.artifact)
        except OSError:  # trimmed away meanwhile: compile after all
            cached = None
        else:
            done = box.run({**job, "command": None, "unpack": unpack, "cache": None},
                           timeout=limits.compile_wall + EXEC_SLACK)
            return {**cached.report, "retained": done["retained"], "cached": True}
    box.set_memory(memory)  # a lent sandbox has it already (reset or fresh): no call
    compiled = box.run(job, timeout=limits.compile_wall + EXEC_SLACK)
    if key is not None and compiled.get("exported"):
        with box.scratch_file(ARTIFACT) as built:
            cache.put(key, compiled, built)
    return compiled


def judgement_record(judgement: Judgement) -> dict:
    """A judgement as the result cache keeps it: every field, verdicts by their value."""
    record = asdict(judgement)
    record["verdict"] = judgement.verdict.value
    for test in record["tests"]:
        test["verdict"] = Verdict(test["verdict"]).value
        test["scores"] = dict(test["scores"])
    return record


def judgement_from(record: dict) -> Judgement:
    """A judgement back from its record, marked as found in the cache."""
    tests = tuple(TestResult(**{**t, "verdict": Verdict(t["verdict"])})
                  for t in record["tests"])
    return Judgement(**{**record, "verdict": Verdict(record["verdict"]), "tests": tests,
                        "cached": True})


def _complete(judgement: Judgement, compiled: dict) -> bool:
    """Whether a judgement may be kept in the result cache: every test judged (no JE), and a
    compile that failed only because the compiler said so (not one cut by a limit or a
    signal, which load may cause)."""
    if judgement.verdict is Verdict.CE:
        return compiled.get("exit_code") not in (0, None) and not compiled.get("signal")
    return all(t.verdict is not Verdict.JE for t in judgement.tests) and \
        judgement.verdict is not Verdict.JE


def _judge(pool: Pool, blobs: BlobStore, submission: Submission,
           results: ResultCache | None = None) -> Judgement:
    language, limits = submission.language, submission.limits
    text = submission.source.decode("utf-8", "replace")
    others = language.sources_among(list(submission.extra_files))
    source_name, compile_argv, run_argv = language.commands(text, limits.memory // MiB, others)
    base = base_job(pool, language)
    files = {name: blobs.put_bytes(data) for name, data in submission.extra_files.items()}
    files[source_name] = blobs.put_bytes(submission.source)
    main_class = main_class_for(language, text)
    compile_job = compile_job_for(base, files, compile_argv, limits, main_class=main_class)
    key = cached = None
    if compile_argv:
        key = build_key(language.id, pool.config.image, compile_argv,
                        {**submission.extra_files, source_name: submission.source}, main_class,
                        compile_limits(limits))
        cached = pool.compile_cache.get(key)
        compile_job["cache"] = ARTIFACT_LIMIT
    tests = [_test_job(t, submission, blobs) for t in submission.tests]
    run_job = {**base, "phase": "run",  # its command once the compile has said its class
               "tests": tests, "expect_exit": submission.expect_exit,
               "interactive": submission.interactive,
               "validator_flags": flags_to_args(submission.flags),
               "stop_on_failure": submission.stop_on_failure, "passes": submission.passes,
               "writable_workdir": submission.writable_workdir,
               "keep_output": submission.keep_output,
               "stop_plan": submission.stop_plan,
               "limits": {"time": limits.time, "wall": limits.wall, "output": limits.output,
                          "memory": limits.memory},
               "validator": _validator_job(pool, submission)}
    kept = None
    if results is not None:  # the run job's command as it is before the compile fills it
        validator = submission.validator
        kept = judging_key(compile_job, {**run_job, "command": [*run_argv, "+",
                                                                *submission.extra_args]},
                           pool.config, pool.runner_dir,
                           [(compile_argv or [""])[0], run_argv[0],
                            validator.run[0] if validator and validator.run else ""])
        found = results.get(kept, judgement_from)
        if found is not None:
            return found
    recovered = False
    with pool.acquire() as box:
        compiled = _compile(box, blobs, pool.compile_cache, compile_job, key, cached, limits,
                            pool.config.compile_memory)
        if not compiled["ok"]:
            failed = Judgement(Verdict.CE, compile_output=compiled["output"],
                               language=language.id)
            if kept is not None and _complete(failed, compiled):
                results.put(kept, judgement_record(failed))
            return failed
        run_job["command"] = run_argv_after(run_argv, compiled) + list(submission.extra_args)
        box.set_memory(run_memory(pool.config, limits.memory, compiled["retained"]))
        runs = max(1, len(tests)) * submission.passes
        timeout = (limits.wall + limits.validation_wall * bool(submission.validator)) * runs \
            + EXEC_SLACK
        try:
            report = box.run(run_job, timeout=timeout)
        except SandboxError as exc:
            report = _recover_from_oom(box, exc)
            recovered = True  # the tests after the one that was running never ran
    tested = tuple(TestResult(name=r["name"], verdict=Verdict(r["verdict"]), time=r["time"],
                              wall_time=r["wall_time"], memory=r["memory"],
                              exit_code=r["exit_code"], signal=r["signal"],
                              message=r.get("message", ""), scores=r.get("scores", {}),
                              output=r.get("output", ""), output_size=r.get("output_size", 0),
                              stderr=r.get("stderr", ""))
                   for r in report["tests"])
    failed = next((r.verdict for r in tested if r.verdict is not Verdict.AC), Verdict.AC)
    judgement = Judgement(failed, time=max((r.time for r in tested), default=0.0),
                          memory=max((r.memory for r in tested), default=0),
                          compile_output=compiled["output"], tests=tested,
                          language=language.id)
    if kept is not None and not recovered and _complete(judgement, compiled):
        results.put(kept, judgement_record(judgement))
    return judgement
