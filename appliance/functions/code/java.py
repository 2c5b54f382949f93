"""Java: the stub (LeetCode's `class Solution`) and the program: `import java.util.*;` joined to
the contestant's first line (no line moves), their code (a top-level `public class` loses its
`public`, replaced by spaces), then the node classes and `public class PodiumMain`."""

from __future__ import annotations

import re

from appliance.functions.code.common import given_definitions, node_definitions
from appliance.functions.spec import FunctionSpec, Type

IMPORTS = "import java.util.*; "
# Any `public class` (top-level or inner) would be taken for the class to run: drop `public`.
_PUBLIC_CLASS = re.compile(r"\bpublic(?=\s+(?:(?:final|abstract)\s+)*class\s)")

_NODES = {
    "ListNode": """class ListNode {
    int val;
    ListNode next;
    ListNode() {}
    ListNode(int val) { this.val = val; }
    ListNode(int val, ListNode next) { this.val = val; this.next = next; }
}
""",
    "TreeNode": """class TreeNode {
    int val;
    TreeNode left;
    TreeNode right;
    TreeNode() {}
    TreeNode(int val) { this.val = val; }
    TreeNode(int val, TreeNode left, TreeNode right) {
        this.val = val;
        this.left = left;
        this.right = right;
    }
}
""",
}

_RUNTIME = r"""
    static String s;
    static int i;
    static final StringBuilder out = new StringBuilder();

    static RuntimeException bad(String what) {
        return new RuntimeException("podium harness: bad input at character " + i + ": expected " + what);
    }
    static void ws() { while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++; }
    static char next() { if (i >= s.length()) throw bad("more input"); return s.charAt(i++); }
    static Object value() {
        ws();
        char c = next();
        if (c == '[') {
            java.util.ArrayList<Object> a = new java.util.ArrayList<>();
            ws();
            if (i < s.length() && s.charAt(i) == ']') { i++; return a; }
            for (;;) {
                a.add(value());
                ws();
                char d = next();
                if (d == ']') return a;
                if (d != ',') throw bad("',' or ']'");
            }
        }
        if (c == '"') {
            StringBuilder b = new StringBuilder();
            for (;;) {
                char d = next();
                if (d == '"') return b.toString();
                if (d != '\\') { b.append(d); continue; }
                char e = next();
                switch (e) {
                    case 'n': b.append('\n'); break;
                    case 't': b.append('\t'); break;
                    case 'r': b.append('\r'); break;
                    case 'b': b.append('\b'); break;
                    case 'f': b.append('\f'); break;
                    case 'u': b.append((char) Integer.parseInt(s.substring(i, i + 4), 16)); i += 4; break;
                    default: b.append(e);
                }
            }
        }
        int start = --i;
        while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || "+-.".indexOf(s.charAt(i)) >= 0)) i++;
        String t = s.substring(start, i);
        if (t.equals("null")) return null;
        if (t.equals("true")) return Boolean.TRUE;
        if (t.equals("false")) return Boolean.FALSE;
        try {
            if (t.contains(".") || t.contains("e") || t.contains("E")) return Double.parseDouble(t);
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw bad("a value, not '" + t + "'");
        }
    }
    @SuppressWarnings("unchecked")
    static java.util.List<Object> seq(Object v) { return (java.util.List<Object>) v; }
    static int toInt(Object v) { return ((Number) v).intValue(); }
    static long toLong(Object v) { return ((Number) v).longValue(); }
    static double toDouble(Object v) { return ((Number) v).doubleValue(); }
    static boolean toBool(Object v) { return (Boolean) v; }
    static String toStr(Object v) { return (String) v; }
    static int[] toIntArray(Object v) { java.util.List<Object> l = seq(v); int[] a = new int[l.size()]; for (int k = 0; k < a.length; k++) a[k] = toInt(l.get(k)); return a; }
    static long[] toLongArray(Object v) { java.util.List<Object> l = seq(v); long[] a = new long[l.size()]; for (int k = 0; k < a.length; k++) a[k] = toLong(l.get(k)); return a; }
    static double[] toDoubleArray(Object v) { java.util.List<Object> l = seq(v); double[] a = new double[l.size()]; for (int k = 0; k < a.length; k++) a[k] = toDouble(l.get(k)); return a; }
    static boolean[] toBoolArray(Object v) { java.util.List<Object> l = seq(v); boolean[] a = new boolean[l.size()]; for (int k = 0; k < a.length; k++) a[k] = toBool(l.get(k)); return a; }
    static <T> T[] toArray(Object v, java.util.function.Function<Object, T> f, java.util.function.IntFunction<T[]> make) {
        java.util.List<Object> l = seq(v);
        T[] a = make.apply(l.size());
        for (int k = 0; k < a.length; k++) a[k] = f.apply(l.get(k));
        return a;
    }
    static <T> java.util.List<T> toList(Object v, java.util.function.Function<Object, T> f) {
        java.util.ArrayList<T> a = new java.util.ArrayList<>();
        for (Object x : seq(v)) a.add(f.apply(x));
        return a;
    }
    static void tok(String t) { if (out.length() > 0) out.append(' '); out.append(t); }
    static String quote(String v) {
        StringBuilder b = new StringBuilder("\"");
        for (int k = 0; k < v.length(); k++) {
            char c = v.charAt(k);
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (c <= 0x20 || c == 0x7f) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b.append('"').toString();
    }
    static void write(Object v) {
        if (v == null) tok("null");
        else if (v instanceof Integer || v instanceof Long) tok(v.toString());
        else if (v instanceof Double) tok(String.format(java.util.Locale.ROOT, "%.9f", (Double) v + 0.0));
        else if (v instanceof Boolean) tok(v.toString());
        else if (v instanceof String) tok(quote((String) v));
        else if (v.getClass().isArray()) {
            tok("[");
            for (int k = 0, n = java.lang.reflect.Array.getLength(v); k < n; k++) write(java.lang.reflect.Array.get(v, k));
            tok("]");
        } else if (v instanceof Iterable) {
            tok("[");
            for (Object x : (Iterable<?>) v) write(x);
            tok("]");
        } else throw new RuntimeException("podium harness: cannot print a " + v.getClass());
    }
"""

