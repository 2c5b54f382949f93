"""Read `function.yaml`: the signature of a function-style problem (LeetCode style).

A package with `function.yaml` beside `problem.yaml` asks contestants for one function, not a
program. The file gives its name, typed parameters and return type:

    name: maxDepth
    parameters:
      - {name: root, type: TreeNode}
    returns: int

Types: `int`, `long`, `double`, `bool`, `string`; `T[]` and `T[][]` of those; `list<T>` of
any of these (lists nest: `list<list<int>>`); `ListNode` and `TreeNode` (int values) as a
whole parameter or return type. Every error is collected, naming the file and the key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from appliance.problems.report import Report
from appliance.problems.yaml_files import load_yaml

FILE = "function.yaml"
SCALARS = ("int", "long", "double", "bool", "string")
NODES = ("ListNode", "TreeNode")
_IDENT = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
# Words some target language reserves (or the harness uses): never a function or parameter name.
RESERVED = frozenset("""
abstract and as assert async await base bool boolean break byte case catch char checked class
const continue crate def default del delegate do double dyn elif else enum event except
explicit extends extern false final finally fixed float fn for foreach from fun func function
global go goto if impl implements import in instanceof int interface internal is lambda len
let lock long loop main map match mod move mut namespace native new nil none nonlocal not
null object operator or out override package params pass private protected pub public raise
range readonly ref return sbyte sealed select self short sizeof stackalloc static string
struct super switch synchronized this throw throws trait true try type typeof uint ulong
unchecked unsafe ushort use using val var virtual void volatile when where while with yield
""".split())


@dataclass(frozen=True)
class Type:
    """One type of the grammar: a scalar, a node, or an array / list of `item`."""

    kind: str  # one of SCALARS or NODES, or "array" or "list"
    item: Type | None = None

    def __str__(self) -> str:
        if self.kind == "array":
            return f"{self.item}[]"
        if self.kind == "list":
            return f"list<{self.item}>"
        return self.kind

    @property
    def is_node(self) -> bool:
        return self.kind in NODES

    def depth(self) -> int:
        """How many arrays or lists wrap the innermost type."""
        return 0 if self.item is None else 1 + self.item.depth()

    def innermost(self) -> Type:
        return self if self.item is None else self.item.innermost()

    def descriptor(self) -> Any:
        """The type as plain data (a scalar name, or [kind, item]) for harnesses to walk."""
        return self.kind if self.item is None else [self.kind, self.item.descriptor()]


@dataclass(frozen=True)
class Parameter:
    name: str
    type: Type


@dataclass(frozen=True)
class FunctionSpec:
    """The function contestants write: its name, parameters (in input order), return type."""

    name: str
    parameters: tuple[Parameter, ...]
    returns: Type

    def types(self) -> tuple[Type, ...]:
        """Every parameter's type, then the return type."""
        return (*(p.type for p in self.parameters), self.returns)

    def uses(self, kind: str) -> bool:
        """Whether any parameter or the result is (or holds) `kind`."""
        return any(t.innermost().kind == kind for t in self.types())


class TypeSyntaxError(ValueError):
    """A type written outside the grammar; the message says what is wrong."""


def parse_type(text: str) -> Type:
    """A type from its text (`int[][]`, `list<list<string>>`, `TreeNode`); raises
    TypeSyntaxError naming what is wrong."""
    written = text
    text = text.replace(" ", "")
    if text.endswith("[]"):
        item = parse_type(text[:-2])
        if item.is_node or item.kind == "list":
            raise TypeSyntaxError(f"arrays hold scalars or arrays of them, not {item}")
        if item.kind == "array" and item.item is not None and item.item.kind == "array":
            raise TypeSyntaxError(f"'{written}': arrays have at most two dimensions")
        return Type("array", item)
    if text.startswith("list<") and text.endswith(">"):
        item = parse_type(text[5:-1])
        if item.is_node:
            raise TypeSyntaxError(f"a list cannot hold {item}: nodes are whole values")
        return Type("list", item)
    if text in SCALARS or text in NODES:
        return Type(text)
    raise TypeSyntaxError(
        f"unknown type '{written}' (types: {', '.join(SCALARS + NODES)}, T[], T[][], list<T>)")


def _name_problem(value: Any) -> str | None:
    if not isinstance(value, str):
        return f"must be a name (letters, digits, _), not {value!r}"
    if not _IDENT.fullmatch(value):
        return f"'{value}' is not a name: a letter, then letters, digits or _"
    if value.lower() in RESERVED or value.lower().startswith("podium"):
        return f"'{value}' is a reserved word in a target language; choose another name"
    return None


def _type_of(value: Any, file: Path, key: str, report: Report) -> Type | None:
    if not isinstance(value, str):
        report.error(file, key, f"must be a type such as int or int[], not {value!r}")
        return None
    try:
        return parse_type(value)
    except TypeSyntaxError as exc:
        report.error(file, key, str(exc))
        return None


def read_function_spec(package: Path, report: Report) -> FunctionSpec | None:
    """The package's function.yaml as a spec; None when there is none or it is broken (then
    every problem is in `report`)."""
    file = package / FILE
    if not file.exists():
        return None
    data = load_yaml(file, report)
    if data is None:
        return None
    errors_before = len(report.errors)
    for key in data:
        if key not in ("name", "parameters", "returns"):
            report.error(file, "", f"unknown key '{key}' (keys: name, parameters, returns)")
    for key in ("name", "parameters", "returns"):
        if key not in data:
            report.error(file, key, "is missing")
    name = data.get("name")
    if "name" in data and (wrong := _name_problem(name)):
        report.error(file, "name", wrong)
    returns = _type_of(data["returns"], file, "returns", report) if "returns" in data else None
    parameters = _parameters(data.get("parameters"), file, report) if "parameters" in data \
        else ()
    if len(report.errors) > errors_before or returns is None:
        return None
    return FunctionSpec(name=name, parameters=parameters, returns=returns)


def _parameters(value: Any, file: Path, report: Report) -> tuple[Parameter, ...]:
    if not isinstance(value, list) or not value:
        report.error(file, "parameters", "must be a non-empty list of {name, type} entries, "
                     f"not {value!r}")
        return ()
    found: list[Parameter] = []
    seen: set[str] = set()
    for i, entry in enumerate(value):
        key = f"parameters[{i}]"
        if not isinstance(entry, dict) or set(entry) != {"name", "type"}:
            report.error(file, key, f"must be a mapping with exactly the keys name and type, "
                         f"not {entry!r}")
            continue
        wrong = _name_problem(entry["name"])
        if wrong:
            report.error(file, f"{key}.name", wrong)
        elif entry["name"] in seen:
            report.error(file, f"{key}.name", f"'{entry['name']}' is given twice")
        type_ = _type_of(entry["type"], file, f"{key}.type", report)
        if not wrong and type_ is not None and entry["name"] not in seen:
            found.append(Parameter(entry["name"], type_))
        if isinstance(entry["name"], str):
            seen.add(entry["name"])
    return tuple(found)
