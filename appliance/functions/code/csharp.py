"""C# (Mono): the stub (LeetCode's `public class Solution`, PascalCase method) and the
program: `using` lines, `#line 1` so errors name the contestant's own lines, their code, then
the node classes and the harness's `PodiumMain`."""

from __future__ import annotations

from appliance.functions.code.common import (
    given_definitions,
    node_definitions,
    pascal,
)
from appliance.functions.spec import FunctionSpec, Type

USINGS = ("using System;\nusing System.Collections.Generic;\nusing System.Linq;\n"
          "using System.Text;\n")

_NODES = {
    "ListNode": """public class ListNode {
    public int val;
    public ListNode next;
    public ListNode(int val = 0, ListNode next = null) {
        this.val = val;
        this.next = next;
    }
}
""",
    "TreeNode": """public class TreeNode {
    public int val;
    public TreeNode left;
    public TreeNode right;
    public TreeNode(int val = 0, TreeNode left = null, TreeNode right = null) {
        this.val = val;
        this.left = left;
        this.right = right;
    }
}
""",
}

_RUNTIME = r"""
    static string s;
    static int i;
    static readonly System.Text.StringBuilder output = new System.Text.StringBuilder();
    static readonly System.Globalization.CultureInfo Invariant = System.Globalization.CultureInfo.InvariantCulture;

    static System.Exception Bad(string what) {
        return new System.Exception("podium harness: bad input at character " + i + ": expected " + what);
    }
    static void Ws() { while (i < s.Length && char.IsWhiteSpace(s[i])) i++; }
    static char Next() { if (i >= s.Length) throw Bad("more input"); return s[i++]; }
    static object Value() {
        Ws();
        char c = Next();
        if (c == '[') {
            var a = new System.Collections.Generic.List<object>();
            Ws();
            if (i < s.Length && s[i] == ']') { i++; return a; }
            for (;;) {
                a.Add(Value());
                Ws();
                char d = Next();
                if (d == ']') return a;
                if (d != ',') throw Bad("',' or ']'");
            }
        }
        if (c == '"') {
            var b = new System.Text.StringBuilder();
            for (;;) {
                char d = Next();
                if (d == '"') return b.ToString();
                if (d != '\\') { b.Append(d); continue; }
                char e = Next();
                switch (e) {
                    case 'n': b.Append('\n'); break;
                    case 't': b.Append('\t'); break;
                    case 'r': b.Append('\r'); break;
                    case 'b': b.Append('\b'); break;
                    case 'f': b.Append('\f'); break;
                    case 'u': b.Append((char) System.Convert.ToInt32(s.Substring(i, 4), 16)); i += 4; break;
                    default: b.Append(e); break;
                }
            }
        }
        int start = --i;
        while (i < s.Length && (char.IsLetterOrDigit(s[i]) || "+-.".IndexOf(s[i]) >= 0)) i++;
        string t = s.Substring(start, i - start);
        if (t == "null") return null;
        if (t == "true") return true;
        if (t == "false") return false;
        long l; double x;
        if (long.TryParse(t, System.Globalization.NumberStyles.AllowLeadingSign, Invariant, out l)) return l;
        if (double.TryParse(t, System.Globalization.NumberStyles.Float, Invariant, out x)) return x;
        throw Bad("a value, not '" + t + "'");
    }
    static System.Collections.Generic.List<object> Seq(object v) { return (System.Collections.Generic.List<object>) v; }
    static int ToInt(object v) { return (int) System.Convert.ToInt64(v, Invariant); }
    static long ToLong(object v) { return System.Convert.ToInt64(v, Invariant); }
    static double ToDouble(object v) { return System.Convert.ToDouble(v, Invariant); }
    static bool ToBool(object v) { return (bool) v; }
    static string ToStr(object v) { return (string) v; }
    static T[] ToArray<T>(object v, System.Func<object, T> f) {
        var l = Seq(v);
        var a = new T[l.Count];
        for (int k = 0; k < a.Length; k++) a[k] = f(l[k]);
        return a;
    }
    static System.Collections.Generic.IList<T> ToList<T>(object v, System.Func<object, T> f) {
        var a = new System.Collections.Generic.List<T>();
        foreach (object x in Seq(v)) a.Add(f(x));
        return a;
    }
    static void Tok(string t) { if (output.Length > 0) output.Append(' '); output.Append(t); }
    static string Quote(string v) {
        var b = new System.Text.StringBuilder("\"");
        foreach (char c in v) {
            if (c == '"' || c == '\\') b.Append('\\').Append(c);
            else if (c <= 0x20 || c == 0x7f) b.Append("\\u").Append(((int) c).ToString("x4"));
            else b.Append(c);
        }
        return b.Append('"').ToString();
    }
    static void Write(object v) {
        if (v == null) Tok("null");
        else if (v is int || v is long) Tok(System.Convert.ToString(v, Invariant));
        else if (v is double) Tok(((double) v + 0.0).ToString("F9", Invariant));
        else if (v is bool) Tok((bool) v ? "true" : "false");
        else if (v is string) Tok(Quote((string) v));
        else if (v is System.Collections.IEnumerable) {
            Tok("[");
            foreach (object x in (System.Collections.IEnumerable) v) Write(x);
            Tok("]");
        } else throw new System.Exception("podium harness: cannot print a " + v.GetType());
    }
"""