_NODE_IO = {
    "ListNode": """    static ListNode toListNode(Object v) {
        ListNode head = null;
        java.util.List<Object> l = seq(v);
        for (int k = l.size() - 1; k >= 0; k--) head = new ListNode(toInt(l.get(k)), head);
        return head;
    }
    static void writeListNode(ListNode v) {
        tok("[");
        for (; v != null; v = v.next) tok(Integer.toString(v.val));
        tok("]");
    }
""",
    "TreeNode": """    static TreeNode toTreeNode(Object v) {
        java.util.List<Object> l = seq(v);
        TreeNode[] nodes = new TreeNode[l.size()];
        for (int k = 0; k < nodes.length; k++) nodes[k] = l.get(k) == null ? null : new TreeNode(toInt(l.get(k)));
        int k = 1;
        for (int p = 0; p < nodes.length && k < nodes.length; p++) {
            if (nodes[p] == null) continue;
            nodes[p].left = nodes[k++];
            if (k < nodes.length) nodes[p].right = nodes[k++];
        }
        return nodes.length == 0 ? null : nodes[0];
    }
    static void writeTreeNode(TreeNode v) {
        java.util.ArrayList<TreeNode> q = new java.util.ArrayList<>();
        if (v != null) q.add(v);
        for (int k = 0; k < q.size(); k++) if (q.get(k) != null) { q.add(q.get(k).left); q.add(q.get(k).right); }
        while (!q.isEmpty() && q.get(q.size() - 1) == null) q.remove(q.size() - 1);
        tok("[");
        for (TreeNode n : q) tok(n == null ? "null" : Integer.toString(n.val));
        tok("]");
    }
""",
}

_BOXED = {"int": "Integer", "long": "Long", "double": "Double", "bool": "Boolean",
          "string": "String"}
_CONVERT = {"int": "toInt", "long": "toLong", "double": "toDouble", "bool": "toBool",
            "string": "toStr", "ListNode": "toListNode", "TreeNode": "toTreeNode"}
_PRIMITIVE_ARRAYS = {"int": "toIntArray", "long": "toLongArray", "double": "toDoubleArray",
                     "bool": "toBoolArray"}


def type_name(t: Type, boxed: bool = False) -> str:
    if t.kind == "array":
        return f"{type_name(t.item)}[]"
    if t.kind == "list":
        return f"List<{type_name(t.item, boxed=True)}>"
    if boxed:
        return _BOXED[t.kind]
    return {"bool": "boolean", "string": "String"}.get(t.kind, t.kind)


def _full_name(t: Type, boxed: bool = False) -> str:
    """The type as the harness writes it (java.util.List: the contestant may name a List)."""
    return type_name(t, boxed).replace("List<", "java.util.List<")


def _convert(t: Type, x: str, depth: int = 1) -> str:
    """Java that turns the parsed JSON value `x` into type `t`."""
    o = f"o{depth}"
    if t.kind == "array":
        item = t.item
        if item.kind in _PRIMITIVE_ARRAYS:
            return f"{_PRIMITIVE_ARRAYS[item.kind]}({x})"
        return f"toArray({x}, {o} -> {_convert(item, o, depth + 1)}, {_full_name(t)}::new)"
    if t.kind == "list":
        return f"toList({x}, {o} -> {_convert(t.item, o, depth + 1)})"
    return f"{_CONVERT[t.kind]}({x})"


def _default(t: Type) -> str:
    return {"int": "0", "long": "0", "double": "0.0", "bool": "false"}.get(t.kind, "null") \
        if t.item is None else "null"


def stub(spec: FunctionSpec) -> str:
    given = given_definitions(spec, _NODES)
    params = ", ".join(f"{type_name(p.type)} {p.name}" for p in spec.parameters)
    return (given + "class Solution {\n"
            + f"    public {type_name(spec.returns)} {spec.name}({params}) {{\n"
            + f"        return {_default(spec.returns)};\n    }}\n}}\n")


def program(spec: FunctionSpec, source: str, file_name: str) -> tuple[str, dict[str, str]]:
    reads = "".join(f"        {_full_name(p.type)} a{k} = {_convert(p.type, 'value()')};\n"
                    for k, p in enumerate(spec.parameters))
    args = ", ".join(f"a{k}" for k in range(len(spec.parameters)))
    writer = {"ListNode": "writeListNode", "TreeNode": "writeTreeNode"}.get(
        spec.returns.kind, "write")
    main = ("    public static void main(String[] args) throws java.io.IOException {\n"
            "        s = new String(System.in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);\n"
            + reads
            + f"        {_full_name(spec.returns)} result = new Solution().{spec.name}({args});\n"
            + f"        {writer}(result);\n"
            + "        out.append('\\n');\n"
            + "        System.out.write(out.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));\n"
            + "        System.out.flush();\n    }\n")
    harness = ("\n" + node_definitions(spec, _NODES) + "public class PodiumMain {" + _RUNTIME
               + node_definitions(spec, _NODE_IO) + main + "}\n")
    body = _PUBLIC_CLASS.sub("      ", source)
    return IMPORTS + body + ("" if body.endswith("\n") else "\n") + harness, {}
