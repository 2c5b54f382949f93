"""Languages as data: `languages.toml` read into `Language` entries, checked key by key.

Adding a language is adding an entry to the TOML file; all behaviour shared by languages
(placeholders, entry points, detection by extension) lives here once.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from judge.errors import LanguageError
from judge.java_names import public_class

DEFAULT_FILE = Path(__file__).with_name("languages.toml")
VALIDATOR_FILE = Path(__file__).with_name("validator_languages.toml")  # judges' programs only

_REQUIRED = {"id", "name", "extensions", "source", "run", "version", "hello"}
_OPTIONAL = {"compile", "env", "entry_rule", "default_entry", "shebang", "precompiled"}
_ARGV_KEYS = ("compile", "run", "version")
ENTRY_RULES = {"java": public_class}  # entry_rule -> how the source names its class
MAIN_CLASS = "{main_class}"  # in a run argv: the class with main, known after compiling
PRECOMPILED_DIR = "/podium/pch"  # in the judge image: a folder per language of .gch files


@dataclass(frozen=True)
class Language:
    """One language: how its source is named, compiled and run."""

    id: str
    name: str
    extensions: tuple[str, ...]
    source: str
    run: tuple[str, ...]
    version: tuple[str, ...]
    hello: str
    compile: tuple[str, ...] | None = None
    env: Mapping[str, str] = field(default_factory=dict)
    entry_rule: str | None = None  # a key of ENTRY_RULES: the source names its file
    default_entry: str = "Main"
    shebang: str | None = None  # a file with a #! line must name an interpreter matching this
    precompiled: str | None = None  # a header built once with the compile flags (g++ .gch)

    def entry_point(self, source_text: str) -> str:
        """The class the source names (Java's public class, which names its file), else the
        default; the class to run is learned from the class files (`{main_class}`)."""
        if self.entry_rule:
            return ENTRY_RULES[self.entry_rule](source_text) or self.default_entry
        return self.default_entry

    @property
    def finds_main_class(self) -> bool:
        """Whether the run argv waits for the class with main, found after compiling."""
        return any(MAIN_CLASS in arg for arg in self.run)

    def sources_among(self, names: Sequence[str]) -> list[str]:
        """Those of `names` that are source files of this language (not headers, data)."""
        return [n for n in names if PurePath(n).suffix.lstrip(".") in self.extensions]

    def commands(self, source_text: str, memory_mb: int, others: Sequence[str] = ()
                 ) -> tuple[str, list[str] | None, list[str]]:
        """(source file name, compile argv or None, run argv) for this source and memory.

        An argument that is exactly `{files}` becomes the main source followed by `others`
        (the program's other source files), for compilers that take them all (Prolog).
        """
        values = {"entry": self.entry_point(source_text), "memory_mb": str(memory_mb),
                  "main_class": MAIN_CLASS}  # filled by `with_main_class` after compiling
        values["source"] = self.source.format(**values)

        def fill(argv: tuple[str, ...]) -> list[str]:
            filled: list[str] = []
            for arg in argv:
                filled.extend([values["source"], *others] if arg == "{files}"
                              else [arg.format(**values)])
            return filled

        compile_argv = fill(self.compile) if self.compile else None
        if compile_argv and self.precompiled:  # its .gch is found before the header itself
            compile_argv[1:1] = [f"-I{self.precompiled_dir}"]
        return values["source"], compile_argv, fill(self.run)

    @property
    def precompiled_dir(self) -> str:
        """Where this language's precompiled header lies in the sandbox."""
        return f"{PRECOMPILED_DIR}/{self.id}"

    def header_build(self, wrapper: str, output: str) -> list[str]:
        """The argv that precompiles `precompiled` (through `wrapper`, a file that includes
        it) into `output`: the compile argv itself, flag for flag (g++ ignores a .gch built
        with other flags), as a header (`-x c++-header`) written to `output`."""
        if not (self.compile and self.precompiled):
            raise LanguageError(f"language {self.id!r} has no header to precompile")
        argv, skip = [], False
        for arg, following in zip(self.compile, [*self.compile[1:], ""], strict=True):
            if skip:
                skip = False
            elif arg == "-o":
                argv += ["-o", output]
                skip = True
            elif arg in ("{files}", "{source}"):
                argv.append(wrapper)
            elif arg == "-x" and not following.endswith("-header"):
                argv += ["-x", f"{following}-header"]
                skip = True
            else:
                argv.append(arg)
        return argv


def with_main_class(argv: Sequence[str], main_class: str) -> list[str]:
    """A run argv with the class that holds main in place of `{main_class}`."""
    return [arg.replace(MAIN_CLASS, main_class) for arg in argv]


def _check_entry(raw: dict, where: str) -> Language:
    """Build a Language from one TOML table, naming the language and key on any error."""
    ident = raw.get("id", "?")
    missing = _REQUIRED - raw.keys()
    if missing:
        raise LanguageError(f"{where}: language {ident!r} lacks {', '.join(sorted(missing))}")
    unknown = raw.keys() - _REQUIRED - _OPTIONAL
    if unknown:
        raise LanguageError(f"{where}: language {ident!r} has unknown key "
                            f"{', '.join(sorted(unknown))}")
    for key in _ARGV_KEYS:
        value = raw.get(key)
        if value is not None and (not isinstance(value, list) or not value
                                  or not all(isinstance(a, str) for a in value)):
            raise LanguageError(f"{where}: language {ident!r} key {key!r} must be a non-empty "
                                "list of strings")
    if raw.get("entry_rule", "java") not in ENTRY_RULES:
        raise LanguageError(f"{where}: language {ident!r} key 'entry_rule' must be one of "
                            f"{', '.join(ENTRY_RULES)}")
    if raw.get("precompiled") is not None and not (isinstance(raw["precompiled"], str)
                                                   and raw.get("compile")):
        raise LanguageError(f"{where}: language {ident!r} key 'precompiled' must be a header "
                            "name, and the language must have a compile argv")
    if not isinstance(raw["extensions"], list):
        raise LanguageError(f"{where}: language {ident!r} key 'extensions' must be a list")
    return Language(
        id=raw["id"], name=raw["name"], extensions=tuple(raw["extensions"]),
        source=raw["source"], run=tuple(raw["run"]), version=tuple(raw["version"]),
        hello=raw["hello"].strip() + "\n",
        compile=tuple(raw["compile"]) if raw.get("compile") else None,
        env=dict(raw.get("env", {})), entry_rule=raw.get("entry_rule"),
        default_entry=raw.get("default_entry", "Main"), shebang=raw.get("shebang"),
        precompiled=raw.get("precompiled"),
    )


def load_languages(path: Path = DEFAULT_FILE) -> dict[str, Language]:
    """All languages of a languages file, by id, in file order."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise LanguageError(f"{path}: {exc}") from exc
    languages: dict[str, Language] = {}
    for raw in data.get("language", []):
        language = _check_entry(raw, str(path))
        if language.id in languages:
            raise LanguageError(f"{path}: language {language.id!r} is defined twice")
        languages[language.id] = language
    return languages


def with_validator_languages(languages: Mapping[str, Language]) -> dict[str, Language]:
    """`languages` and those only the judges' input validators are written in (.ctd)."""
    return {**languages, **load_languages(VALIDATOR_FILE)}


def detect(filename: str | PurePath, languages: Mapping[str, Language],
           text: bytes = b"") -> Language:
    """The language a file's extension names (the first entry listing it wins); a `#!` line
    in `text` must agree with it (a Python 2 script is no Python 3 program)."""
    suffix = PurePath(filename).suffix.lstrip(".")
    first = text.split(b"\n", 1)[0].decode("utf-8", "replace")
    candidates = [lang for lang in languages.values() if suffix in lang.extensions]
    for language in candidates:
        if language.shebang and first.startswith("#!") and \
                not re.search(language.shebang, first):
            continue
        return language
    if candidates:
        raise LanguageError(f"{PurePath(filename).name}: its #! line ({first[2:].strip()}) "
                            "names no language Podium has")
    known = sorted({e for lang in languages.values() for e in lang.extensions})
    raise LanguageError(f"cannot tell the language of {PurePath(filename).name!r} from its "
                        f"extension; give --lang (known extensions: {', '.join(known)})")


def find(ident: str, languages: Mapping[str, Language]) -> Language:
    """The language with this id, or a clear error listing the ids there are."""
    try:
        return languages[ident]
    except KeyError:
        raise LanguageError(f"unknown language {ident!r}; known: "
                            f"{', '.join(languages)}") from None
