"""Import problem packages (folders or zip files) into a library, and export them as zip files.

A zip is hostile until proven otherwise: every member's name, type and declared size is checked
before anything is written, and bytes are counted again while extracting, since declared sizes
can lie. A package lands in `library/<short-name>-<digest12>/` only once it is whole and
`load_problem` accepts it, in one `os.replace`; on any error the library is left as it was.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import secrets
import shutil
import stat
import unicodedata
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from appliance.errors import PackageError
from appliance.problems.load import load_problem
from appliance.zips import method_problem
from judge.limits import MiB

GiB = 1024 * MiB
MANIFEST = ".podium-manifest.json"
EXPORT_DATE_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest a zip can say: exports do not vary
_CHUNK = 1 << 20
# Validator folders of both format versions. In a singular folder the folder is one validator;
# in a plural one each entry (a file or a folder) is one validator.
_SINGLE_VALIDATOR_FOLDERS = ("output_validator",)
_VALIDATOR_FOLDERS = ("output_validators", "input_validators", "input_format_validators")
_IGNORED_TOP = ("__MACOSX",)  # resource forks that macOS's archiver adds to every zip
_DRIVE = re.compile(r"[A-Za-z]:")
_SPECIAL_TYPES = {
    stat.S_IFLNK: "a symbolic link", stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device", stat.S_IFIFO: "a named pipe", stat.S_IFSOCK: "a socket",
}


@dataclass(frozen=True)
class ArchiveLimits:
    """How much one package may hold; past any of these it is refused as a likely bomb."""

    max_total_size: int = 2 * GiB
    max_member_size: int = 1 * GiB
    max_members: int = 100_000
    max_ratio: float = 200.0  # uncompressed / compressed size of a member ...
    ratio_min_size: int = 10 * MiB  # ... that is larger than this


@dataclass(frozen=True)
class ImportedPackage:
    """A package in the library, with the SHA-256 of every file, test case and validator."""

    path: Path
    short_name: str
    digest: str
    files: dict[str, str]  # relative path -> sha256 of its content
    test_cases: dict[str, str]  # "secret/group1/01" -> sha256 over its .in and .ans hashes
    validators: dict[str, str]  # relative path of a validator -> digest of its files
    ignored: tuple[str, ...] = ()  # files left out for their names, one warning line each


def digest_of(files: dict[str, str]) -> str:
    """The package digest: SHA-256 over sorted relative paths and content hashes, nothing else."""
    hasher = hashlib.sha256()
    for rel in sorted(files):
        hasher.update(f"{rel}\0{files[rel]}\n".encode())  # no path holds NUL: unambiguous
    return hasher.hexdigest()


def import_package(source: Path, library: Path,
                   limits: ArchiveLimits = ArchiveLimits()) -> ImportedPackage:
    """Copy a package folder or zip into `library` whole, or raise `PackageError` and leave none.

    The same package imported twice gives the same folder.
    """
    if source.is_dir() and library.resolve().is_relative_to(source.resolve()):
        raise PackageError(f"{source}: the library {library} lies inside the package")
    library.mkdir(parents=True, exist_ok=True)
    temp = library / f".import-{secrets.token_hex(8)}"
    temp.mkdir()
    ignored: list[str] = []
    try:
        if source.is_dir():
            files = _copy_folder(source, temp, limits, ignored)
            short, where = _folder_short_name(source), source
        elif zipfile.is_zipfile(source):
            files, top = _extract_zip(source, temp, limits, ignored)
            short = _slug(top or source.stem)
            where = Path(source, top) if top else source
        else:
            raise PackageError(f"{source}: neither a package folder nor a zip file")
        try:
            problem = load_problem(temp)
        except PackageError as exc:  # name the files as the user knows them, not the temp copy
            raise PackageError(str(exc).replace(str(temp), str(where))) from None
        short = short or (_slug(problem.name) if problem.name != temp.name else "") or "problem"
        files = dict(sorted(files.items()))
        digest = digest_of(files)
        tests = {}
        for test in problem.tests:
            hashes = (files[p.relative_to(temp).as_posix()] for p in (test.input, test.answer))
            tests[test.name] = hashlib.sha256("\n".join(hashes).encode()).hexdigest()
        imported = ImportedPackage(path=library / f"{short}-{digest[:12]}", short_name=short,
                                   digest=digest, files=files, test_cases=tests,
                                   validators=_validators(files), ignored=tuple(
                                       f"{where}: {name!r} ignored: its name is not a valid "
                                       "file name (a backslash)" for name in sorted(ignored)))
        _write_manifest(temp / MANIFEST, imported)
        return _move_into_place(temp, imported)
    finally:
        if temp.exists():
            shutil.rmtree(temp)


def imported_folder(library: Path, ident: str) -> Path:
    """The folder of the imported package `ident` (its folder name in `library`), or a
    `PackageError` naming the ones there are."""
    folder = library / ident
    if not folder.is_dir() or folder.parent != library:
        known = sorted(p.name for p in library.glob("*") if p.is_dir()
                       and not p.name.startswith(".")) if library.is_dir() else []
        raise PackageError(f"no imported package {ident!r}; imported: "
                           f"{', '.join(known) or 'none'}")
    return folder


def export_package(imported_path: Path, out: Path) -> Path:
    """Write an imported package as a zip that is the same bytes every time; return its path.

    Entries are sorted, dated 1980-01-01 and held in one folder named by the short name; the
    manifest stays out. Re-importing the zip gives the same digest. `out` may be a folder.
    """
    manifest = _read_manifest(imported_path)
    if manifest is None:
        raise PackageError(f"{imported_path / MANIFEST}: missing or unreadable "
                           "(not a package imported into a library)")
    short = _slug(str(manifest["short_name"])) or "problem"
    if out.is_dir():
        out = out / f"{imported_path.name}.zip"
    temp = out.with_name(f".{out.name}.{secrets.token_hex(4)}.tmp")
    files: dict[str, str] = {}
    try:
        with zipfile.ZipFile(temp, "w", zipfile.ZIP_DEFLATED) as archive:
            for rel, path in _library_files(imported_path):
                mode = path.lstat().st_mode
                info = zipfile.ZipInfo(f"{short}/{rel}", EXPORT_DATE_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.create_system = 3  # Unix, so that the mode bits below are read
                info.external_attr = (stat.S_IFREG | (0o755 if mode & 0o100 else 0o644)) << 16
                info.file_size = path.stat().st_size  # decides ZIP64 before streaming
                hasher = hashlib.sha256()
                with open(path, "rb") as src, archive.open(info, "w") as dst:
                    while chunk := src.read(_CHUNK):
                        hasher.update(chunk)
                        dst.write(chunk)
                files[rel] = hasher.hexdigest()
        if digest_of(files) != manifest["digest"]:
            raise PackageError(f"{imported_path}: files changed since import (digest "
                               f"{digest_of(files)[:12]}, manifest says {manifest['digest'][:12]})")
        os.replace(temp, out)
    finally:
        if temp.exists():
            temp.unlink()
    return out


# --- names and types -------------------------------------------------------------------------

def _ignored_name(name: str) -> bool:
    """Whether a member is left out (with a warning) rather than refusing the package: a
    backslash in a name that stays inside the package even when read as a separator (DOMjudge's
    `test-file name#\\.bogus ext`). The package format treats files with invalid names as
    absent; a backslash that could climb out (`data\\..\\x`) still refuses the package."""
    if "\\" not in name or "\0" in name or any(ord(c) < 32 or ord(c) == 127 for c in name):
        return False
    unified = name.replace("\\", "/")
    return not (unified.startswith("/") or _DRIVE.match(unified)
                or ".." in unified.split("/"))


def _name_problem(name: str) -> str | None:
    """Why a member name is refused, or None; checked on the raw name, before any cleaning."""
    if not name:
        return "has an empty name"
    if "\0" in name:
        return "has a NUL byte in its name"
    if "\\" in name:
        return "has a backslash in its name (a Windows path separator)"
    if any(ord(c) < 32 or ord(c) == 127 for c in name):
        return "has a control character in its name"
    if name.startswith("/") or _DRIVE.match(name):
        return "has an absolute path"
    if ".." in name.split("/"):
        return "leaves the package (a '..' component)"
    return None


def _parts(name: str) -> tuple[str, ...]:
    return tuple(part for part in name.split("/") if part not in ("", "."))


def _refuse(where: str, name: str, reason: str) -> PackageError:
    return PackageError(f"{where} {name!r} {reason}")


# --- zip -------------------------------------------------------------------------------------

def unpack_zip(source: Path, dest: Path,
               limits: ArchiveLimits = ArchiveLimits()) -> tuple[Path, list[str]]:
    """Unpack a zip (a contest package, say) into the empty folder `dest` under every bound a
    problem package's zip has (`_extract_zip`); return the folder its content sits in
    (`dest`, or its one top-level folder) and the members left out for their names."""
    ignored: list[str] = []
    _, top = _extract_zip(source, dest, limits, ignored)
    return (dest / top if top else dest), ignored


def _extract_zip(source: Path, dest: Path, limits: ArchiveLimits,
                 ignored: list[str]) -> tuple[dict[str, str], str | None]:
    """Check every member, then extract the files; return their hashes and the top folder.
    Members left out for their names are added to `ignored`."""
    where = f"{source}: member"
    try:
        with zipfile.ZipFile(source) as archive:
            infos = archive.infolist()
            ignored += [i.orig_filename for i in infos if _ignored_name(i.orig_filename)]
            members, top = _plan_zip([i for i in infos if not _ignored_name(i.orig_filename)],
                                     where, limits)
            files: dict[str, str] = {}
            total = 0
            for info, rel in members:
                try:
                    files[rel], total = _extract_member(archive, info, dest / rel, total, where,
                                                        limits)
                except (zipfile.BadZipFile, EOFError, zlib.error, NotImplementedError,
                        RuntimeError) as exc:
                    raise _refuse(where, info.orig_filename, f"cannot be read: {exc}") from None
    except zipfile.BadZipFile as exc:
        raise PackageError(f"{source}: not a readable zip file: {exc}") from None
    return files, top


def _plan_zip(infos: list[zipfile.ZipInfo], where: str,
              limits: ArchiveLimits) -> tuple[list[tuple[zipfile.ZipInfo, str]], str | None]:
    """Refuse the archive for its first bad member by its declared facts; else what to write."""
    if len(infos) > limits.max_members:
        raise _refuse(where, infos[limits.max_members].orig_filename,
                      f"is one too many: at most {limits.max_members:,} members are allowed")
    planned: dict[tuple[str, ...], zipfile.ZipInfo] = {}
    total = 0
    for info in infos:
        name = info.orig_filename
        if problem := _name_problem(name):
            raise _refuse(where, name, problem)
        parts = _parts(name)
        kind = stat.S_IFMT(info.external_attr >> 16)
        if kind in _SPECIAL_TYPES:
            raise _refuse(where, name, f"is {_SPECIAL_TYPES[kind]}")
        if kind not in (0, stat.S_IFREG, stat.S_IFDIR):
            raise _refuse(where, name, f"has an unknown file type {oct(kind)}")
        if info.flag_bits & 0x1:
            raise _refuse(where, name, "is encrypted")
        if problem := method_problem(info):  # bzip2, LZMA: their output has no bound
            raise _refuse(where, name, problem)
        if info.is_dir() or not parts or parts[0] in _IGNORED_TOP:
            continue
        if kind == stat.S_IFDIR:
            raise _refuse(where, name, "is a folder without a trailing '/'")
        if parts in planned:
            raise _refuse(where, name, "appears twice")
        _check_sizes(where, name, info.file_size, total + info.file_size, limits,
                     compressed=info.compress_size)
        total += info.file_size
        planned[parts] = info
    for parts in planned:
        for depth in range(1, len(parts)):
            if parts[:depth] in planned:
                raise _refuse(where, planned[parts].orig_filename,
                              f"lies inside {'/'.join(parts[:depth])!r}, which is a file")
    tops = {parts[0] for parts in planned}
    top = None
    if len(tops) == 1 and ("problem.yaml",) not in planned and all(
            len(parts) > 1 for parts in planned):
        top = tops.pop()  # the package sits in one top-level folder
    skip = 1 if top else 0
    return [(info, "/".join(parts[skip:])) for parts, info in planned.items()], top


def _check_sizes(where: str, name: str, size: int, total: int, limits: ArchiveLimits,
                 compressed: int | None = None) -> None:
    """Refuse a member by its size, the package's total so far, and (zips) its ratio."""
    if size > limits.max_member_size:
        raise _refuse(where, name, f"holds {size:,} bytes, over the limit of "
                                   f"{limits.max_member_size:,} per member")
    if total > limits.max_total_size:
        raise _refuse(where, name, f"brings the package to {total:,} bytes, over the limit "
                                   f"of {limits.max_total_size:,}")
    if compressed is not None and size > limits.ratio_min_size \
            and size > limits.max_ratio * compressed:
        raise _refuse(where, name, f"expands {size:,} bytes from {compressed:,} (over "
                                   f"{limits.max_ratio:g}:1, a zip bomb)")


