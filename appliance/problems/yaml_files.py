"""Read a package's YAML files safely, and check their keys against a table of allowed types.

PyYAML reads YAML 1.1, which has two pitfalls for package files: an unquoted `1:30` is a
base-60 integer (90), and keys such as `no` (Norwegian) or `on` become booleans. Here a
scalar with a colon stays the text it was written as, mapping keys are always their text,
and a key given twice is an error instead of the last one silently winning.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import yaml

from appliance.problems.report import Report

Check = Callable[[Any], "str | None"]  # a value -> what is wrong with it, or None


class _Loader(yaml.SafeLoader):
    """SafeLoader without base-60 numbers, with text keys and no duplicate keys."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        merged = any(k.tag == "tag:yaml.org,2002:merge" for k, _ in node.value)
        self.flatten_mapping(node)
        mapping: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise yaml.constructor.ConstructorError(
                    None, None, "a key must be a plain word", key_node.start_mark)
            key = key_node.value
            if key in mapping and not merged:
                raise yaml.constructor.ConstructorError(
                    None, None, f"key '{key}' is given twice", key_node.start_mark)
            mapping[key] = self.construct_object(value_node, deep=deep)
        return mapping


def _number_or_text(construct: Callable[[yaml.SafeLoader, yaml.Node], Any]) -> Callable:
    def build(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
        if ":" in node.value:  # YAML 1.1 base 60: `1:30` would be 90
            return loader.construct_scalar(node)
        return construct(loader, node)
    return build


_Loader.add_constructor("tag:yaml.org,2002:int",
                        _number_or_text(yaml.SafeLoader.construct_yaml_int))
_Loader.add_constructor("tag:yaml.org,2002:float",
                        _number_or_text(yaml.SafeLoader.construct_yaml_float))


def parse_yaml(text: str) -> Any:
    """Parse YAML text with the package rules above; raises yaml.YAMLError."""
    return yaml.load(text, Loader=_Loader)  # _Loader is a SafeLoader: no arbitrary objects


def load_yaml(path: Path, report: Report) -> dict[str, Any] | None:
    """The mapping in a YAML file ({} if empty), or None after reporting why there is none."""
    try:
        data = parse_yaml(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        report.error(path, "", f"not valid YAML: {first}")
        return None
    if data is None:
        return {}
    if not isinstance(data, dict):
        report.error(path, "", "must be a mapping of keys to values")
        return None
    return data


def check_mapping(data: Mapping[str, Any], schema: Mapping[str, Check], file: Path,
                  prefix: str, report: Report, foreign: Mapping[str, Check] | None = None,
                  notes: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Report unknown keys and wrong values; return the keys whose values are right.

    `foreign` keys belong to the other format version: they are read (checked against their
    own rule) with a warning built from `notes`, since real packages mix the versions."""
    good: dict[str, Any] = {}
    for key, value in data.items():
        full = f"{prefix}.{key}" if prefix else key
        check = schema.get(key) or (foreign or {}).get(key)
        if check is None:
            report.error(file, prefix, f"unknown key '{full}'")
            continue
        wrong = check(value)
        if wrong:
            report.error(file, full, wrong)
            continue
        good[key] = value
        if key not in schema:
            report.warning(file, full, (notes or {}).get(key, "a key of the other format "
                                                               "version: read all the same"))
    return good


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) \
        and math.isfinite(value)


def text(value: Any) -> str | None:
    return None if isinstance(value, str) else f"must be a string, not {value!r}"


def boolean(value: Any) -> str | None:
    return None if isinstance(value, bool) else f"must be true or false, not {value!r}"


def mapping(value: Any) -> str | None:
    return None if isinstance(value, dict) else f"must be a mapping, not {value!r}"


def anything(value: Any) -> str | None:
    return None


def number(value: Any) -> str | None:
    return None if _is_number(value) else f"must be a number, not {value!r}"


def at_least(low: float, *, above: bool = False, whole: bool = False) -> Check:
    """A number >= low (> low if above), an integer if whole."""
    kind = "integer" if whole else "number"
    what = f"a positive {kind}" if above and low == 0 else \
        f"{'an' if whole else 'a'} {kind} {'>' if above else '>='} {low:g}"

    def check(value: Any) -> str | None:
        ok = _is_number(value) and (value > low if above else value >= low)
        if ok and (not whole or float(value).is_integer()):
            return None
        return f"must be {what}, not {value!r}"
    return check


def one_of(*choices: str) -> Check:
    def check(value: Any) -> str | None:
        if value in choices:
            return None
        return f"must be one of {', '.join(repr(c) for c in choices)}, not {value!r}"
    return check


def text_or_list(value: Any) -> str | None:
    """A string of words, or a list of words (numbers allowed: YAML reads 0.5 as one)."""
    if isinstance(value, str):
        return None
    if isinstance(value, list) and all(isinstance(v, str) or _is_number(v) for v in value):
        return None
    return f"must be a string or a list of strings, not {value!r}"


def words(value: str | list) -> tuple[str, ...]:
    """The words of a value that passed `text_or_list`."""
    if isinstance(value, str):
        return tuple(value.split())
    return tuple(v if isinstance(v, str) else repr(v) for v in value)
