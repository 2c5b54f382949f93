"""JavaScript (Node.js): the stub (a `var name = function`) and the harness appended to it."""

from __future__ import annotations

from appliance.functions.code.common import (
    comment_block,
    descriptors,
    given_definitions,
    node_definitions,
)
from appliance.functions.spec import FunctionSpec, Type

_NODES = {
    "ListNode": """function ListNode(val, next) {
    this.val = (val === undefined ? 0 : val);
    this.next = (next === undefined ? null : next);
}
""",
    "TreeNode": """function TreeNode(val, left, right) {
    this.val = (val === undefined ? 0 : val);
    this.left = (left === undefined ? null : left);
    this.right = (right === undefined ? null : right);
}
""",
}

HARNESS = r"""
__NODES__
(function podiumMain() {
    const types = __TYPES__;
    const lines = require("fs").readFileSync(0, "utf8").split("\n").filter((l) => l.trim());
    const from = (t, v) => {
        if (t === "ListNode") {
            let head = null;
            for (let k = v.length - 1; k >= 0; k--) head = new ListNode(v[k], head);
            return head;
        }
        if (t === "TreeNode") {
            const nodes = v.map((x) => (x === null ? null : new TreeNode(x)));
            let k = 1;
            for (const node of nodes) {
                if (k >= nodes.length) break;
                if (node === null) continue;
                node.left = nodes[k++];
                if (k < nodes.length) node.right = nodes[k++];
            }
            return nodes.length ? nodes[0] : null;
        }
        if (Array.isArray(t)) return v.map((x) => from(t[1], x));
        return v;
    };
    const quote = (s) => '"' + Array.from(s, (c) => {
        const code = c.codePointAt(0);
        if (c === '"' || c === "\\") return "\\" + c;
        if (code <= 32 || code === 127) return "\\u" + code.toString(16).padStart(4, "0");
        return c;
    }).join("") + '"';
    const out = [];
    const to = (t, v) => {
        if (t === "double") out.push((Number(v) + 0).toFixed(9));
        else if (t === "bool") out.push(v ? "true" : "false");
        else if (t === "string") out.push(quote(v));
        else if (t === "ListNode") {
            out.push("[");
            for (; v !== null && v !== undefined; v = v.next) out.push(String(v.val));
            out.push("]");
        } else if (t === "TreeNode") {
            const queue = v ? [v] : [];
            for (let k = 0; k < queue.length; k++) {
                if (queue[k]) queue.push(queue[k].left || null, queue[k].right || null);
            }
            while (queue.length && !queue[queue.length - 1]) queue.pop();
            out.push("[", ...queue.map((n) => (n ? String(n.val) : "null")), "]");
        } else if (Array.isArray(t)) {
            out.push("[");
            for (const x of v) to(t[1], x);
            out.push("]");
        } else if (v === null || v === undefined) out.push("null");
        else out.push(String(typeof v === "bigint" ? v : Math.trunc(v)));
    };
    if (lines.length < types.params.length) {
        process.stderr.write("podium harness: expected " + types.params.length + " lines\n");
        process.exit(3);
    }
    const args = types.params.map((t, k) => from(t, JSON.parse(lines[k])));
    to(types.returns, __NAME__(...args));
    process.stdout.write(out.join(" ") + "\n");
})();
"""


def type_name(t: Type) -> str:
    if t.item is not None:
        return f"{type_name(t.item)}[]"
    return {"int": "number", "long": "number", "double": "number", "bool": "boolean",
            "string": "string", "ListNode": "ListNode", "TreeNode": "TreeNode"}[t.kind]


def stub(spec: FunctionSpec) -> str:
    given = given_definitions(spec, _NODES)
    doc = [f"@param {{{type_name(p.type)}}} {p.name}" for p in spec.parameters]
    doc.append(f"@return {{{type_name(spec.returns)}}}")
    return (given + comment_block(doc, "/**", " * ", " */")
            + f"var {spec.name} = function({', '.join(p.name for p in spec.parameters)}) {{\n"
            + "\n};\n")


def program(spec: FunctionSpec, source: str, file_name: str) -> tuple[str, dict[str, str]]:
    """The contestant's code, then the node constructors and the harness."""
    harness = (HARNESS.replace("__NODES__", node_definitions(spec, _NODES))
               .replace("__TYPES__", descriptors(spec)).replace("__NAME__", spec.name))
    return source + ("" if source.endswith("\n") else "\n") + harness, {}
