"""Read problem.yaml: format version, names, problem type, credits and licence, limits.

Keys follow the legacy format (`type: pass-fail|scoring`, `validation: custom interactive
score`, `validator_flags`, `author`) or 2023-07 and 2025-09 (`type:` a string or list,
`credits`, `source` as text, map or list, `constants`, `languages`, `embargo_until`).
Keys of neither version and wrong types are errors, as the format asks ("any unknown keys
should be treated as an error"). A key of the other version is read with a warning: real
packages mix them (a 2023-07-draft problem.yaml with `validation: custom`, say). An
optional key left empty (`source_url:`) is absent. What only matters to a problem archive
(licence, uuid, a person's e-mail) gives warnings.
"""

from __future__ import annotations

import datetime
import re
import uuid as uuid_module
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from appliance.problems.constants import read_constants
from appliance.problems.limits import ReadLimits, read_limits
from appliance.problems.report import LEGACY, V2023, V2025, Report
from appliance.problems.yaml_files import (
    Check,
    anything,
    boolean,
    check_mapping,
    load_yaml,
    mapping,
    one_of,
    text,
)

VERSIONS = {"legacy": LEGACY, "legacy-icpc": LEGACY, "2023-07-draft": V2023, "2023-07": V2023,
            "2025-09": V2025}
LICENSES = ("unknown", "public domain", "cc0", "cc by", "cc by-sa", "educational",
            "permission")
TYPES = ("pass-fail", "scoring", "multi-pass", "interactive", "submit-answer")
_INCOMPATIBLE = (("pass-fail", "scoring"), ("multi-pass", "submit-answer"),
                 ("interactive", "submit-answer"))
_CREDIT_KEYS = ("authors", "contributors", "testers", "translators", "packagers",
                "acknowledgements")
_EMAIL_FORM = re.compile(r"^([^<>]*?)\s*<([^<>\s]+@[^<>\s]+)>$")  # "Full Name <a@b.example>"


@dataclass(frozen=True)
class Person:
    """Someone credited: a name, and what else problem.yaml says of them."""

    name: str
    email: str | None = None
    orcid: str | None = None
    kattis: str | None = None


@dataclass(frozen=True)
class Source:
    """Where the problem comes from: a contest or course, and its page."""

    name: str
    url: str | None = None


@dataclass(frozen=True)
class Metadata:
    """What problem.yaml says, checked."""

    version: str = LEGACY
    known: bool = True  # False: problem.yaml is missing or broken, so the version is a guess
    names: dict[str, str] = field(default_factory=dict)
    open_name: str | None = None  # a legacy plain-text name whose language is not yet known
    interactive: bool = False
    scoring: bool = False
    multi_pass: bool = False
    submit_answer: bool = False
    custom_validation: bool | None = None  # legacy `validation:`; None in 2023-07
    uuid: str | None = None
    source: Any = None
    license: str = "unknown"
    rights_owner: Any = None
    authors: Any = None
    limits: ReadLimits | None = None
    validator_args: tuple[str, ...] = ()  # legacy `validator_flags`
    keywords: tuple[str, ...] = ()  # legacy: a space-separated string; 2023-07: a list
    package_version: str | None = None  # `version`: which revision of the problem
    credits: dict[str, tuple[Person, ...]] = field(default_factory=dict)  # role -> people
    translators: dict[str, tuple[Person, ...]] = field(default_factory=dict)  # language ->
    sources: tuple[Source, ...] = ()
    embargo_until: datetime.datetime | None = None  # UTC
    languages: tuple[str, ...] | None = None  # None: all
    allow_file_writing: bool = False
    constants: dict[str, dict[str, str]] = field(default_factory=dict)  # name -> variant ->

    @property
    def v2025(self) -> bool:
        """problem_format_version 2025-09: `submissions.yaml` rules apply."""
        return self.version == V2025


