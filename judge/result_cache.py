"""Judgements kept by everything that made them, so `podium package verify` of an unchanged
package judges nothing again (issue 21: running the submissions, not compiling them, is
what a second verify paid for).

Opt-in per call: only `package verify` hands `judge_submission` a cache. Contest judging,
rejudging, custom runs and `podium contest dry-run` (which measures the timing spread, so
must run) never read or write one.

The key (`judging_key`) is a hash of the canonical JSON of the exact compile and run jobs as
the runner gets them (they name sources, tests and a validator's build by content hash, and
carry every limit, flag and argument), beside the pool's sandbox configuration (its image
tag among it), the runner's own source (bind-mounted from the host, so not in the tag) and
each toolchain the jobs start, as installed (also bind-mounted: `toolchain_identity`).
Hashing the jobs whole rather than listing fields means a field added to a job later cannot
be forgotten. A kept judgement keeps its times, so a time limit computed from them comes out
the same and the judgings at that limit find their entries too.

Entries are one JSON file each, written to a temporary name and renamed, so a reader sees
whole entries or none; the folder is bounded like the compile cache's (least recently used
go first: `judge.bounded_folder`). Which judgements are complete enough to keep is the
caller's rule.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict
from pathlib import Path
from typing import TypeVar

from judge.bounded_folder import BoundedFolder
from judge.compile_cache import toolchain_identity
from judge.sandbox import SandboxConfig

T = TypeVar("T")

DEFAULT_LIMIT = 64 * 1024 * 1024
RECOUNT = 200  # puts between two counts of the whole folder


@functools.lru_cache(maxsize=8)
def runner_identity(runner_dir: Path) -> str:
    """A hash of the runner's Python sources (the folder bind-mounted into each sandbox)."""
    digest = hashlib.sha256()
    for path in sorted(runner_dir.rglob("*.py")):
        if "__pycache__" not in path.parts:
            digest.update(path.relative_to(runner_dir).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def judging_key(compile_job: Mapping, run_job: Mapping, config: SandboxConfig,
                runner_dir: Path, commands: Iterable[str]) -> str:
    """The key of one judging (see the module's docstring); `commands` are the programs
    the jobs start (compiler, interpreter, validator), checked as installed."""
    whole = {"compile": compile_job, "run": run_job, "sandbox": asdict(config),
             "runner": runner_identity(runner_dir),
             "toolchains": sorted({toolchain_identity(c) for c in commands if c})}
    return hashlib.sha256(json.dumps(whole, sort_keys=True, default=str).encode()).hexdigest()


class ResultCache:
    """The bounded folder of judgements, safe for several judges at once; counts what it
    was asked for and found, for verify's report. With `read` False (`verify --fresh`) it
    finds nothing but still keeps what is judged, for the next verify."""

    def __init__(self, folder: Path, limit: int = DEFAULT_LIMIT, read: bool = True) -> None:
        self.folder = folder
        self.limit = limit
        self.read = read
        self.asked = 0  # judgings looked up
        self.found = 0  # of those, judgements found
        self._lock = threading.Lock()
        self._entries = BoundedFolder(folder, limit, RECOUNT)

    def get(self, key: str, load: Callable[[dict], T]) -> T | None:
        """The judgement kept under `key`, read back by `load` and marked as used; None
        when there is none or `load` cannot read it (an entry of another version, say)."""
        found = None
        if self.read:
            entry = self.folder / f"{key}.json"
            with contextlib.suppress(OSError, ValueError, TypeError, KeyError):
                found = load(json.loads(entry.read_text()))
                os.utime(entry)
        with self._lock:
            self.asked += 1
            self.found += found is not None
        return found

    def put(self, key: str, data: dict) -> None:
        """Keep one judgement whole (temporary name, then rename), then bound the folder."""
        text = json.dumps(data)
        self._entries.write(f"{key}.json", lambda t: t.write_text(text))
        self._entries.added(len(text))

    def trim(self) -> None:
        """Remove the least recently used judgements until the folder holds `limit` bytes."""
        self._entries.trim()