def _extract_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, target: Path, total: int,
                    where: str, limits: ArchiveLimits) -> tuple[str, int]:
    """Stream one member out, counting real bytes against every limit; return hash, new total."""
    name, declared = info.orig_filename, info.file_size
    written = 0
    hasher = hashlib.sha256()
    executable = ((info.external_attr >> 16) & 0o100) != 0
    with archive.open(info) as src, _create(target, executable) as out:
        while chunk := src.read(_CHUNK):
            written += len(chunk)
            if written > declared:
                raise _refuse(where, name, f"holds more than the {declared:,} bytes it declares")
            _check_sizes(where, name, written, total + written, limits,
                         compressed=info.compress_size)
            hasher.update(chunk)
            out.write(chunk)
    if written != declared:
        raise _refuse(where, name, f"holds {written:,} bytes, not the {declared:,} it declares")
    return hasher.hexdigest(), total + written


def _create(target: Path, executable: bool) -> IO[bytes]:
    """A new file that cannot already exist or be a link, made with its parent folders."""
    target.parent.mkdir(parents=True, exist_ok=True)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW
    return os.fdopen(os.open(target, flags, 0o755 if executable else 0o644), "wb")


# --- folders ---------------------------------------------------------------------------------

def _copy_folder(source: Path, dest: Path, limits: ArchiveLimits,
                 ignored: list[str]) -> dict[str, str]:
    """Copy a package folder's files, following links that stay inside it; return hashes.
    Files left out for their names are added to `ignored`."""
    root = source.resolve()
    where = f"{source}:"
    files: dict[str, str] = {}
    total = 0
    pending: list[tuple[str, os.DirEntry[str], frozenset[Path]]] = []

    def list_folder(folder: Path, prefix: str, ancestors: frozenset[Path]) -> None:
        entries = sorted(os.scandir(folder), key=lambda e: e.name, reverse=True)
        pending.extend((prefix + entry.name, entry, ancestors) for entry in entries)

    list_folder(root, "", frozenset({root}))
    while pending:  # depth first, in sorted order, so the same folder fails the same way
        rel, entry, ancestors = pending.pop()
        if rel == MANIFEST:
            continue  # a library folder imported again: its manifest is rewritten
        if _ignored_name(rel):
            ignored.append(rel)
            continue
        if problem := _name_problem(rel):
            raise _refuse(where, rel, problem)
        real = Path(entry.path)
        if entry.is_symlink():
            real = Path(os.path.realpath(entry.path))
            if not real.is_relative_to(root):
                raise _refuse(where, rel, f"is a symbolic link to {os.readlink(entry.path)}, "
                                          "outside the package")
            if not real.exists():
                raise _refuse(where, rel, "is a broken symbolic link")
        mode = real.stat().st_mode
        if stat.S_ISDIR(mode):
            if real in ancestors:
                raise _refuse(where, rel, "is a symbolic link to a folder that holds it")
            list_folder(real, rel + "/", ancestors | {real})
        elif not stat.S_ISREG(mode):
            raise _refuse(where, rel, f"is {_SPECIAL_TYPES.get(stat.S_IFMT(mode), 'special')}")
        elif len(files) >= limits.max_members:
            raise _refuse(where, rel, f"is one too many: at most {limits.max_members:,} "
                                      "files are allowed")
        else:
            files[rel], total = _copy_file(real, dest / rel, mode, total, where, rel, limits)
    return files


