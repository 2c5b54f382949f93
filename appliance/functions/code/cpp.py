"""C++ (C++17 and C++20): the stub (LeetCode's `class Solution`), and the program: a prelude
with the headers and node structs, `#line 1` so errors name the contestant's own lines, their
code, then the harness's overloaded readers and writers and `main`."""

from __future__ import annotations

from appliance.functions.code.common import given_definitions, node_definitions
from appliance.functions.spec import FunctionSpec, Type

_NODES = {
    "ListNode": """struct ListNode {
    int val;
    ListNode *next;
    ListNode() : val(0), next(nullptr) {}
    ListNode(int x) : val(x), next(nullptr) {}
    ListNode(int x, ListNode *next) : val(x), next(next) {}
};
""",
    "TreeNode": """struct TreeNode {
    int val;
    TreeNode *left;
    TreeNode *right;
    TreeNode() : val(0), left(nullptr), right(nullptr) {}
    TreeNode(int x) : val(x), left(nullptr), right(nullptr) {}
    TreeNode(int x, TreeNode *left, TreeNode *right) : val(x), left(left), right(right) {}
};
""",
}

_READERS = r"""
namespace podium {
struct Reader {
    std::string s;
    size_t i = 0;
    void ws() { while (i < s.size() && isspace((unsigned char)s[i])) i++; }
    [[noreturn]] void fail(const char *what) {
        fprintf(stderr, "podium harness: bad input at byte %zu: expected %s\n", i, what);
        exit(3);
    }
    bool peek(char c) { ws(); return i < s.size() && s[i] == c; }
    void expect(char c) { if (!peek(c)) { char w[2] = {c, 0}; fail(w); } i++; }
    std::string token() {
        ws();
        size_t b = i;
        while (i < s.size() && (isalnum((unsigned char)s[i]) || s[i] == '-' || s[i] == '+' || s[i] == '.')) i++;
        if (b == i) fail("a value");
        return s.substr(b, i - b);
    }
    long long integer() {
        std::string t = token();
        char *end; errno = 0;
        long long v = strtoll(t.c_str(), &end, 10);
        if (*end || errno) fail("an integer");
        return v;
    }
};
struct Writer {
    std::string s;
    void tok(const std::string &t) { if (!s.empty()) s += ' '; s += t; }
};
inline void utf8(std::string &v, unsigned cp) {
    if (cp < 0x80) v += char(cp);
    else if (cp < 0x800) { v += char(0xC0 | cp >> 6); v += char(0x80 | (cp & 63)); }
    else if (cp < 0x10000) { v += char(0xE0 | cp >> 12); v += char(0x80 | (cp >> 6 & 63)); v += char(0x80 | (cp & 63)); }
    else { v += char(0xF0 | cp >> 18); v += char(0x80 | (cp >> 12 & 63)); v += char(0x80 | (cp >> 6 & 63)); v += char(0x80 | (cp & 63)); }
}
inline void rd(Reader &r, int &v) { v = (int)r.integer(); }
inline void rd(Reader &r, long long &v) { v = r.integer(); }
inline void rd(Reader &r, double &v) { std::string t = r.token(); char *end; v = strtod(t.c_str(), &end); if (*end) r.fail("a number"); }
inline void rd(Reader &r, bool &v) { std::string t = r.token(); if (t != "true" && t != "false") r.fail("true or false"); v = t == "true"; }
inline void rd(Reader &r, std::string &v) {
    r.expect('"');
    v.clear();
    while (r.i < r.s.size() && r.s[r.i] != '"') {
        char c = r.s[r.i++];
        if (c != '\\') { v += c; continue; }
        char e = r.i < r.s.size() ? r.s[r.i++] : 0;
        if (e == 'n') v += '\n'; else if (e == 't') v += '\t'; else if (e == 'r') v += '\r';
        else if (e == 'b') v += '\b'; else if (e == 'f') v += '\f';
        else if (e == 'u') {
            unsigned cp = std::stoul(r.s.substr(r.i, 4), nullptr, 16); r.i += 4;
            if (cp >= 0xD800 && cp < 0xDC00 && r.s.compare(r.i, 2, "\\u") == 0) {
                unsigned lo = std::stoul(r.s.substr(r.i + 2, 4), nullptr, 16); r.i += 6;
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            }
            utf8(v, cp);
        } else v += e;
    }
    if (r.i >= r.s.size()) r.fail("a closing quote");
    r.i++;
}
template <class T> void rd(Reader &r, std::vector<T> &v) {
    r.expect('[');
    v.clear();
    if (r.peek(']')) { r.i++; return; }
    for (;;) {
        T x{};
        rd(r, x);
        v.push_back(std::move(x));
        if (!r.peek(',')) break;
        r.i++;
    }
    r.expect(']');
}
inline void wr(Writer &w, int v) { w.tok(std::to_string(v)); }
inline void wr(Writer &w, long long v) { w.tok(std::to_string(v)); }
inline void wr(Writer &w, double v) { char b[512]; snprintf(b, sizeof b, "%.9f", v + 0.0); w.tok(b); }
inline void wr(Writer &w, bool v) { w.tok(v ? "true" : "false"); }
inline void wr(Writer &w, const std::string &v) {
    std::string t = "\"";
    for (unsigned char c : v) {
        if (c == '"' || c == '\\') { t += '\\'; t += char(c); }
        else if (c <= 0x20 || c == 0x7f) { char b[8]; snprintf(b, sizeof b, "\\u%04x", c); t += b; }
        else t += char(c);
    }
    w.tok(t + "\"");
}
template <class T> void wr(Writer &w, const std::vector<T> &v) {
    w.tok("[");
    for (const T &x : v) wr(w, x);
    w.tok("]");
}
"""