_NODE_IO = {
    "ListNode": """    static ListNode ToListNode(object v) {
        ListNode head = null;
        var l = Seq(v);
        for (int k = l.Count - 1; k >= 0; k--) head = new ListNode(ToInt(l[k]), head);
        return head;
    }
    static void WriteListNode(ListNode v) {
        Tok("[");
        for (; v != null; v = v.next) Tok(v.val.ToString(Invariant));
        Tok("]");
    }
""",
    "TreeNode": """    static TreeNode ToTreeNode(object v) {
        var l = Seq(v);
        var nodes = new TreeNode[l.Count];
        for (int k = 0; k < nodes.Length; k++) nodes[k] = l[k] == null ? null : new TreeNode(ToInt(l[k]));
        int next = 1;
        for (int p = 0; p < nodes.Length && next < nodes.Length; p++) {
            if (nodes[p] == null) continue;
            nodes[p].left = nodes[next++];
            if (next < nodes.Length) nodes[p].right = nodes[next++];
        }
        return nodes.Length == 0 ? null : nodes[0];
    }
    static void WriteTreeNode(TreeNode v) {
        var q = new System.Collections.Generic.List<TreeNode>();
        if (v != null) q.Add(v);
        for (int k = 0; k < q.Count; k++) if (q[k] != null) { q.Add(q[k].left); q.Add(q[k].right); }
        while (q.Count > 0 && q[q.Count - 1] == null) q.RemoveAt(q.Count - 1);
        Tok("[");
        foreach (TreeNode n in q) Tok(n == null ? "null" : n.val.ToString(Invariant));
        Tok("]");
    }
""",
}

_CONVERT = {"int": "ToInt", "long": "ToLong", "double": "ToDouble", "bool": "ToBool",
            "string": "ToStr", "ListNode": "ToListNode", "TreeNode": "ToTreeNode"}


def type_name(t: Type, qualified: bool = False) -> str:
    if t.kind == "array":
        return f"{type_name(t.item, qualified)}[]"
    if t.kind == "list":
        prefix = "System.Collections.Generic." if qualified else ""
        return f"{prefix}IList<{type_name(t.item, qualified)}>"
    return t.kind


def _convert(t: Type, x: str, depth: int = 1) -> str:
    o = f"o{depth}"
    if t.item is not None:
        function = "ToArray" if t.kind == "array" else "ToList"
        return f"{function}({x}, {o} => {_convert(t.item, o, depth + 1)})"
    return f"{_CONVERT[t.kind]}({x})"


def stub(spec: FunctionSpec) -> str:
    given = given_definitions(spec, _NODES)
    params = ", ".join(f"{type_name(p.type)} {p.name}" for p in spec.parameters)
    return (given + "public class Solution {\n"
            + f"    public {type_name(spec.returns)} {pascal(spec.name)}({params}) {{\n"
            + f"        return default({type_name(spec.returns)});\n    }}\n}}\n")


def program(spec: FunctionSpec, source: str, file_name: str) -> tuple[str, dict[str, str]]:
    reads = "".join(f"        {type_name(p.type, True)} a{k} = {_convert(p.type, 'Value()')};\n"
                    for k, p in enumerate(spec.parameters))
    args = ", ".join(f"a{k}" for k in range(len(spec.parameters)))
    writer = {"ListNode": "WriteListNode", "TreeNode": "WriteTreeNode"}.get(
        spec.returns.kind, "Write")
    main = ("    public static void Main() {\n"
            "        var utf8 = new System.Text.UTF8Encoding(false);\n"
            "        s = new System.IO.StreamReader(System.Console.OpenStandardInput(), utf8).ReadToEnd();\n"
            + reads
            + f"        {writer}(new Solution().{pascal(spec.name)}({args}));\n"
            + "        output.Append('\\n');\n"
            + "        var bytes = utf8.GetBytes(output.ToString());\n"
            + "        var stdout = System.Console.OpenStandardOutput();\n"
            + "        stdout.Write(bytes, 0, bytes.Length);\n        stdout.Flush();\n    }\n")
    harness = ('#line 1 "podium_harness.cs"\n' + node_definitions(spec, _NODES)
               + "public static class PodiumMain {" + _RUNTIME
               + node_definitions(spec, _NODE_IO) + main + "}\n")
    prelude = USINGS + f'#line 1 "{file_name}"\n'
    return prelude + source + ("" if source.endswith("\n") else "\n") + harness, {}