def _copy_file(src: Path, target: Path, mode: int, total: int, where: str, rel: str,
               limits: ArchiveLimits) -> tuple[str, int]:
    written = 0
    hasher = hashlib.sha256()
    with open(src, "rb") as inp, _create(target, (mode & 0o100) != 0) as out:
        while chunk := inp.read(_CHUNK):
            written += len(chunk)
            _check_sizes(where, rel, written, total + written, limits)
            hasher.update(chunk)
            out.write(chunk)
    return hasher.hexdigest(), total + written


def _folder_short_name(source: Path) -> str:
    """A library folder imported again keeps its short name; any other folder gives its name."""
    manifest = _read_manifest(source)
    return _slug(str(manifest["short_name"]) if manifest else source.resolve().name)


def _library_files(root: Path) -> Iterator[tuple[str, Path]]:
    """An imported package's files, sorted by relative path, refusing anything but files."""
    found = []
    for folder, dirs, names in os.walk(root):
        for name in dirs + names:
            path = Path(folder, name)
            rel = path.relative_to(root).as_posix()
            if path.is_symlink() or not (path.is_dir() or path.is_file()):
                raise PackageError(f"{root}: {rel!r} is not a plain file or folder")
            if path.is_file() and rel != MANIFEST:
                found.append((rel, path))
    yield from sorted(found)