def _name(value: Any) -> str | None:
    if isinstance(value, str):
        return None
    if isinstance(value, dict) and all(isinstance(v, str) for v in value.values()):
        return None
    return f"must be a string or a map of language codes to strings, not {value!r} " \
        "(quote it)"


def _one_or_more(item: Check, what: str) -> Check:
    def check(value: Any) -> str | None:
        values = value if isinstance(value, list) else [value]
        if values and all(item(v) is None for v in values):
            return None
        return f"must be {what} or a non-empty list of them, not {value!r}"
    return check


def _source_entry(value: Any) -> str | None:
    if isinstance(value, str):
        return None
    if isinstance(value, dict) and isinstance(value.get("name"), str) \
            and set(value) <= {"name", "url"} and isinstance(value.get("url", ""), str):
        return None
    return "bad"


def _person(value: Any) -> str | None:
    ok = isinstance(value, str) or (isinstance(value, dict) and isinstance(value.get("name"), str)
                                   and set(value) <= {"name", "email", "orcid", "kattis"})
    return None if ok else "bad"


_EMBARGO = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}Z)?$")


def _embargo(value: Any) -> datetime.datetime | None:
    """`embargo_until` as a UTC time: YAML reads an unquoted date or time itself, a quoted
    one is parsed here; None if it is neither form."""
    if isinstance(value, datetime.datetime):
        return value.replace(tzinfo=value.tzinfo or datetime.UTC).astimezone(datetime.UTC)
    if isinstance(value, datetime.date):
        return datetime.datetime(value.year, value.month, value.day, tzinfo=datetime.UTC)
    if isinstance(value, str) and _EMBARGO.match(value):
        try:
            return _embargo(datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
                            if "T" in value else datetime.date.fromisoformat(value))
        except ValueError:
            return None
    return None


def _date(value: Any) -> str | None:
    return None if _embargo(value) is not None else \
        f"must be a date (YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ), not {value!r}"


def _languages(value: Any) -> str | None:
    """`all`, or one or more language codes."""
    if value == "all" or (isinstance(value, str) and value.strip()):
        return None
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return None
    return f"must be a language code or a non-empty list of them ('all': any), not {value!r}"


def _strings(value: Any) -> str | None:
    """A list of strings (keywords); a lone string is taken as one."""
    if isinstance(value, str) or (isinstance(value, list)
                                  and all(isinstance(v, str) for v in value)):
        return None
    return f"must be a string or a list of strings, not {value!r}"


def _scalar(value: Any) -> str | None:
    return None if isinstance(value, str | int | float) and not isinstance(value, bool) \
        else f"must be a string, not {value!r}"