_NODE_IO = {
    "ListNode": r"""inline void rd(Reader &r, ListNode *&v) {
    std::vector<int> a;
    rd(r, a);
    v = nullptr;
    for (size_t k = a.size(); k-- > 0;) v = new ListNode(a[k], v);
}
inline void wr(Writer &w, ListNode *v) {
    w.tok("[");
    for (; v; v = v->next) wr(w, v->val);
    w.tok("]");
}
""",
    "TreeNode": r"""inline void rd(Reader &r, TreeNode *&v) {
    std::vector<TreeNode *> nodes;
    r.expect('[');
    if (!r.peek(']')) for (;;) {
        std::string t = r.token();
        if (t == "null") nodes.push_back(nullptr);
        else { char *end; long long x = strtoll(t.c_str(), &end, 10); if (*end) r.fail("an integer or null"); nodes.push_back(new TreeNode((int)x)); }
        if (!r.peek(',')) break;
        r.i++;
    }
    r.expect(']');
    size_t k = 1;
    for (size_t p = 0; p < nodes.size() && k < nodes.size(); p++) {
        if (!nodes[p]) continue;
        nodes[p]->left = nodes[k++];
        if (k < nodes.size()) nodes[p]->right = nodes[k++];
    }
    v = nodes.empty() ? nullptr : nodes[0];
}
inline void wr(Writer &w, TreeNode *v) {
    std::vector<TreeNode *> q;
    if (v) q.push_back(v);
    for (size_t k = 0; k < q.size(); k++) if (q[k]) { q.push_back(q[k]->left); q.push_back(q[k]->right); }
    while (!q.empty() && !q.back()) q.pop_back();
    w.tok("[");
    for (TreeNode *n : q) if (n) wr(w, n->val); else w.tok("null");
    w.tok("]");
}
""",
}


def type_name(t: Type) -> str:
    if t.item is not None:
        return f"vector<{type_name(t.item)}>"
    return {"int": "int", "long": "long long", "double": "double", "bool": "bool",
            "string": "string", "ListNode": "ListNode*", "TreeNode": "TreeNode*"}[t.kind]


def _param(t: Type) -> str:
    """LeetCode passes vectors by reference."""
    return type_name(t) + ("&" if t.item is not None else "")


def stub(spec: FunctionSpec) -> str:
    given = given_definitions(spec, _NODES)
    params = ", ".join(f"{_param(p.type)} {p.name}" for p in spec.parameters)
    return (given + "class Solution {\npublic:\n"
            + f"    {type_name(spec.returns)} {spec.name}({params}) {{\n"
            + "        return {};\n    }\n};\n")


def program(spec: FunctionSpec, source: str, file_name: str) -> tuple[str, dict[str, str]]:
    prelude = ("#include <bits/stdc++.h>\nusing namespace std;\n"
               + node_definitions(spec, _NODES) + f'#line 1 "{file_name}"\n')
    reads = "".join(f"    {type_name(p.type)} a{k}{{}};\n    podium::rd(r, a{k});\n"
                    for k, p in enumerate(spec.parameters))
    call = f"Solution().{spec.name}({', '.join(f'a{k}' for k in range(len(spec.parameters)))})"
    harness = ('#line 1 "podium_harness.cpp"\n' + _READERS
               + node_definitions(spec, _NODE_IO) + "}  // namespace podium\n"
               + "int main() {\n    podium::Reader r;\n"
               + "    r.s.assign(std::istreambuf_iterator<char>(std::cin), {});\n" + reads
               + "    podium::Writer w;\n"
               + f"    podium::wr(w, static_cast<{type_name(spec.returns)}>({call}));\n"
               + "    w.s += '\\n';\n    fwrite(w.s.data(), 1, w.s.size(), stdout);\n}\n")
    return prelude + source + ("" if source.endswith("\n") else "\n") + harness, {}
