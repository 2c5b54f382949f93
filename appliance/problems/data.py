"""Read a package's test data: test cases in problemtools' order, and each test's validator flags.

`data/sample` and `data/secret` are walked folder by folder, each folder's entries in
lexicographic order of their names (a test counting as its `.ans` file, as problemtools
sorts), so groups and test cases interleave the way problemtools runs them.

Output validator arguments: legacy problem.yaml `validator_flags`, followed by those of the
nearest group configuration at or above the test (`testdata.yaml`, or `test_group.yaml` as
later 2023-07 drafts call it; key `output_validator_flags` legacy, `output_validator_args`
2023-07, a string or a list), or of the test's own `<test>.yaml` (2023-07). For the default
validator they are parsed into `Flags`; a later tolerance overrides an earlier one, as when
the validator reads the concatenated argument list.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from appliance.problems.constants import substitute
from appliance.problems.meta import Metadata
from appliance.problems.report import LEGACY, V2025, Report
from appliance.problems.yaml_files import (
    Check,
    anything,
    at_least,
    boolean,
    check_mapping,
    load_yaml,
    mapping,
    number,
    one_of,
    text,
    text_or_list,
    words,
)
from judge.judging import TestCase
from judge.validators.default import FlagError, Flags, parse_flags

CONFIG_FILES = ("testdata.yaml", "test_group.yaml")
_CHECKING_FOLDERS = ("invalid_input", "invalid_output", "valid_output")  # 2023-07, not tests


def validation_cases(package: Path, folder: str) -> tuple[TestCase, ...]:
    """The cases of one of data/invalid_input, invalid_output, valid_output (2023-07 on),
    by name in order: input and answer; an output case's `.out` lies beside its `.in`.
    They check the validators and are never used to judge."""
    root = package / "data" / folder
    if not root.is_dir():
        return ()
    return tuple(TestCase(path.relative_to(package / "data").with_suffix("").as_posix(), path,
                          path.with_suffix(".ans"))
                 for path in sorted(root.rglob("*.in")) if path.is_file())


def validation_names(package: Path, version: str) -> list[str]:
    """The names of every validation case (none in a legacy package)."""
    if version == LEGACY:
        return []
    return [c.name for folder in _CHECKING_FOLDERS for c in validation_cases(package, folder)]


def _legacy_flags(value: Any) -> str | None:
    """Legacy: a string, or a map with `name` (of a validator) and `flags`."""
    if isinstance(value, str) or (isinstance(value, dict) and set(value) <= {"name", "flags"}
                                  and isinstance(value.get("flags", ""), str)):
        return None
    return f"must be a string, or a map with name and flags, not {value!r}"


def _text_list_or_map(value: Any) -> str | None:
    return None if isinstance(value, dict) else text_or_list(value)


_LEGACY_GROUP_KEYS: dict[str, Check] = {
    "on_reject": one_of("break", "continue"), "grading": one_of("default", "custom"),
    "grader_flags": text, "input_validator_flags": _text_list_or_map,
    "output_validator_flags": _legacy_flags, "accept_score": number, "reject_score": number,
    "range": text,
}
def _per_validator(value: Any) -> str | None:
    """2025-09 `input_validator_args`: arguments for every input validator, or a map from a
    validator's name to its own."""
    if isinstance(value, dict):
        wrong = [name for name, args in value.items() if text_or_list(args)]
        return None if not wrong else \
            f"must map each input validator to a list of strings, not {value!r}"
    return text_or_list(value)


def _number_or(word: str) -> Check:
    whole = at_least(0, whole=True)

    def check(value: Any) -> str | None:
        return None if value == word or whole(value) is None else \
            f"must be a non-negative integer or '{word}', not {value!r}"
    return check


_TEST_KEYS: dict[str, Check] = {
    "args": text_or_list, "input_validator_args": _text_list_or_map,
    "output_validator_args": text_or_list, "full_feedback": boolean, "hint": text,
    "description": text, "input_visualizer_args": text_or_list,
    "output_visualizer_args": text_or_list,
}
_V2023_GROUP_KEYS: dict[str, Check] = {
    **_TEST_KEYS, "scoring": mapping, "static_validation": anything, "run_samples": boolean,
    "grading": mapping, "input_validator_flags": _text_list_or_map,
    "output_validator_flags": text_or_list,
}
# 2025-09: a test case's own <test>.yaml, and test_group.yaml (scoring keys at its top)
_V2025_TEST_KEYS: dict[str, Check] = {**_TEST_KEYS, "input_validator_args": _per_validator}
_V2025_GROUP_KEYS: dict[str, Check] = {
    **{k: v for k, v in _V2025_TEST_KEYS.items() if k not in ("hint", "description")},
    "max_score": _number_or("unbounded"),
    "score_aggregation": one_of("pass-fail", "sum", "min"),
    "static_validation_score": _number_or("pass-fail"),
    "require_pass": text_or_list, "static_validator_args": text_or_list,
}
_V2025_SCORING_KEYS = ("max_score", "score_aggregation", "require_pass")
_SCORING_ONLY = ("accept_score", "reject_score", "range")