_COMMON: dict[str, Check] = {
    "problem_format_version": anything, "name": _name, "uuid": text,
    "license": one_of(*LICENSES), "rights_owner": text, "limits": anything,
}
_LEGACY_ONLY: dict[str, Check] = {
    "author": text, "source_url": text, "validation": text, "validator_flags": text,
    "grading": mapping,
}
_V2023_ONLY: dict[str, Check] = {
    "version": _scalar, "credits": anything, "embargo_until": _date,
    "languages": _languages, "allow_file_writing": boolean, "constants": mapping,
}
_MODERN: dict[str, Check] = {
    **_COMMON, **_V2023_ONLY,
    "type": _one_or_more(one_of(*TYPES), "one of " + ", ".join(TYPES)),
    "source": _one_or_more(_source_entry, "a string or a map with name and url"),
    "keywords": _strings,
}
_KEYS = {  # the version's own keys; the other version's keys, read with a warning
    LEGACY: ({**_COMMON, **_LEGACY_ONLY, "type": one_of("pass-fail", "scoring"),
              "source": text, "keywords": text}, _V2023_ONLY),
    V2023: (_MODERN, _LEGACY_ONLY),
    V2025: (_MODERN, _LEGACY_ONLY),
}
_GRADING_KEYS: dict[str, Check] = {
    "objective": one_of("min", "max"), "show_test_data_groups": boolean,
    "accept_score": anything, "reject_score": anything, "range": text,
    "on_reject": one_of("first_error", "worst_error", "grade"),
}
_IN_LEGACY = "a 2023-07 key in a legacy package: read all the same"
_V2025_NOTES = {  # what 2025-09 says instead of a legacy key
    "validation": "a legacy key: 2025-09 says interactive or multi-pass in 'type', and has a "
                  "custom output validator in output_validator/ (read as in legacy)",
    "validator_flags": "a legacy key: 2025-09 says output_validator_args in "
                       "data/test_group.yaml (read as in legacy)",
    "author": "a legacy key: 2025-09 says credits.authors (read as in legacy)",
    "source_url": "a legacy key: 2025-09 says source: {name, url} (ignored)",
    "grading": "a legacy key: 2025-09 says max_score and score_aggregation in "
               "data/test_group.yaml (ignored)",
}
_NOTES = {
    **{key: _IN_LEGACY for key in _V2023_ONLY},
    "validation": "a legacy key in a 2023-07 package (which says interactive or multi-pass in "
                  "'type', and has a custom output validator in output_validator/): read as "
                  "in legacy",
    "validator_flags": "a legacy key in a 2023-07 package (which says output_validator_args "
                       "in data/test_group.yaml): read as in legacy",
    "author": "a legacy key in a 2023-07 package (which says credits): read as in legacy",
    "source_url": "a legacy key in a 2023-07 package (which says source: {name, url}): "
                  "ignored",
    "grading": "a legacy key in a 2023-07 package (which says scoring in "
               "data/test_group.yaml): ignored",
}


def read_metadata(package: Path, report: Report) -> Metadata:
    """Read and check package/problem.yaml; a missing or broken file is an error."""
    file = package / "problem.yaml"
    if not file.is_file():
        report.error(file, "", "missing")
        return Metadata(known=False, limits=read_limits(None, LEGACY, file, report, False))
    data = load_yaml(file, report)
    if data is None:
        return Metadata(known=False, limits=read_limits(None, LEGACY, file, report, False))
    raw_version = data.get("problem_format_version") or LEGACY
    version = VERSIONS.get(raw_version) if isinstance(raw_version, str) else None
    if version is None:
        report.error(file, "problem_format_version",
                     f"must be one of {', '.join(VERSIONS)}, not {raw_version!r}")
        return Metadata(known=False, limits=read_limits(None, LEGACY, file, report, False))
    own, foreign = _KEYS[version]
    good = check_mapping(data, own, file, "", report, foreign,
                         _V2025_NOTES if version == V2025 else _NOTES)
    types = _types(good, file, report)
    custom = _legacy_validation(good, types, file, report) \
        if version == LEGACY or "validation" in good else None
    if "grading" in good:
        check_mapping(good["grading"], _GRADING_KEYS, file, "grading", report)
        if "scoring" not in types:
            report.warning(file, "grading", "only used by scoring problems")
    credits, translators = _credits(good, file, report)
    authors = _credit_authors(good, file, report) if "credits" in good else good.get("author")
    _check_archive_keys(good, version, authors, file, report)
    names, open_name = _yaml_names(good.get("name"), version)
    languages = good.get("languages", "all")
    return Metadata(
        version=version, names=names, open_name=open_name,
        interactive="interactive" in types, scoring="scoring" in types,
        multi_pass="multi-pass" in types, submit_answer="submit-answer" in types,
        custom_validation=custom, uuid=good.get("uuid"),
        source=good.get("source"), license=good.get("license", "unknown"),
        rights_owner=good.get("rights_owner"), authors=authors,
        limits=read_limits(data.get("limits"), version, file, report, "multi-pass" in types),
        validator_args=tuple(good.get("validator_flags", "").split()),
        keywords=_keywords(good.get("keywords")),
        package_version=None if good.get("version") is None else str(good["version"]),
        credits=credits, translators=translators, sources=_sources(good.get("source")),
        embargo_until=_embargo(good.get("embargo_until")),
        languages=None if languages == "all" else tuple(
            [languages] if isinstance(languages, str) else languages),
        allow_file_writing=good.get("allow_file_writing", False),
        constants=read_constants(good.get("constants"), file, report, version == V2025))


