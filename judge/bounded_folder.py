"""A folder of cache entries, each written whole and the whole folder bounded in bytes: the
compile cache's builds and `package verify`'s judgements.

An entry is one key's files, `<key><suffix>` for each of `suffixes`; the first names the
entry (its change time is the entry's last use, which the cache marks on reading it). Each
file is written to a temporary name and renamed, so a reader sees whole files or none,
whatever runs beside it. Past `limit` bytes the least recently used entries go, the naming
file first, so a reader then finds nothing. Counting every entry costs a stat each: each
process counts what it adds and recounts the folder when its count passes the bound, and
every `recount` writes for other processes' entries.
"""

from __future__ import annotations

import contextlib
import os
import threading
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path


class BoundedFolder:
    """The folder's files and its size bound, safe for several threads and processes."""

    def __init__(self, folder: Path, limit: int, recount: int,
                 suffixes: Sequence[str] = (".json",)) -> None:
        self.folder, self.limit, self.recount, self.suffixes = folder, limit, recount, suffixes
        self._lock = threading.Lock()
        self._size: int | None = None  # bytes held, as this process last counted and added
        self._puts = 0

    def write(self, name: str, write: Callable[[Path], object]) -> None:
        """Make the file `name` whole: `write` fills a temporary file, renamed to `name`."""
        self.folder.mkdir(parents=True, exist_ok=True)
        temporary = self.folder / f".{name}.{uuid.uuid4().hex}"
        try:
            write(temporary)
            os.replace(temporary, self.folder / name)
        finally:
            temporary.unlink(missing_ok=True)

    def added(self, size: int) -> None:
        """Count an entry of `size` bytes just written; trim the folder when it is due."""
        with self._lock:
            self._puts += 1
            self._size = None if self._size is None else self._size + size
            due = (self._size is None or self._size > self.limit
                   or self._puts % self.recount == 0)
        if due:
            self.trim()

    def trim(self) -> None:
        """Remove the least recently used entries until the folder holds `limit` bytes."""
        first, *others = self.suffixes
        entries, total = [], 0
        for named in self.folder.glob(f"*{first}"):
            with contextlib.suppress(OSError):
                info = named.stat()
                size = info.st_size + sum(part.stat().st_size for part in
                                          (named.with_suffix(s) for s in others)
                                          if part.exists())
                entries.append((info.st_mtime, named, size))
                total += size
        for _, named, size in sorted(entries):
            if total <= self.limit:
                break
            for suffix in self.suffixes:  # the naming file first: a reader then finds nothing
                named.with_suffix(suffix).unlink(missing_ok=True)
            total -= size
        with self._lock:
            self._size = total