@dataclass(frozen=True)
class _Args:
    """Output validator arguments from one place, and their flags if the default validator
    reads them (None when a custom validator does)."""

    words: tuple[str, ...] = ()
    flags: Flags | None = None


@dataclass(frozen=True)
class TestData:
    """The test cases and how each one's output is validated."""

    __test__ = False  # not a pytest class

    tests: tuple[TestCase, ...]
    flags: Flags
    group_flags: dict[str, Flags]
    validator_args: tuple[str, ...]
    group_validator_args: dict[str, tuple[str, ...]]
    sample_interactions: tuple[Path, ...]


@dataclass
class _Walk:
    package: Path
    meta: Metadata
    default_validator: bool
    report: Report
    base: _Args = field(default_factory=_Args)
    found: list[tuple[TestCase, _Args | None]] = field(default_factory=list)

    @property
    def data(self) -> Path:
        return self.package / "data"


def read_test_data(package: Path, meta: Metadata, custom_validator: bool,
                   report: Report) -> TestData:
    """Walk data/; report missing answers and broken configuration files."""
    walk = _Walk(package, meta, not custom_validator, report)
    walk.base = _parse_args(walk, package / "problem.yaml", "validator_flags",
                            meta.validator_args)
    root = _group_args(walk, walk.data) if walk.data.is_dir() else None
    _top_level(walk, root)
    interactions = _sample_interactions(walk)
    top = _combine(walk.base, root)
    group_flags: dict[str, Flags] = {}
    group_args: dict[str, tuple[str, ...]] = {}
    for test, own in walk.found:
        effective = _combine(walk.base, own)
        if effective.words != top.words:
            group_args[test.name] = effective.words
        if walk.default_validator and effective.flags != top.flags:
            group_flags[test.name] = effective.flags or Flags()
    tests = tuple(test for test, _ in walk.found)
    if not tests and not report.errors:
        report.error(walk.data, "", "no test cases (*.in with *.ans)")
    return TestData(tests, top.flags or Flags(), group_flags, top.words, group_args,
                    interactions)


def _top_level(walk: _Walk, root: _Args | None) -> None:
    if not (walk.data / "secret").is_dir():
        if walk.meta.version == LEGACY and (walk.data / "sample").is_dir():
            # DOMjudge's own example packages (hello) are so: it judges the samples alone
            walk.report.warning(walk.data / "secret", "", "missing: only the samples are judged")
        else:
            walk.report.error(walk.data / "secret", "",
                              "missing (a package needs secret test data)")
    if not (walk.data / "sample").is_dir():
        walk.report.warning(walk.data / "sample", "", "missing: the problem has no samples")
    for entry in _entries(walk.data):
        if entry.name in ("sample", "secret") and entry.is_dir():
            _walk_group(walk, entry, root)
        elif entry.is_dir() and not (walk.meta.version != LEGACY
                                     and entry.name in _CHECKING_FOLDERS):
            walk.report.warning(entry, "", "not sample/ or secret/: ignored")
        elif entry.suffix in (".in", ".ans"):
            walk.report.warning(entry, "", "test data outside sample/ and secret/: ignored")


def _walk_group(walk: _Walk, folder: Path, inherited: _Args | None) -> None:
    own = _group_args(walk, folder)
    args = own if own is not None else inherited
    before, groups, direct = len(walk.found), 0, 0
    for entry in _entries(folder):
        if entry.is_dir():
            if entry.suffix == ".files":
                walk.report.warning(entry, "", "Podium does not give tests extra files")
            else:
                groups += 1
                _walk_group(walk, entry, args)
        elif entry.suffix == ".in":
            direct += 1
            _test_case(walk, entry, args)
        elif entry.suffix == ".ans" and not entry.with_suffix(".in").is_file():
            walk.report.warning(entry, "", f"has no input file {entry.with_suffix('.in').name}")
    if len(walk.found) == before and not (folder.name == "sample"
                                          and any(folder.glob("*.interaction"))):
        walk.report.warning(folder, "", "test group without test cases")
    if folder == walk.data / "secret" and groups and direct and walk.meta.version != LEGACY:
        walk.report.warning(folder, "", "holds both test cases and test groups (2023-07 "
                            "allows one or the other)")


def _test_case(walk: _Walk, infile: Path, args: _Args | None) -> None:
    answer = infile.with_suffix(".ans")
    if not answer.is_file():
        walk.report.error(infile, "", f"has no answer file {answer.name}")
        return
    config = infile.with_suffix(".yaml")
    if walk.meta.version != LEGACY and config.is_file():
        own = _config_args(walk, config,
                           _V2025_TEST_KEYS if walk.meta.version == V2025 else _TEST_KEYS)
        args = own if own is not None else args
    name = infile.relative_to(walk.data).with_suffix("").as_posix()
    walk.found.append((TestCase(name=name, input=infile, answer=answer), args))