def _sources(value: Any) -> tuple[Source, ...]:
    """`source` as entries: a string is a name; a map has a name and maybe a url."""
    if value is None:
        return ()
    return tuple(Source(entry) if isinstance(entry, str) else Source(entry["name"],
                                                                        entry.get("url"))
                 for entry in (value if isinstance(value, list) else [value]))


def person(value: str | dict[str, str]) -> Person:
    """A credited person from "Full Name", "Full Name <email>" or a map with name."""
    if isinstance(value, dict):
        return Person(value["name"], value.get("email"), value.get("orcid"),
                      value.get("kattis"))
    match = _EMAIL_FORM.match(value.strip())
    return Person(match.group(1), match.group(2)) if match else Person(value.strip())


def _credits(good: dict[str, Any], file: Path, report: Report,
             ) -> tuple[dict[str, tuple[Person, ...]], dict[str, tuple[Person, ...]]]:
    """Everyone `credits` names, per role and (translators) per language; a string alone is
    the one author. Legacy `author` is the authors. A person written with `<` that is not
    "Name <email>" is a warning."""
    raw = good.get("credits", good.get("author"))
    if isinstance(raw, str):
        raw = {"authors": raw}
    if not isinstance(raw, dict):
        return {}, {}

    def people(key: str, value: Any) -> tuple[Person, ...]:
        values = value if isinstance(value, list) else [value]
        if not all(_person(v) is None for v in values):
            return ()  # reported by _credit_authors
        for v in values:
            if isinstance(v, str) and "<" in v and not _EMAIL_FORM.match(v.strip()):
                report.warning(file, key, f"{v!r}: a person is 'Full Name' or "
                               "'Full Name <email>'")
        return tuple(person(v) for v in values)
    roles = {role: people(f"credits.{role}", raw[role]) for role in _CREDIT_KEYS
             if role != "translators" and raw.get(role) is not None}
    translators = raw.get("translators")
    by_language = {str(language): people(f"credits.translators.{language}", who)
                   for language, who in translators.items() if who is not None} \
        if isinstance(translators, dict) else {}
    return {k: v for k, v in roles.items() if v}, {k: v for k, v in by_language.items() if v}


def _keywords(value: Any) -> tuple[str, ...]:
    """problem.yaml `keywords`: a string is space-separated words (as legacy says), a list
    (2023-07) holds whole keywords, which may have spaces ("dynamic programming")."""
    if isinstance(value, str):
        return tuple(value.split())
    return tuple(" ".join(str(item).split()) for item in value or () if str(item).strip())


def _types(good: dict[str, Any], file: Path, report: Report) -> set[str]:
    raw = good.get("type", "pass-fail")
    listed = raw if isinstance(raw, list) else [raw]
    types = set(listed)
    if len(types) < len(listed):
        report.error(file, "type", f"lists a type twice: {raw!r}")
    for a, b in _INCOMPATIBLE:
        if a in types and b in types:
            report.error(file, "type", f"'{a}' and '{b}' cannot be combined")
    if "submit-answer" in types:
        report.warning(file, "type", "Podium cannot judge submit-answer problems")
    return types


