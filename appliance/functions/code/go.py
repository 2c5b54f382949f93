"""Go: the stub (a plain `func`, as LeetCode's) and the program: `package main` and the
harness's aliased imports, `//line` so errors name the contestant's own lines, their code (a
`package main` line of theirs becomes blank), then the node types and the harness."""

from __future__ import annotations

import re

from appliance.functions.code.common import given_definitions, node_definitions
from appliance.functions.spec import FunctionSpec, Type

PRELUDE = """package main

import (
\tpodiumJSON "encoding/json"
\tpodiumOS "os"
\tpodiumReflect "reflect"
\tpodiumStrconv "strconv"
)

"""
_PACKAGE = re.compile(r"^[ \t]*package[ \t]+main\b[^\n]*", re.M)

_NODES = {
    "ListNode": "type ListNode struct {\n\tVal  int\n\tNext *ListNode\n}\n",
    "TreeNode": "type TreeNode struct {\n\tVal   int\n\tLeft  *TreeNode\n"
                "\tRight *TreeNode\n}\n",
}

_RUNTIME = """
func podiumFail(err error) {
\tpodiumOS.Stderr.WriteString("podium harness: bad input: " + err.Error() + "\\n")
\tpodiumOS.Exit(3)
}

type podiumWriter struct{ b []byte }

func (w *podiumWriter) tok(t string) {
\tif len(w.b) > 0 {
\t\tw.b = append(w.b, ' ')
\t}
\tw.b = append(w.b, t...)
}

func (w *podiumWriter) quote(s string) {
\tt := []byte{'"'}
\tfor _, c := range []byte(s) {
\t\tif c == '"' || c == '\\\\' {
\t\t\tt = append(t, '\\\\', c)
\t\t} else if c <= 0x20 || c == 0x7f {
\t\t\tt = append(t, []byte("\\\\u00")...)
\t\t\tt = append(t, "0123456789abcdef"[c>>4], "0123456789abcdef"[c&15])
\t\t} else {
\t\t\tt = append(t, c)
\t\t}
\t}
\tw.tok(string(append(t, '"')))
}

func (w *podiumWriter) write(v podiumReflect.Value) {
\tswitch v.Kind() {
\tcase podiumReflect.Int, podiumReflect.Int64, podiumReflect.Int32:
\t\tw.tok(podiumStrconv.FormatInt(v.Int(), 10))
\tcase podiumReflect.Float64, podiumReflect.Float32:
\t\tw.tok(podiumStrconv.FormatFloat(v.Float()+0.0, 'f', 9, 64))
\tcase podiumReflect.Bool:
\t\tw.tok(podiumStrconv.FormatBool(v.Bool()))
\tcase podiumReflect.String:
\t\tw.quote(v.String())
\tcase podiumReflect.Slice, podiumReflect.Array:
\t\tif v.Kind() == podiumReflect.Slice && v.IsNil() {
\t\t\tw.tok("null")
\t\t\treturn
\t\t}
\t\tw.tok("[")
\t\tfor k := 0; k < v.Len(); k++ {
\t\t\tw.write(v.Index(k))
\t\t}
\t\tw.tok("]")
\tdefault:
\t\tpodiumOS.Stderr.WriteString("podium harness: cannot print a " + v.Type().String() + "\\n")
\t\tpodiumOS.Exit(3)
\t}
}
"""