def _group_args(walk: _Walk, folder: Path) -> _Args | None:
    """The output validator arguments a group's configuration file sets, if it sets any."""
    present = [folder / name for name in CONFIG_FILES if (folder / name).is_file()]
    if len(present) > 1:
        walk.report.error(present[1], "", f"both {CONFIG_FILES[0]} and {CONFIG_FILES[1]}: "
                          "keep one")
    if not present:
        return None
    own, other = (_LEGACY_GROUP_KEYS, _V2023_GROUP_KEYS) if walk.meta.version == LEGACY \
        else (_V2025_GROUP_KEYS, {**_LEGACY_GROUP_KEYS, **_V2023_GROUP_KEYS}) \
        if walk.meta.version == V2025 else (_V2023_GROUP_KEYS, _LEGACY_GROUP_KEYS)
    if not walk.meta.known:  # problem.yaml is broken: the version is a guess, take either
        own = {**other, **own}
    return _config_args(walk, present[0], own, other)


def _config_args(walk: _Walk, file: Path, schema: dict[str, Check],
                 other: dict[str, Check] | None = None) -> _Args | None:
    """Check a group's or a test's configuration file; return the arguments it sets."""
    constants = walk.meta.constants if file.name in CONFIG_FILES else {}
    data = load_yaml(file, walk.report, lambda text: substitute(text, constants))
    if not data:
        return None
    this = walk.meta.version
    that = {LEGACY: "the 2023-07", V2025: "an older"}.get(this, "the legacy")
    foreign = {k: v for k, v in (other or {}).items() if k not in schema}
    notes = {k: f"a key of {that} format in a {this} package: read all the same"
             for k in foreign}
    good = check_mapping(data, schema, file, "", walk.report, foreign, notes)
    if walk.meta.version == V2025:
        _check_2025_group(walk, file, good)
    if walk.meta.version == LEGACY and not walk.meta.scoring:
        for key in _SCORING_ONLY:
            if key in good:
                walk.report.warning(file, key, "only used by scoring problems")
    if good.get("args"):
        walk.report.warning(file, "args", "Podium does not pass arguments to submissions")
    keys = [k for k in ("output_validator_flags", "output_validator_args") if k in good]
    if len(keys) == 2:
        walk.report.error(file, keys[1], "give output_validator_args or "
                          "output_validator_flags, not both")
    if len(keys) != 1:
        return None
    key = keys[0]
    if walk.meta.version != LEGACY and key == "output_validator_flags":
        walk.report.warning(file, key, "renamed output_validator_args in 2023-07")
    value = good[key]
    if isinstance(value, dict):
        if "name" in value:
            walk.report.warning(file, key, f"names validator {value['name']!r}, but Podium uses "
                                "the package's one output validator")
        value = value.get("flags", "")
    return _parse_args(walk, file, key, words(value))


def _check_2025_group(walk: _Walk, file: Path, good: dict[str, Any]) -> None:
    """What 2025-09 says of where test_group.yaml's scoring keys may stand."""
    for key in _V2025_SCORING_KEYS:
        if key in good and not walk.meta.scoring:
            walk.report.warning(file, key, "only for scoring problems: ignored")
        elif key in good and file.parent == walk.data / "sample":
            walk.report.warning(file, key, "not permitted in data/sample: ignored")
    if "static_validator_args" in good and "static_validation_score" not in good:
        walk.report.error(file, "static_validator_args", "given without "
                          "static_validation_score")
    if "static_validation_score" in good and not (walk.package / "static_validator").exists():
        walk.report.error(file, "static_validation_score", "a static validation test case, "
                          "but the package has no static_validator/")


def _parse_args(walk: _Walk, file: Path, key: str, args: tuple[str, ...]) -> _Args:
    if not walk.default_validator:
        return _Args(args)
    try:
        return _Args(args, parse_flags(list(args)))
    except FlagError as exc:
        walk.report.error(file, key, str(exc))
        return _Args(args, Flags())


def _combine(base: _Args, group: _Args | None) -> _Args:
    """problem.yaml's arguments followed by a group's: booleans add up, tolerances override."""
    if group is None:
        return base
    if base.flags is None or group.flags is None:
        return _Args(base.words + group.words)
    a, b = base.flags, group.flags
    both = Flags(
        case_sensitive=a.case_sensitive or b.case_sensitive,
        space_change_sensitive=a.space_change_sensitive or b.space_change_sensitive,
        float_absolute_tolerance=b.float_absolute_tolerance
        if b.float_absolute_tolerance is not None else a.float_absolute_tolerance,
        float_relative_tolerance=b.float_relative_tolerance
        if b.float_relative_tolerance is not None else a.float_relative_tolerance)
    return _Args(base.words + group.words, both)


def _sample_interactions(walk: _Walk) -> tuple[Path, ...]:
    found = tuple(sorted((walk.data / "sample").glob("*.interaction")))
    if found and not (walk.meta.interactive or walk.meta.multi_pass):
        walk.report.warning(found[0], "", "an interaction sample, but the problem is neither "
                            "interactive nor multi-pass")
    return found


def _entries(folder: Path) -> list[Path]:
    """A folder's entries in problemtools' order; hidden ones skipped."""
    if not folder.is_dir():
        return []

    def key(entry: Path) -> str:
        return entry.stem + ".ans" if entry.suffix == ".in" else entry.name
    return sorted((e for e in folder.iterdir() if not e.name.startswith(".")), key=key)
