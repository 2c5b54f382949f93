"""A contest package given as a zip (what `podium export` writes): unpacked into a temporary
folder with the same member bounds as a problem package's zip (`problems/library.unpack_zip`,
over `appliance/zips.py`), read as a folder, and removed afterwards. Faults name the zip, not
the temporary folder."""

from __future__ import annotations

import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from appliance.contest.package import ContestError
from appliance.errors import PackageError
from appliance.problems.library import unpack_zip


@contextmanager
def package_folder(path: Path) -> Iterator[Path]:
    """The contest package at `path` as a folder: the folder itself, or the zip unpacked
    for as long as the block runs (a member with an invalid name is left out, as the package
    spec says, and a broken or oversized zip is refused naming the member)."""
    if path.is_dir() or not zipfile.is_zipfile(path):
        yield path  # load_contest says what is wrong with anything else
        return
    with tempfile.TemporaryDirectory(prefix="podium-contest-") as temp:
        try:
            folder, _ = unpack_zip(path, Path(temp))
            yield folder
        except ContestError as exc:
            raise ContestError([as_given(p, Path(temp), path) for p in exc.problems]) from None
        except PackageError as exc:
            raise PackageError(as_given(str(exc), Path(temp), path)) from None


def as_given(text: str, temp: Path, path: Path) -> str:
    """A message about the unpacked copy, naming the zip instead (`zip!member` style)."""
    return text.replace(f"{temp}/", f"{path}!").replace(str(temp), str(path))
