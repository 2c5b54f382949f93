"""Self-test of languages: each one's version and a hello world judged in a real sandbox.

A broken toolchain must show before the contest, not in the middle of it.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from judge.blobs import BlobStore
from judge.errors import SandboxError
from judge.judging import (
    EXEC_SLACK,
    Judgement,
    Submission,
    TestCase,
    base_job,
    compile_job_for,
    judge_submission,
)
from judge.languages import Language
from judge.limits import Limits
from judge.pool import Pool
from judge.verdicts import Verdict

HELLO = b"Hello, World!\n"
SELFTEST_LIMITS = Limits(time=5.0, memory=1024 * 1024 * 1024, compile_time=60.0)


@dataclass(frozen=True)
class LanguageCheck:
    """What the self-test found for one language."""

    language: Language
    version: str
    judgement: Judgement
    precompiled: str = ""  # why the language's precompiled header is not used ("" if it is)

    @property
    def works(self) -> bool:
        return self.judgement.verdict is Verdict.AC and not self.precompiled

    def to_json(self) -> dict:
        return {"id": self.language.id, "name": self.language.name,
                "extensions": list(self.language.extensions), "version": self.version,
                "works": self.works, "verdict": self.judgement.verdict.value,
                **({"precompiled": self.precompiled} if self.precompiled else {})}


def language_version(pool: Pool, blobs: BlobStore, language: Language) -> str:
    """The first line the language's version command prints, run inside a sandbox."""
    limits = Limits(compile_time=20.0)
    job = compile_job_for(base_job(pool, language), {"version.txt": blobs.put_bytes(b"")},
                          list(language.version), limits)
    try:
        with pool.acquire() as box:
            result = box.run(job, timeout=limits.compile_wall + EXEC_SLACK)
    except SandboxError as exc:
        return f"unknown ({exc})"
    if result.get("exit_code") != 0:
        return "not installed" if "cannot start" in result["output"] else "unknown"
    return version_line(result["output"])


def version_line(output: str) -> str:
    """The line of a version command's output that names the version (not a JVM warning)."""
    for line in output.splitlines():
        if any(c.isdigit() for c in line) and "warning" not in line.lower():
            return line.strip()
    return "unknown"


def precompiled_header_problem(pool: Pool, blobs: BlobStore, language: Language) -> str:
    """Why the language's precompiled header is not used by its compile ("" when it is).

    A .gch is silently skipped by g++ when its flags or compiler differ (a toolchain
    upgrade), so the self-test compiles an include of it with `-Winvalid-pch -H`: `-H`
    marks the header file used with "!", and the warning says why one was refused."""
    if not language.precompiled:
        return ""
    source = f"#include <{language.precompiled}>\nint main() {{ return 0; }}\n"
    name, argv, _ = language.commands(source, 256)
    limits = Limits(compile_time=60.0)
    job = compile_job_for(base_job(pool, language), {name: blobs.put_bytes(source.encode())},
                          [*(argv or []), "-Winvalid-pch", "-H"], limits)
    try:
        with pool.acquire() as box:
            result = box.run(job, timeout=limits.compile_wall + EXEC_SLACK)
    except SandboxError as exc:
        return f"cannot check the precompiled {language.precompiled}: {exc}"
    return precompiled_verdict(language, result["output"])


def precompiled_verdict(language: Language, output: str) -> str:
    """From a compile's `-Winvalid-pch -H` output: "" when the header's .gch was used,
    else why not (g++'s own warning when it refused one)."""
    used = f"{language.precompiled_dir}/{language.precompiled}.gch"
    if any(line.startswith("! ") and line[2:].strip() == used for line in output.splitlines()):
        return ""
    refused = [line.strip() for line in output.splitlines() if "Winvalid-pch" in line]
    return (f"the precompiled {language.precompiled} is not used"
            + (f": {refused[0]}" if refused else f" ({used} missing from the judge image)"))


def check_language(pool: Pool, blobs: BlobStore, language: Language) -> LanguageCheck:
    """Version and hello-world judgement of one language, and whether its precompiled
    header (if it has one) is used."""
    version = language_version(pool, blobs, language)
    with tempfile.TemporaryDirectory() as tmp:
        infile, ansfile = Path(tmp, "hello.in"), Path(tmp, "hello.ans")
        infile.write_bytes(b"")
        ansfile.write_bytes(HELLO)
        submission = Submission(language=language, source=language.hello.encode(),
                                tests=[TestCase("hello", infile, ansfile)],
                                limits=SELFTEST_LIMITS)
        judgement = judge_submission(pool, blobs, submission)
    return LanguageCheck(language, version, judgement,
                         precompiled_header_problem(pool, blobs, language))
