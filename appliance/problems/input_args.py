"""Arguments for validators per test case, from the nearest group configuration.

Legacy `testdata.yaml` says `input_validator_flags`, 2023-07 says `input_validator_args`
(in `test_group.yaml` or a test's own `<test>.yaml`). The value is a string or list for
every input validator, or a map from a validator's name to its arguments. The validation
cases of `data/invalid_input`, `invalid_output` and `valid_output` take theirs the same way
(and the output ones `output_validator_args`). The keys are checked by `package_data`; this
only collects them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from appliance.problems.constants import Constants, substitute
from appliance.problems.data import CONFIG_FILES
from appliance.problems.yaml_files import parse_yaml, words

KEYS = ("input_validator_args", "input_validator_flags")
OUTPUT_KEYS = ("output_validator_args",)
Args = dict[str, tuple[str, ...]]  # validator name ("" for all) -> arguments


def input_validator_args(package: Path, test_names: list[str],
                         constants: Constants | None = None) -> dict[str, Args]:
    """For each test that has any, the input validator arguments that apply to it
    (`{{name}}` in a test_group.yaml replaced by problem.yaml's constants)."""
    data = package / "data"
    found: dict[str, Args] = {}
    cache: dict[Path, Args | None] = {}

    def read(path: Path) -> Args | None:
        if path not in cache:
            cache[path] = _read(path, constants if path.name in CONFIG_FILES else None)
        return cache[path]

    for name in test_names:
        own = read(data / f"{name}.yaml")
        folder = (data / name).parent
        while own is None and folder != data.parent:
            own = next((a for a in (read(folder / c) for c in CONFIG_FILES) if a is not None),
                       None)
            folder = folder.parent
        if own:
            found[name] = own
    return found


def output_validator_args(package: Path, test_names: list[str],
                          constants: Constants | None = None) -> dict[str, tuple[str, ...]]:
    """For each validation case (data/invalid_output/, data/valid_output/) that has any, the
    output validator arguments its own `.yaml` or its folder's test_group.yaml gives (the
    format reads them there for these cases, as for test cases)."""
    data = package / "data"
    found: dict[str, tuple[str, ...]] = {}
    for name in test_names:
        own = _read(data / f"{name}.yaml", None, OUTPUT_KEYS)
        folder = (data / name).parent
        while own is None and folder != data:
            own = next((a for a in (_read(folder / c, constants, OUTPUT_KEYS)
                                    for c in CONFIG_FILES) if a is not None), None)
            folder = folder.parent
        if own is not None:
            found[name] = own.get("", ())
    return found


def args_for(per_test: dict[str, Args], test: str, validator: str) -> tuple[str, ...]:
    """The arguments one input validator gets on one test."""
    args = per_test.get(test, {})
    return args.get(validator, args.get("", ()))


def _read(path: Path, constants: Constants | None,
          keys: tuple[str, ...] = KEYS) -> Args | None:
    if not path.is_file():
        return None
    try:
        config: Any = parse_yaml(substitute(path.read_text(encoding="utf-8"), constants or {}))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None  # package_data reports broken files
    if not isinstance(config, dict):
        return None
    value = next((config[k] for k in keys if k in config), None)
    if value is None:
        return None
    if isinstance(value, dict):
        return {str(k): words(v) for k, v in value.items() if isinstance(v, str | list)}
    if isinstance(value, str | list):
        return {"": words(value)}
    return None
