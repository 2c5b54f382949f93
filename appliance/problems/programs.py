"""Find a package's statements and programs: output and input validators, judges' submissions.

Folder names differ by format version: `problem_statement/` and `output_validators/`
(legacy) against `statement/` and `output_validator/` (2023-07). A package that uses the
other version's folder is read anyway, with a warning (problemtools only warns and looks
in its own). A program is a file, or a folder holding one program's sources.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from appliance.problems.expectations import (
    VERDICTS,
    Expectations,
    expectations_for,
    read_submissions_yaml,
)
from appliance.problems.meta import Metadata
from appliance.problems.report import LEGACY, V2023, V2025, Report
from judge.verdicts import Verdict

_STATEMENT = re.compile(r"^problem(?:\.([a-z]{2,3}(?:-[A-Z]{2})?))?\.(md|tex|pdf)$")
_STATEMENT_PREFERENCE = (".md", ".tex", ".pdf")  # when one language has several
_STATEMENT_FOLDERS = {LEGACY: "problem_statement", V2023: "statement", V2025: "statement"}
_VALIDATOR_FOLDERS = {LEGACY: "output_validators", V2023: "output_validator",
                      V2025: "output_validator"}


@dataclass(frozen=True)
class PackageSubmission:
    """A judges' submission: a file or a folder (several files), and the outcomes its
    folder under submissions/ allows, as CLICS judgement type ids."""

    path: Path
    expected: str  # the folder name, e.g. "time_limit_exceeded"
    accepted_verdicts: frozenset[str]
    # 2025-09: the rules submissions.yaml and the folder's default set (None: the folder's
    # verdicts above, as legacy and 2023-07 packages say)
    expectations: Expectations | None = None


def _ids(*verdicts: Verdict) -> frozenset[str]:
    return frozenset(v.value for v in verdicts)


# The package format has four outcomes (AC, WA, TLE, RTE); a program that runs out of memory
# crashes, so problemtools calls it RTE where Podium says MLE.
_CRASH = (Verdict.RTE, Verdict.MLE)
# Scoring problems: some score but not all; verify checks the score, not a verdict.
_PARTIAL = _ids(Verdict.AC, Verdict.WA, Verdict.TLE, *_CRASH)
_SHARED_FOLDERS = {
    "accepted": _ids(Verdict.AC),
    "wrong_answer": _ids(Verdict.WA),
    "time_limit_exceeded": _ids(Verdict.TLE),
    "run_time_error": _ids(*_CRASH),
    # Podium's own, for its finer verdicts (not folders of the format):
    "memory_limit_exceeded": _ids(Verdict.MLE),
    "output_limit_exceeded": _ids(Verdict.OLE),
    "compile_error": _ids(Verdict.CE),
}
SUBMISSION_FOLDERS = {
    LEGACY: {**_SHARED_FOLDERS, "partially_accepted": _PARTIAL},
    V2023: {**_SHARED_FOLDERS,
            "rejected": _ids(Verdict.WA, Verdict.TLE, Verdict.OLE, *_CRASH),
            # never wrong, but too slow or crashing: permitted AC, RTE, TLE; required RTE, TLE
            "brute_force": _ids(Verdict.TLE, *_CRASH),
            "partially_accepted": _PARTIAL},
}
SUBMISSION_FOLDERS[V2025] = SUBMISSION_FOLDERS[V2023]


def _entries(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(e for e in folder.iterdir() if not e.name.startswith("."))


def _folder(package: Path, names: dict[str, str], version: str, what: str,
            report: Report) -> Path | None:
    """This version's folder for `what`, else the other version's (with a warning)."""
    own = package / names[version]
    other = package / next(name for v, name in names.items() if v != version)
    if other.is_dir():
        use = "ignored" if own.is_dir() else "read instead"
        report.warning(other, "", f"a {version} package keeps {what} in {own.name}/: {use}")
    if own.is_dir():
        return own
    return other if other.is_dir() else None


def read_statements(package: Path, version: str, report: Report) -> dict[str, Path]:
    """Statement files by language: problem.<lang>.md|tex|pdf; problem.tex is English."""
    folder = _folder(package, _STATEMENT_FOLDERS, version, "statements", report)
    found: dict[str, list[Path]] = {}
    for file in _entries(folder) if folder else []:
        match = _STATEMENT.match(file.name)
        if not match or not file.is_file():
            continue
        if match.group(1) is None and version != LEGACY:
            report.warning(file, "", "needs a language code in 2023-07 (problem.en.*): read "
                           "as English")
        if file.suffix == ".md" and version == LEGACY:
            report.warning(file, "", "Markdown statements are a 2023-07 feature")
        found.setdefault(match.group(1) or "en", []).append(file)
    if not found:
        report.warning(package / _STATEMENT_FOLDERS[version], "",
                       "no problem statement (problem.<language>.md, .tex or .pdf)")
    statements = {}
    for language, files in sorted(found.items()):
        files.sort(key=lambda f: _STATEMENT_PREFERENCE.index(f.suffix))
        if len(files) > 1:
            report.warning(files[1], "", f"a second statement in language {language}: "
                           f"{files[0].name} is used")
        statements[language] = files[0]
    return statements


def read_output_validator(package: Path, meta: Metadata, report: Report) -> Path | None:
    """The custom output validator's file or folder, or None for the default validator.

    Legacy `validation:` decides whether there is one; in 2023-07 its folder does."""
    own = _VALIDATOR_FOLDERS[meta.version]
    folder = _folder(package, _VALIDATOR_FOLDERS, meta.version, "its output validator",
                     report)
    program = _validator_program(folder, report) if folder else None
    problem_yaml = package / "problem.yaml"
    if meta.custom_validation is not None and meta.known:
        if meta.custom_validation and program is None:
            report.error(problem_yaml, "validation", f"'custom', but {own}/ holds no "
                         "validator")
            return None
        if not meta.custom_validation and program is not None:
            report.warning(program, "", "problem.yaml says validation: default, so this "
                           "validator is not used")
            return None
    needs = [t for t, on in (("interactive", meta.interactive),
                             ("multi-pass", meta.multi_pass)) if on]
    if needs and program is None and meta.custom_validation is None:
        article = "an" if needs[0][0] in "aeiou" else "a"
        report.error(problem_yaml, "type", f"{article} {needs[0]} problem needs a custom "
                     f"output validator in {own}/")
    return program


def read_static_validator(package: Path, meta: Metadata, report: Report) -> Path | None:
    """2025-09 static_validator/: one program (a file, or a folder of sources or with
    build/run scripts) run on each submission's files; none for submit-answer problems."""
    folder = package / "static_validator"
    entries = _entries(folder)
    if not folder.exists():
        return None
    if not meta.v2025:
        report.warning(folder, "", "a 2025-09 folder in an older package: ignored")
        return None
    if not entries:
        report.warning(folder, "", "empty: there is no static validator")
        return None
    if meta.submit_answer:
        report.error(folder, "", "a submit-answer problem cannot have a static validator")
        return None
    return folder


