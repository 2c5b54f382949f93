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

DEFAULT_FILE = Path(__file__).with_name("languages.toml")

_REQUIRED = {"id", "name", "extensions", "source", "run", "version", "hello"}
_OPTIONAL = {"compile", "env", "entry_pattern", "default_entry", "shebang"}
_ARGV_KEYS = ("compile", "run", "version")


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
    entry_pattern: str | None = None
    default_entry: str = "Main"
    shebang: str | None = None  # a file with a #! line must name an interpreter matching this

    def entry_point(self, source_text: str) -> str:
        """The class to run, for languages that name files after it (Java); else the default."""
        if self.entry_pattern:
            found = re.search(self.entry_pattern, source_text)
            if found:
                return found.group(1)
        return self.default_entry

    def sources_among(self, names: Sequence[str]) -> list[str]:
        """Those of `names` that are source files of this language (not headers, data)."""
        return [n for n in names if PurePath(n).suffix.lstrip(".") in self.extensions]

    def commands(self, source_text: str, memory_mb: int, others: Sequence[str] = ()
                 ) -> tuple[str, list[str] | None, list[str]]:
        """(source file name, compile argv or None, run argv) for this source and memory.

        An argument that is exactly `{files}` becomes the main source followed by `others`
        (the program's other source files), for compilers that take them all (Prolog).
        """
        values = {"entry": self.entry_point(source_text), "memory_mb": str(memory_mb)}
        values["source"] = self.source.format(**values)

        def fill(argv: tuple[str, ...]) -> list[str]:
            filled: list[str] = []
            for arg in argv:
                filled.extend([values["source"], *others] if arg == "{files}"
                              else [arg.format(**values)])
            return filled

        compile_argv = fill(self.compile) if self.compile else None
        return values["source"], compile_argv, fill(self.run)


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
    if not isinstance(raw["extensions"], list):
        raise LanguageError(f"{where}: language {ident!r} key 'extensions' must be a list")
    return Language(
        id=raw["id"], name=raw["name"], extensions=tuple(raw["extensions"]),
        source=raw["source"], run=tuple(raw["run"]), version=tuple(raw["version"]),
        hello=raw["hello"].strip() + "\n",
        compile=tuple(raw["compile"]) if raw.get("compile") else None,
        env=dict(raw.get("env", {})), entry_pattern=raw.get("entry_pattern"),
        default_entry=raw.get("default_entry", "Main"), shebang=raw.get("shebang"),
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
