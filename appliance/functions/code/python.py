"""Python 3 (and PyPy 3): the stub, the prelude module and the harness appended to the
contestant's `class Solution`."""

from __future__ import annotations

import re

from appliance.functions.code.common import descriptors
from appliance.functions.spec import FunctionSpec, Type

PRELUDE_FILE = "podium_prelude.py"
IMPORT = "from podium_prelude import *"

_NODES = {
    "ListNode": '''class ListNode:
    def __init__(self, val=0, next=None):
        self.val = val
        self.next = next
''',
    "TreeNode": '''class TreeNode:
    def __init__(self, val=0, left=None, right=None):
        self.val = val
        self.left = left
        self.right = right
''',
}

PRELUDE = "\n\n".join(["from typing import *  # noqa: F401,F403 (List, Optional, ...)",
                       *_NODES.values()])

HARNESS = '''

import json as _podium_json, sys as _podium_sys


def _podium_from(t, v):
    if t == "double":
        return float(v)
    if t == "ListNode":
        head = None
        for x in reversed(v):
            head = ListNode(x, head)
        return head
    if t == "TreeNode":
        nodes = [None if x is None else TreeNode(x) for x in v]
        k = 1
        for node in nodes:
            if k >= len(nodes):
                break
            if node is not None:
                node.left = nodes[k]
                k += 1
                if k < len(nodes):
                    node.right = nodes[k]
                    k += 1
        return nodes[0] if nodes else None
    if isinstance(t, list):
        return [_podium_from(t[1], x) for x in v]
    return v


def _podium_quote(s):
    return '"' + "".join("\\\\" + c if c in '"\\\\' else
                         "\\\\u%04x" % ord(c) if ord(c) <= 32 or ord(c) == 127 else c
                         for c in s) + '"'


def _podium_to(t, v, out):
    if t == "double":
        out.append("%.9f" % (float(v) + 0.0))
    elif t == "bool":
        out.append("true" if v else "false")
    elif t == "string":
        out.append(_podium_quote(v))
    elif t == "ListNode":
        out.append("[")
        while v is not None:
            out.append(str(v.val))
            v = v.next
        out.append("]")
    elif t == "TreeNode":
        queue, k = [v] if v is not None else [], 0
        while k < len(queue):
            if queue[k] is not None:
                queue += [queue[k].left, queue[k].right]
            k += 1
        while queue and queue[-1] is None:
            queue.pop()
        out += ["["] + ["null" if n is None else str(n.val) for n in queue] + ["]"]
    elif isinstance(t, list):
        out.append("[")
        for x in v:
            _podium_to(t[1], x, out)
        out.append("]")
    elif v is None:
        out.append("null")
    else:
        out.append(str(int(v)))


def _podium_main():
    types = _podium_json.loads(__TYPES__)
    text, decoder, at, args = _podium_sys.stdin.read(), _podium_json.JSONDecoder(), 0, []
    for t in types["params"]:
        while at < len(text) and text[at].isspace():
            at += 1
        value, at = decoder.raw_decode(text, at)
        args.append(_podium_from(t, value))
    _podium_sys.setrecursionlimit(1000000)
    out = []
    _podium_to(types["returns"], Solution().__NAME__(*args), out)
    _podium_sys.stdout.write(" ".join(out) + "\\n")


_podium_main()
'''


def type_name(t: Type) -> str:
    if t.item is not None:
        return f"List[{type_name(t.item)}]"
    return {"int": "int", "long": "int", "double": "float", "bool": "bool", "string": "str",
            "ListNode": "Optional[ListNode]", "TreeNode": "Optional[TreeNode]"}[t.kind]


def stub(spec: FunctionSpec) -> str:
    """What the contestant starts from: LeetCode's shape, the node classes in a comment."""
    lines = []
    for kind, text in _NODES.items():
        if spec.uses(kind):
            lines.append(f"# Definition for {kind} (given; do not paste it):")
            lines += [f"# {line}".rstrip() for line in text.splitlines()]
    params = "".join(f", {p.name}: {type_name(p.type)}" for p in spec.parameters)
    lines += ["class Solution:",
              f"    def {spec.name}(self{params}) -> {type_name(spec.returns)}:",
              "        pass", ""]
    return "\n".join(lines)


_JOINABLE = re.compile(r"\s*(#.*)?$|(import|from)\s")


def program(spec: FunctionSpec, source: str, file_name: str) -> tuple[str, dict[str, str]]:
    """The contestant's code with the prelude's import on its first line (a comment, an
    import or a blank line takes it without moving any line; else it takes a line of its own)
    and the harness after it."""
    first, newline, rest = source.partition("\n")
    if not first.strip():
        head = IMPORT
    elif first.lstrip().startswith("#"):
        head = f"{IMPORT}  {first}"
    elif _JOINABLE.match(first) and not first.startswith("from __future__"):
        head = f"{IMPORT}; {first}"
    else:
        head = f"{IMPORT}\n{first}"
    body = head + newline + rest
    if not body.endswith("\n"):
        body += "\n"
    harness = HARNESS.replace("__TYPES__", repr(descriptors(spec))).replace("__NAME__", spec.name)
    return body + harness, {PRELUDE_FILE: PRELUDE}
