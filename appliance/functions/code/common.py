"""What every language's function harness shares: names in each language's style, and the
canonical output form all harnesses print (documented in docs/function-problems.md)."""

from __future__ import annotations

import json
import re

from appliance.functions.spec import FunctionSpec

HARNESS_ERROR_EXIT = 3  # a harness that cannot read its input exits with this status


def snake(name: str) -> str:
    """`maxDepth` -> `max_depth`, `reverseKGroup` -> `reverse_k_group` (Rust's style)."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", name).lower()


def pascal(name: str) -> str:
    """`maxDepth` -> `MaxDepth` (C#'s style for methods)."""
    return name[:1].upper() + name[1:]


def descriptors(spec: FunctionSpec) -> str:
    """The parameter types and the return type as JSON, for the dynamic languages'
    harnesses, which walk them at run time."""
    return json.dumps({"params": [p.type.descriptor() for p in spec.parameters],
                       "returns": spec.returns.descriptor()})


def node_definitions(spec: FunctionSpec, definitions: dict[str, str]) -> str:
    """The ListNode / TreeNode definitions the spec uses, from a language's table."""
    return "".join(definitions[kind] for kind in ("ListNode", "TreeNode") if spec.uses(kind))


def comment_block(lines: list[str], start: str, middle: str, end: str) -> str:
    """`lines` as a block comment (an empty string when there are none); `middle` begins
    each line, its space included (" * "), and a blank line keeps no trailing space."""
    if not lines:
        return ""
    return "\n".join([start, *(f"{middle}{line}".rstrip() for line in lines), end]) + "\n"


def given_definitions(spec: FunctionSpec, definitions: dict[str, str]) -> str:
    """The node definitions the spec uses as the block comment a C-style stub starts with:
    shown to the contestant, supplied by the harness."""
    nodes = node_definitions(spec, definitions).splitlines()
    return comment_block(["Definitions (given; do not paste them):", *nodes]
                         if nodes else [], "/**", " * ", " */")