# --- the library -----------------------------------------------------------------------------

def _slug(text: str) -> str:
    """A short name: lower-case ASCII letters and digits joined by '-', at most 48 long."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:48].strip("-")


def _validators(files: dict[str, str]) -> dict[str, str]:
    groups: dict[str, dict[str, str]] = {}
    for rel, sha in files.items():
        parts = rel.split("/")
        if parts[0] in _SINGLE_VALIDATOR_FOLDERS and len(parts) > 1:
            key = parts[0]
        elif parts[0] in _VALIDATOR_FOLDERS and len(parts) > 1:
            key = "/".join(parts[:2])
        else:
            continue
        groups.setdefault(key, {})[rel[len(key) + 1:] or parts[-1]] = sha
    return {key: digest_of(group) for key, group in sorted(groups.items())}


def _write_manifest(path: Path, imported: ImportedPackage) -> None:
    record = {"short_name": imported.short_name, "digest": imported.digest,
              "files": imported.files, "test_cases": imported.test_cases,
              "validators": imported.validators}
    path.write_text(json.dumps(record, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def _read_manifest(folder: Path) -> dict | None:
    try:
        record = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    if not isinstance(record, dict) or not {"short_name", "digest"} <= record.keys():
        return None
    return record


def _move_into_place(temp: Path, imported: ImportedPackage) -> ImportedPackage:
    """Rename the whole folder into the library; if it is already there, keep that one."""
    target = imported.path
    if not target.exists():
        try:
            os.replace(temp, target)
            return imported
        except OSError as exc:  # another import of the same package won the race
            if exc.errno not in (errno.ENOTEMPTY, errno.EEXIST):
                raise
    existing = _read_manifest(target)
    if existing is None or existing["digest"] != imported.digest:
        raise PackageError(f"{target}: already in the library with other content")
    return imported