_NODE_IO = {
    "ListNode": """
func podiumListNode(a []int) *ListNode {
\tvar head *ListNode
\tfor k := len(a) - 1; k >= 0; k-- {
\t\thead = &ListNode{Val: a[k], Next: head}
\t}
\treturn head
}

func (w *podiumWriter) listNode(v *ListNode) {
\tw.tok("[")
\tfor ; v != nil; v = v.Next {
\t\tw.tok(podiumStrconv.Itoa(v.Val))
\t}
\tw.tok("]")
}
""",
    "TreeNode": """
func podiumTreeNode(a []*int) *TreeNode {
\tnodes := make([]*TreeNode, len(a))
\tfor k, x := range a {
\t\tif x != nil {
\t\t\tnodes[k] = &TreeNode{Val: *x}
\t\t}
\t}
\tk := 1
\tfor p := 0; p < len(nodes) && k < len(nodes); p++ {
\t\tif nodes[p] == nil {
\t\t\tcontinue
\t\t}
\t\tnodes[p].Left = nodes[k]
\t\tk++
\t\tif k < len(nodes) {
\t\t\tnodes[p].Right = nodes[k]
\t\t\tk++
\t\t}
\t}
\tif len(nodes) == 0 {
\t\treturn nil
\t}
\treturn nodes[0]
}

func (w *podiumWriter) treeNode(v *TreeNode) {
\tq := []*TreeNode{}
\tif v != nil {
\t\tq = append(q, v)
\t}
\tfor k := 0; k < len(q); k++ {
\t\tif q[k] != nil {
\t\t\tq = append(q, q[k].Left, q[k].Right)
\t\t}
\t}
\tfor len(q) > 0 && q[len(q)-1] == nil {
\t\tq = q[:len(q)-1]
\t}
\tw.tok("[")
\tfor _, n := range q {
\t\tif n == nil {
\t\t\tw.tok("null")
\t\t} else {
\t\t\tw.tok(podiumStrconv.Itoa(n.Val))
\t\t}
\t}
\tw.tok("]")
}
""",
}


def type_name(t: Type) -> str:
    if t.item is not None:
        return f"[]{type_name(t.item)}"
    return {"int": "int", "long": "int64", "double": "float64", "bool": "bool",
            "string": "string", "ListNode": "*ListNode", "TreeNode": "*TreeNode"}[t.kind]


def _default(t: Type) -> str:
    return {"int": "0", "long": "0", "double": "0", "bool": "false",
            "string": '""'}.get(t.kind, "nil") if t.item is None else "nil"


def stub(spec: FunctionSpec) -> str:
    given = given_definitions(spec, _NODES)
    params = ", ".join(f"{p.name} {type_name(p.type)}" for p in spec.parameters)
    return (given + f"func {spec.name}({params}) {type_name(spec.returns)} {{\n"
            + f"\treturn {_default(spec.returns)}\n}}\n")


def _read(k: int, t: Type) -> str:
    raw = {"ListNode": "[]int", "TreeNode": "[]*int"}.get(t.kind)
    target = f"p{k}" if raw else f"a{k}"
    code = (f"\tvar {target} {raw or type_name(t)}\n"
            f"\tif err := dec.Decode(&{target}); err != nil {{\n\t\tpodiumFail(err)\n\t}}\n")
    if raw:
        code += f"\ta{k} := podium{t.kind}(p{k})\n"
    return code


def program(spec: FunctionSpec, source: str, file_name: str) -> tuple[str, dict[str, str]]:
    body = _PACKAGE.sub("", source, count=1)
    writer = {"ListNode": "w.listNode(result)", "TreeNode": "w.treeNode(result)"}.get(
        spec.returns.kind, "w.write(podiumReflect.ValueOf(result))")
    args = ", ".join(f"a{k}" for k in range(len(spec.parameters)))
    main = ("\nfunc main() {\n\tdec := podiumJSON.NewDecoder(podiumOS.Stdin)\n"
            + "".join(_read(k, p.type) for k, p in enumerate(spec.parameters))
            + f"\tresult := {spec.name}({args})\n\tw := &podiumWriter{{}}\n\t{writer}\n"
            + "\tw.b = append(w.b, '\\n')\n\tpodiumOS.Stdout.Write(w.b)\n}\n")
    harness = ("\n//line podium_harness.go:1\n" + node_definitions(spec, _NODES) + _RUNTIME
               + node_definitions(spec, _NODE_IO) + main)
    return (PRELUDE + f"//line {file_name}:1\n" + body
            + ("" if body.endswith("\n") else "\n") + harness, {})
