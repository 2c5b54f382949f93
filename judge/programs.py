"""Judge-side programs (output and input validators): their sources and builds.

A program comes as one file or a folder (a validator with its `testlib.h`, say). It is
compiled once in a sandbox; the built work folder comes back as a blob (`BuiltProgram`),
which the runner unpacks wherever it is needed, so no judging compiles it again.

A judges' program folder holding a `build` or a `run` script (package format 2025-09,
"Other programs") is built by its own `build`, run in a copy of the folder, and is then
its `run`; such a folder has no language of its own (`SCRIPTS`, `BUILT_BY_SCRIPT`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from judge.errors import LanguageError
from judge.languages import Language, detect

MAX_FILE = 16 * 1024 * 1024  # bytes of one source file of a program


@dataclass(frozen=True)
class ProgramSource:
    """A program's files (relative name -> content), its language and its main file."""

    language: Language
    files: Mapping[str, bytes]
    main: str

    def sandbox_files(self, memory_mb: int) -> tuple[dict[str, bytes], list[str] | None,
                                                     list[str]]:
        """(files as the sandbox names them, compile argv, run argv): the main file takes the
        language's source name, the others (headers, modules) keep theirs."""
        text = self.files[self.main].decode("utf-8", "replace")
        others = self.language.sources_among([n for n in self.files if n != self.main])
        name, compile_argv, run_argv = self.language.commands(text, memory_mb, others)
        files = {n: data for n, data in self.files.items() if n != self.main}
        files[name] = self.files[self.main]
        return files, compile_argv, run_argv


@dataclass(frozen=True)
class BuiltProgram:
    """A compiled program: its work folder as a tar blob, and how to run it from there."""

    language: str
    artifact: str
    run: tuple[str, ...]
    env: Mapping[str, str] = field(default_factory=dict)


# Both scripts are started by the shell: the format calls them POSIX shell scripts, which
# may lack a `#!` line (the shell reads those itself), and a package unpacked from a zip may
# have lost their executable bits (set here by their owner, the compile user).
_RUN = ("sh", "-c", 'exec ./run "$@"', "run")
SCRIPTS = Language(  # a folder with `run` only: nothing to build but the bit to set
    id="run-script", name="a run script", extensions=(), source="run", run=_RUN,
    version=(), hello="", compile=("sh", "-c", "chmod 755 run"))
BUILT_BY_SCRIPT = Language(
    id="build-script", name="build and run scripts", extensions=(), source="build", run=_RUN,
    version=(), hello="",
    compile=("sh", "-c", "chmod 755 build && ./build || exit; if [ ! -f run ]; then "
             "echo 'podium: build made no run file' >&2; exit 1; fi; chmod 755 run"))


def source_from_path(path: Path, languages: Mapping[str, Language],
                     scripts: bool = False) -> ProgramSource:
    """Read a program from a file or a folder; its language from the extensions found.

    With `scripts` (judges' programs, never submissions), a folder holding `build` or
    `run` is that program, whatever else it holds."""
    if scripts and path.is_dir() and any((path / n).is_file() for n in ("build", "run")):
        files = {p.relative_to(path).as_posix(): _read(p) for p in sorted(path.rglob("*"))
                 if p.is_file()}
        if "build" in files:
            return ProgramSource(BUILT_BY_SCRIPT, files, "build")
        return ProgramSource(SCRIPTS, files, "run")
    if path.is_file():
        data = _read(path)
        return ProgramSource(detect(path, languages, data), {path.name: data}, path.name)
    if not path.is_dir():
        raise LanguageError(f"{path}: no such program file or folder")
    found_files = [p for p in sorted(path.rglob("*")) if p.is_file()
                   and not p.name.startswith(".")]
    root = path
    while found_files and len({p.relative_to(root).parts[0] for p in found_files}) == 1 \
            and all(len(p.relative_to(root).parts) > 1 for p in found_files):
        root = root / found_files[0].relative_to(root).parts[0]  # one program in a subfolder
    files = {p.relative_to(root).as_posix(): _read(p) for p in found_files}
    found: dict[str, list[str]] = {}
    for name in files:
        try:
            found.setdefault(detect(name, languages, files[name]).id, []).append(name)
        except LanguageError:
            continue  # headers, data files, build notes
    if len(found) != 1:
        what = ", ".join(sorted(found)) or "none"
        raise LanguageError(f"{path}: a program folder needs source files of exactly one "
                            f"language (found: {what})")
    (language_id, sources), = found.items()
    mains = [n for n in sources if b"main" in files[n]] or sources
    return ProgramSource(languages[language_id], files, sorted(mains)[0])


def _read(path: Path) -> bytes:
    if path.stat().st_size > MAX_FILE:
        raise LanguageError(f"{path}: larger than {MAX_FILE // 2**20} MiB")
    return path.read_bytes()