def _legacy_validation(good: dict[str, Any], types: set[str], file: Path,
                       report: Report) -> bool:
    """Whether legacy `validation:` asks for a custom output validator; adds its interactive
    and multi-pass words to types."""
    words = good.get("validation", "default").split() or ["default"]
    if words[0] not in ("default", "custom"):
        report.error(file, "validation", f"must start with 'default' or 'custom', not "
                     f"{words[0]!r}")
        return False
    if words[0] == "default" and len(words) > 1:
        report.error(file, "validation", f"'default' takes no more words, not {words[1:]}")
    for word in words[1:] if words[0] == "custom" else ():
        if word not in ("interactive", "score", "multi-pass"):
            report.error(file, "validation", f"unknown word {word!r} (custom may be followed "
                         "by interactive and score)")
        elif word == "multi-pass":
            report.warning(file, "validation", "'multi-pass' is not a word of the legacy "
                           "format, and problemtools refuses it: Podium reads it as in 2023-07")
            types.add("multi-pass")
        elif word == "interactive":
            types.add("interactive")
        elif word == "score" and "scoring" not in types:
            report.warning(file, "validation", "'score' is only for scoring problems")
    return words[0] == "custom"


def _credit_authors(good: dict[str, Any], file: Path, report: Report) -> Any:
    credits = good["credits"]
    if isinstance(credits, str):
        return credits
    if not isinstance(credits, dict):
        report.error(file, "credits", f"must be a string or a mapping, not {credits!r}")
        return None
    persons = _one_or_more(_person, "a person (a string, or a map with name)")
    schema: dict[str, Check] = {key: persons for key in _CREDIT_KEYS}
    schema["translators"] = mapping
    good_credits = check_mapping(credits, schema, file, "credits", report)
    for language, translators in good_credits.get("translators", {}).items():
        wrong = persons(translators)
        if wrong:
            report.error(file, f"credits.translators.{language}", wrong)
    return good_credits.get("authors")


def _check_archive_keys(good: dict[str, Any], version: str, authors: Any, file: Path,
                        report: Report) -> None:
    """Licence, rights owner and uuid: warnings, since judging does not need them."""
    license_ = good.get("license", "unknown")
    if license_ == "public domain" and good.get("rights_owner"):
        report.warning(file, "rights_owner", "must not be set for a public-domain problem")
    elif license_ not in ("unknown", "public domain") and not (
            good.get("rights_owner") or authors or good.get("source")):
        report.warning(file, "rights_owner", f"license {license_!r} needs a rights owner: "
                       "rights_owner, an author or a source")
    if "uuid" in good:
        try:
            uuid_module.UUID(good["uuid"])
        except ValueError:
            report.warning(file, "uuid", f"not a UUID: {good['uuid']!r}")
    elif version == V2023:
        report.warning(file, "uuid", "missing (the 2023-07 format requires one)")
    if version == V2023 and "name" not in good:
        report.warning(file, "name", "missing (the 2023-07 format requires one)")


def _yaml_names(raw: Any, version: str) -> tuple[dict[str, str], str | None]:
    if raw is None:
        return {}, None
    if isinstance(raw, str):
        return ({}, raw) if version == LEGACY else ({"en": raw}, None)
    return {str(k): v for k, v in raw.items()}, None


_PLAIN_NAME = re.compile(r"^%%\s*plainproblemname:(.*)$", re.MULTILINE)
_TEX_NAME = re.compile(r"\\problemname\{(.*)\}")


def problem_names(meta: Metadata, statements: dict[str, Path]) -> dict[str, str]:
    """Names per language: problem.yaml's; a legacy plain name belongs to the statements'
    only language (else English); legacy LaTeX statements name the languages left over."""
    names = dict(meta.names)
    if meta.open_name is not None:
        only = list(statements) if len(statements) == 1 else ["en"]
        names.setdefault(only[0], meta.open_name)
    if meta.version == LEGACY:
        for language, statement in statements.items():
            if language in names or statement.suffix != ".tex":
                continue
            try:
                source = statement.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            hit = _PLAIN_NAME.search(source) or _TEX_NAME.search(source)
            if hit and hit.group(1).strip():
                names[language] = hit.group(1).strip()
    return names
