"""A key kept in the data folder, made by whichever process needs it first.

Every web worker of `podium serve --workers N` starts at once and needs the same session
key; a CLI command and the server may both need the archives' signing key. The file is
written whole under a temporary name and linked into place: the link fails if another
process got there first, so every process ends up with one key, and none ever reads a key
half written."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def made_once(path: Path, make: Callable[[], bytes]) -> bytes:
    """The contents of `path` (owner-only), made with `make()` if it does not exist yet."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")  # 0600
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(make())
                out.flush()
                os.fsync(out.fileno())
            try:
                os.link(temporary, path)
            except FileExistsError:  # another process made it first: theirs is the key
                pass
        finally:
            os.unlink(temporary)
    return path.read_bytes()
