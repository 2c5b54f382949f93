"""A submission's files: the CLICS zip (one or several files) read safely, and which file is
the main one, by the language's rules and the submission's entry point. Pure: no store.

Java may name its main class as the entry point (without one, the judge finds the class with
main after compiling); Python names its main file; Kotlin its main file or class. Without an
entry point the main file is the first of the language's sources in the order they were
sent (the zip's order, a form's `code[]` order): DOMjudge's rule (its run scripts take the
first file they are given, in the submission's order), which the clients written against it
rely on. The other files (modules, headers, data) are placed beside the main one.
"""

from __future__ import annotations

import io
import json
import zipfile
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from appliance.errors import ApplianceError
from appliance.zips import MemberRefused, method_problem, read_member
from judge.languages import Language

MAX_FILES = 16
MAX_TOTAL = 1024 * 1024  # bytes of all files together, before the per-source limit


class FilesError(ApplianceError):
    """The submission's files cannot be taken, and why (for the submitter)."""


class FilesTooLarge(FilesError):
    """The zip unpacks to more than it may: `size` bytes in all."""

    def __init__(self, message: str, size: int) -> None:
        super().__init__(message)
        self.size = size


@dataclass(frozen=True)
class SubmittedFiles:
    """The main source and the other files, by name."""

    main_name: str
    main: bytes
    others: Mapping[str, bytes] = field(default_factory=dict)

    @property
    def size(self) -> int:
        return len(self.main) + sum(len(data) for data in self.others.values())


def stored_files(file_name: str, source_hash: str, other_files: str | None) -> dict[str, str]:
    """A stored submission's files, name -> blob hash, the main source first (the row keeps
    the others as JSON in `other_files`)."""
    return {file_name: source_hash, **json.loads(other_files or "{}")}


def files_zip(files: Mapping[str, bytes]) -> bytes:
    """A submission's files as the CLICS zip, at its root, sorted and dated 1980-01-01: the
    same files always give the same bytes (a package exported twice is equal)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in sorted(files.items()):
            info = zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()


def read_zip(data: bytes, max_total: int = MAX_TOTAL) -> dict[str, bytes]:
    """The files of a zip by base name; refuses folders of the same name twice, too many
    files, unsafe names and a zip that claims, or inflates to, more bytes than `max_total`
    (never inflating more than that, whatever the headers say)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = [i for i in archive.infolist() if not i.is_dir()]
            if not infos:
                raise FilesError("the zip holds no file")
            if len(infos) > MAX_FILES:
                raise FilesError(f"the zip holds {len(infos)} files; at most {MAX_FILES}")
            total = sum(i.file_size for i in infos)
            if total > max_total:
                raise FilesTooLarge(f"the zip unpacks to {total:,} bytes; at most "
                                    f"{max_total:,}", total)
            files: dict[str, bytes] = {}
            left = max_total  # real bytes, counted while inflating: headers can lie
            for info in infos:
                name = PurePosixPath(info.filename).name
                if not name or name.startswith(".") or "\\" in name:
                    raise FilesError(f"unacceptable file name {info.filename!r} in the zip")
                if name in files:
                    raise FilesError(f"two files named {name!r} in the zip")
                if problem := method_problem(info):
                    raise FilesError(f"{info.filename!r} in the zip {problem}")
                try:
                    files[name] = read_member(archive, info, left)
                except MemberRefused as exc:
                    raise FilesError(f"the zip's files unpack to more than {max_total:,} "
                                     f"bytes, more than their headers claim ({exc})") from None
                left -= len(files[name])
            return files
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError,
            ValueError, zlib.error) as exc:
        raise FilesError(f"not a readable zip: {exc}") from None


def choose_main(files: Mapping[str, bytes], language: Language,
                entry_point: str | None) -> SubmittedFiles:
    """Split the files into the main source and the others: the entry point's file, else the
    first source in the order sent (`files` keeps that order)."""
    sources = language.sources_among(list(files)) or list(files)
    main = _by_entry_point(files, sources, language, entry_point) if entry_point \
        else sources[0]
    return SubmittedFiles(main, files[main], {n: d for n, d in files.items() if n != main})


def implied_entry_point(files: SubmittedFiles, language: Language) -> str | None:
    """The entry point a submission sent without one is recorded with, as DOMjudge records
    the one it detects (so that a replay, or a shadow, runs the same file): Java's class
    its main source names; the main file of several sources in a language that runs one
    file (Python); else none (one file, or every source compiled together)."""
    if language.entry_rule:
        return language.entry_point(files.main.decode("utf-8", errors="replace"))
    if compiles_all(language) or not language.sources_among(list(files.others)):
        return None
    return files.main_name


def compiles_all(language: Language) -> bool:
    """Whether the language's compiler is given every source (C, C++, Kotlin)."""
    return "{files}" in (language.compile or ())


def _by_entry_point(files: Mapping[str, bytes], sources: list[str], language: Language,
                    entry_point: str) -> str:
    if entry_point in files:  # a file name (Python, Kotlin, ...)
        return entry_point
    for name in sources:  # a class name: Main -> Main.java, MainKt -> Main.kt
        stem = PurePosixPath(name).stem
        if entry_point in (stem, stem + "Kt", stem[:1].upper() + stem[1:] + "Kt"):
            return name
    for name in sources:  # a Java class declared in a file of another name
        text = files[name].decode("utf-8", errors="replace")
        if language.entry_rule and language.entry_point(text) == entry_point:
            return name
    raise FilesError(f"entry point {entry_point!r} is none of the files "
                     f"({', '.join(sorted(files))})")
