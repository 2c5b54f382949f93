"""Read a package's YAML files safely, and check their keys against a table of allowed types.

PyYAML reads YAML 1.1, which has two pitfalls for package files: an unquoted `1:30` is a
base-60 integer (90), and keys such as `no` (Norwegian) or `on` become booleans. Here a
scalar with a colon stays the text it was written as, mapping keys are always their text,
and a key given twice is an error instead of the last one silently winning.
"""

from __future__ import annotations

import math
import reprlib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import yaml

from appliance.problems.report import Report

Check = Callable[[Any], "str | None"]  # a value -> what is wrong with it, or None


MAX_CHARACTERS = 1024 * 1024  # of one YAML file: a package's YAML files are small
MAX_ALIASES = 100  # `*name` references in one file
MAX_EXPANDED = 2 * MAX_CHARACTERS  # nodes and scalar characters, every alias expanded
MAX_DEPTH = 64  # nested mappings and lists
_SHOWN = reprlib.Repr()
_SHOWN.maxstring = _SHOWN.maxother = 60
_SHOWN.maxlevel = 3


def shown(value: Any) -> str:
    """A value as an error message shows it: its repr, cut short (a value from a hostile
    file may be huge)."""
    return _SHOWN.repr(value)


class _Loader(yaml.SafeLoader):
    """SafeLoader without base-60 numbers, with text keys and no duplicate keys, and with
    bounds: a few aliases, a document that stays small once they are expanded, a shallow
    nesting (an alias bomb of 652 bytes would otherwise expand to gigabytes wherever the
    value is walked or shown)."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._aliases = self._depth = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node:
        if self.check_event(yaml.AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_ALIASES:
                raise yaml.composer.ComposerError(
                    None, None, f"more than {MAX_ALIASES} aliases", self.peek_event().start_mark)
            return super().compose_node(parent, index)
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise yaml.composer.ComposerError(
                    None, None, f"nested more than {MAX_DEPTH} deep",
                    self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_document(self, node: yaml.Node) -> Any:
        _check_expanded(node)
        return super().construct_document(node)

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


def _check_expanded(root: yaml.Node) -> None:
    """Refuse a document whose size, every alias expanded, passes MAX_EXPANDED, or that
    holds itself (an alias inside its own anchor)."""
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()

    def size(node: yaml.Node) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in open_nodes:
            raise yaml.composer.ComposerError(None, None, "an alias inside its own anchor",
                                              node.start_mark)
        open_nodes.add(key)
        if isinstance(node, yaml.ScalarNode):
            total = 1 + len(node.value)
        else:
            children = (child for pair in node.value for child in pair) \
                if isinstance(node, yaml.MappingNode) else iter(node.value)
            total = 1
            for child in children:
                total += size(child)
                if total > MAX_EXPANDED:
                    raise yaml.composer.ComposerError(
                        None, None, f"expands to more than {MAX_EXPANDED:,} nodes and "
                        "characters (aliases used as a bomb?)", node.start_mark)
        open_nodes.discard(key)
        sizes[key] = total
        return total

    size(root)


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
    """Parse YAML text with the package rules and bounds above; raises yaml.YAMLError.
    Every YAML file Podium reads (problem, contest, test group, function) comes here."""
    if len(text) > MAX_CHARACTERS:
        raise yaml.YAMLError(f"{len(text):,} characters; a YAML file may hold at most "
                             f"{MAX_CHARACTERS:,}")
    return yaml.load(text, Loader=_Loader)  # _Loader is a SafeLoader: no arbitrary objects


def load_yaml(path: Path, report: Report,
              rewrite: Callable[[str], str] | None = None) -> dict[str, Any] | None:
    """The mapping in a YAML file ({} if empty), or None after reporting why there is none.
    `rewrite` changes the text before it is parsed (constants in test_group.yaml)."""
    try:
        text = path.read_text(encoding="utf-8")
        data = parse_yaml(rewrite(text) if rewrite else text)
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
    own rule) with a warning built from `notes`, since real packages mix the versions. A key
    left empty (`source_url:`, YAML's null) is taken as absent: real packages often keep
    optional keys that way."""
    good: dict[str, Any] = {}
    for key, value in data.items():
        if value is None:
            continue
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
    return None if isinstance(value, str) else f"must be a string, not {shown(value)}"


def boolean(value: Any) -> str | None:
    return None if isinstance(value, bool) else f"must be true or false, not {shown(value)}"


def mapping(value: Any) -> str | None:
    return None if isinstance(value, dict) else f"must be a mapping, not {shown(value)}"


def anything(value: Any) -> str | None:
    return None


def number(value: Any) -> str | None:
    return None if _is_number(value) else f"must be a number, not {shown(value)}"


def at_least(low: float, *, above: bool = False, whole: bool = False) -> Check:
    """A number >= low (> low if above), an integer if whole."""
    kind = "integer" if whole else "number"
    what = f"a positive {kind}" if above and low == 0 else \
        f"{'an' if whole else 'a'} {kind} {'>' if above else '>='} {low:g}"

    def check(value: Any) -> str | None:
        ok = _is_number(value) and (value > low if above else value >= low)
        if ok and (not whole or float(value).is_integer()):
            return None
        return f"must be {what}, not {shown(value)}"
    return check


def one_of(*choices: str) -> Check:
    def check(value: Any) -> str | None:
        if value in choices:
            return None
        return f"must be one of {', '.join(repr(c) for c in choices)}, not {shown(value)}"
    return check


def text_or_list(value: Any) -> str | None:
    """A string of words, or a list of words (numbers allowed: YAML reads 0.5 as one)."""
    if isinstance(value, str):
        return None
    if isinstance(value, list) and all(isinstance(v, str) or _is_number(v) for v in value):
        return None
    return f"must be a string or a list of strings, not {shown(value)}"


def words(value: str | list) -> tuple[str, ...]:
    """The words of a value that passed `text_or_list`."""
    if isinstance(value, str):
        return tuple(value.split())
    return tuple(v if isinstance(v, str) else repr(v) for v in value)
