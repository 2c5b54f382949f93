"""Function-style problems, per language: the stub contestants start from and the hidden
harness that reads the test input, calls their function and prints its result canonically.

One module per language, each pure string generation with two functions: `stub(spec)` and
`program(spec, source, file_name) -> (main source, other files)`. The contestant's lines
keep their numbers in the combined source wherever the language allows (`#line` in C++ and
C#, `//line` in Go; the prelude joins the first line in Java and Python; Kotlin, Rust and
JavaScript need nothing before the contestant's code).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from types import ModuleType

from appliance.functions.code import cpp, csharp, go, java, javascript, kotlin, python, rust
from appliance.functions.spec import FunctionSpec
from judge.errors import LanguageError

GENERATORS: dict[str, ModuleType] = {
    "python3": python, "pypy3": python, "cpp": cpp, "cpp17": cpp, "java": java,
    "javascript": javascript, "go": go, "rust": rust, "kotlin": kotlin, "csharp": csharp,
}


@dataclass(frozen=True)
class Program:
    """What the judge compiles for a function problem: the combined main source and any
    files beside it."""

    source: bytes
    extra_files: dict[str, bytes] = field(default_factory=dict)


def stubs_for(spec: FunctionSpec) -> dict[str, str]:
    """Every supported language's stub (language id -> text): what the editor starts with,
    and what plagiarism checks should discount."""
    return {language: module.stub(spec) for language, module in GENERATORS.items()}


def stub_for(spec: FunctionSpec, language_id: str) -> str:
    """One language's stub; LanguageError when function problems do not take it."""
    return _generator(language_id).stub(spec)


def program_for(spec: FunctionSpec, language_id: str, file_name: str, source: bytes) -> Program:
    """The contestant's `source` joined with the language's harness into a whole program
    (`file_name`: the main source's name in the sandbox, for line directives)."""
    text = source.decode("utf-8", "replace")
    combined, extra = _generator(language_id).program(spec, text, file_name)
    return Program(combined.encode(), {name: data.encode() for name, data in extra.items()})


def takes_language(spec: FunctionSpec | None, language_id: str) -> bool:
    """The rule: a function problem (`spec`) takes only the languages it has a harness for;
    a problem that is not one (`None`) takes every language."""
    return spec is None or language_id in GENERATORS


def offered_languages(spec: FunctionSpec | None, language_ids: Iterable[str]) -> list[str]:
    """Of these languages (in their order), those the problem takes: what a submit form
    offers."""
    return [language for language in language_ids if takes_language(spec, language)]


def require_harness(spec: FunctionSpec | None, language_id: str) -> None:
    """Raise LanguageError for a language the problem does not take (`takes_language`), so
    a submission is refused before it is stored or judged."""
    if not takes_language(spec, language_id):
        _generator(language_id)


def _generator(language_id: str) -> ModuleType:
    module = GENERATORS.get(language_id)
    if module is None:
        raise LanguageError(f"function problems are not offered in {language_id!r}; they "
                            f"take {', '.join(sorted(GENERATORS))}")
    return module
