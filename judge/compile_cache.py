"""Builds kept by what made them: a rejudge, a file submitted again, a package verified twice
and the validators of a package compile once.

The key is a hash of everything a build depends on: the source files (names and bytes), the
language, the filled compile argv (its flags), the compile limits, the class looked for, the
judge image (its tag covers the precompiled headers and their compiler's version) and the
compiler itself as installed (its resolved path, size and change time: an upgrade changes
them). So two toolchains never share an entry. Only successful builds are kept: a compile
that failed may have failed for the machine's sake (its time limit under load). An entry is
the compile's report (`<key>.json`) and the work folder it left (`<key>.tar`, as the
runner exports it); each is written whole, the tar first, so a reader sees whole entries or
none, whatever runs beside it. The folder is bounded: past `limit` bytes the least recently
used entries go (`judge.bounded_folder`).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from judge.bounded_folder import BoundedFolder

DEFAULT_LIMIT = 512 * 1024 * 1024
ARTIFACT_LIMIT = 64 * 1024 * 1024  # a bigger build is judged, not kept
RECOUNT = 100  # puts between two counts of the whole folder


@dataclass(frozen=True)
class CachedBuild:
    """A build found in the cache: the compile's report and the work folder it left."""

    report: dict
    artifact: Path


def toolchain_identity(command: str) -> str:
    """The installed compiler a command names: resolved path, size, change time."""
    found = shutil.which(command, path="/usr/local/bin:/usr/bin:/bin") or command
    try:
        real = os.path.realpath(found)
        info = os.stat(real)
    except OSError:
        return f"{command}: missing"
    return f"{real}:{info.st_size}:{info.st_ctime_ns}"


def build_key(language: str, image: str, argv: Sequence[str], files: Mapping[str, bytes],
              main_class: str | None, limits: Sequence[float]) -> str:
    """The cache key of one build (see the module's docstring); its compile `limits` too,
    since a build kept under generous limits says nothing of one under tight ones."""
    digest = hashlib.sha256()
    header = {"language": language, "image": image, "argv": list(argv), "limits": list(limits),
              "main_class": main_class, "toolchain": toolchain_identity(argv[0])}
    digest.update(json.dumps(header, sort_keys=True).encode())
    for name in sorted(files):
        digest.update(b"\0" + name.encode() + b"\0" + hashlib.sha256(files[name]).digest())
    return digest.hexdigest()


class CompileCache:
    """The bounded folder of builds, safe for several judges (threads, processes) at once."""

    def __init__(self, folder: Path, limit: int = DEFAULT_LIMIT) -> None:
        self.folder = folder
        self.limit = limit
        self._entries = BoundedFolder(folder, limit, RECOUNT, suffixes=(".json", ".tar"))

    def get(self, key: str) -> CachedBuild | None:
        """The build under `key`, marked as used now; None when there is none."""
        report, artifact = self.folder / f"{key}.json", self.folder / f"{key}.tar"
        try:
            data = json.loads(report.read_text())
            os.utime(report)
            if not artifact.is_file():
                return None
        except (OSError, ValueError):
            return None
        return CachedBuild(data, artifact)

    def put(self, key: str, report: dict, artifact: Path) -> None:
        """Keep a successful build (its report and work folder), then trim the folder."""
        if not report.get("ok") or not artifact.is_file() or \
                artifact.stat().st_size > min(ARTIFACT_LIMIT, self.limit):
            return
        text = json.dumps({k: v for k, v in report.items() if k != "retained"})
        self._entries.write(f"{key}.tar", lambda t: shutil.copyfile(artifact, t))
        self._entries.write(f"{key}.json", lambda t: t.write_text(text))
        self._entries.added(artifact.stat().st_size + len(text))

    def trim(self) -> None:
        """Remove the least recently used builds until the folder holds `limit` bytes."""
        self._entries.trim()