def _validator_program(folder: Path, report: Report) -> Path | None:
    """output_validator/ is one program; legacy output_validators/ holds one file, one
    folder, or the source files of one program."""
    entries = _entries(folder)
    if not entries or folder.name == _VALIDATOR_FOLDERS[V2023]:
        return folder if entries else None
    if len(entries) == 1:
        return entries[0]
    folders = [e for e in entries if e.is_dir()]
    if folders:
        report.warning(folder, "", f"several programs: Podium uses {folders[0].name} (the "
                       "format has dropped multiple output validators)")
        return folders[0]
    return folder


def read_input_validators(package: Path, version: str, report: Report) -> tuple[Path, ...]:
    """Every input validator program (file or folder), in name order."""
    programs: list[Path] = []
    for name in ("input_validators", "input_format_validators"):
        folder = package / name
        if name == "input_format_validators" and folder.is_dir():
            report.warning(folder, "", "a deprecated name: use input_validators/")
        programs += _entries(folder)
    if not programs:
        report.warning(package / "input_validators", "",
                       "no input validator (the format requires one)")
    return tuple(programs)


def read_includes(package: Path, report: Report) -> dict[str, Path]:
    """include/<language>/ and include/default/ folders by their name: files joined to every
    submission of that language (default: of a language without its own folder)."""
    folders = {}
    for folder in _entries(package / "include"):
        if not folder.is_dir():
            report.warning(folder, "", "not in a language's folder (include/<language>/): "
                           "ignored")
        elif not _entries(folder):
            report.warning(folder, "", "empty: ignored")
        else:
            folders[folder.name] = folder
    return folders


def read_submissions(package: Path, meta: Metadata,
                     report: Report) -> tuple[PackageSubmission, ...]:
    """Judges' submissions under submissions/<expected>/, folder by folder in name order."""
    if meta.v2025:
        return _submissions_2025(package, report)
    folders = SUBMISSION_FOLDERS[meta.version]
    found: list[PackageSubmission] = []
    for folder in _entries(package / "submissions"):
        if folder.name == "submissions.yaml" and meta.version != LEGACY:
            report.warning(folder, "", "not read: Podium applies the folders' default "
                           "expectations")
        elif not folder.is_dir():
            report.warning(folder, "", "not in a folder named by its expected outcome: ignored")
        elif folder.name not in folders:
            report.warning(folder, "", f"unknown expected outcome: ignored (known: "
                           f"{', '.join(sorted(folders))})")
        else:
            found += [PackageSubmission(path, folder.name, folders[folder.name])
                      for path in _entries(folder)]
    if not any(s.expected == "accepted" for s in found):
        report.warning(package / "submissions" / "accepted", "",
                       "no accepted submission (the format requires one)")
    if not meta.scoring and any(s.expected == "partially_accepted" for s in found):
        report.warning(package / "submissions" / "partially_accepted", "",
                       "only for scoring problems")
    return tuple(found)


def _submissions_2025(package: Path, report: Report) -> tuple[PackageSubmission, ...]:
    """2025-09: every program in a direct subfolder of submissions/, with the expectations
    submissions.yaml and the standard folders' defaults give it."""
    entries = read_submissions_yaml(package, report)
    found: list[PackageSubmission] = []
    for folder in _entries(package / "submissions"):
        if folder.name == "submissions.yaml":
            continue
        if not folder.is_dir():
            report.warning(folder, "", "not in a subfolder of submissions/: ignored")
            continue
        for path in _entries(folder):
            expect = expectations_for(f"{folder.name}/{path.name}", entries)
            if not expect.rules:
                report.warning(path, "", "neither a standard folder nor named in "
                               "submissions.yaml: any verdict is accepted")
            permitted = frozenset(VERDICTS).intersection(
                *(r.permitted for r in expect.rules if r.permitted and not r.tests))
            found.append(PackageSubmission(path, folder.name, permitted, expect))
    if not any(s.expectations and s.expectations.lower_bound for s in found):
        report.warning(package / "submissions", "", "no submission bounds the time limit "
                       "from below (an accepted one, say): the format requires one")
    return tuple(found)
