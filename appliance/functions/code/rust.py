"""Rust: the stub (LeetCode's `impl Solution`, snake_case names) and the harness appended to
the contestant's code: node types, `struct Solution`, a trait that reads and writes each type,
and `main` (fully qualified paths: nothing needs to come before their code)."""

from __future__ import annotations

from appliance.functions.code.common import given_definitions, node_definitions, snake
from appliance.functions.spec import FunctionSpec, Type

_NODES = {
    "ListNode": """#[derive(PartialEq, Eq, Clone, Debug)]
pub struct ListNode {
    pub val: i32,
    pub next: Option<Box<ListNode>>,
}

impl ListNode {
    #[inline]
    fn new(val: i32) -> Self {
        ListNode { next: None, val }
    }
}
""",
    "TreeNode": """#[derive(Debug, PartialEq, Eq)]
pub struct TreeNode {
    pub val: i32,
    pub left: Option<Rc<RefCell<TreeNode>>>,
    pub right: Option<Rc<RefCell<TreeNode>>>,
}

impl TreeNode {
    #[inline]
    pub fn new(val: i32) -> Self {
        TreeNode { val, left: None, right: None }
    }
}
""",
}

_RUNTIME = r"""
#[allow(dead_code)]
struct Solution;

#[allow(dead_code)]
struct PodiumReader { s: Vec<u8>, i: usize }

#[allow(dead_code)]
impl PodiumReader {
    fn ws(&mut self) { while self.i < self.s.len() && self.s[self.i].is_ascii_whitespace() { self.i += 1; } }
    fn fail(&self, what: &str) -> ! {
        eprintln!("podium harness: bad input at byte {}: expected {}", self.i, what);
        std::process::exit(3)
    }
    fn peek(&mut self, c: u8) -> bool { self.ws(); self.i < self.s.len() && self.s[self.i] == c }
    fn expect(&mut self, c: u8) { if !self.peek(c) { self.fail(&(c as char).to_string()) } self.i += 1; }
    fn token(&mut self) -> String {
        self.ws();
        let b = self.i;
        while self.i < self.s.len() && (self.s[self.i].is_ascii_alphanumeric() || b"+-.".contains(&self.s[self.i])) { self.i += 1; }
        if b == self.i { self.fail("a value") }
        String::from_utf8_lossy(&self.s[b..self.i]).into_owned()
    }
    fn items<T>(&mut self, mut f: impl FnMut(&mut Self) -> T) -> Vec<T> {
        self.expect(b'[');
        let mut v = Vec::new();
        if self.peek(b']') { self.i += 1; return v; }
        loop {
            v.push(f(self));
            if !self.peek(b',') { break; }
            self.i += 1;
        }
        self.expect(b']');
        v
    }
    fn hex4(&mut self) -> u32 {
        let t = String::from_utf8_lossy(&self.s[self.i..(self.i + 4).min(self.s.len())]).into_owned();
        self.i += 4;
        u32::from_str_radix(&t, 16).unwrap_or_else(|_| self.fail("four hex digits"))
    }
}

#[allow(dead_code)]
struct PodiumWriter { b: Vec<u8> }

#[allow(dead_code)]
impl PodiumWriter {
    fn tok(&mut self, t: &str) { if !self.b.is_empty() { self.b.push(b' '); } self.b.extend_from_slice(t.as_bytes()); }
}

trait PodiumValue: Sized {
    fn rd(r: &mut PodiumReader) -> Self;
    fn wr(&self, w: &mut PodiumWriter);
}

impl PodiumValue for i32 {
    fn rd(r: &mut PodiumReader) -> Self { let t = r.token(); t.parse().unwrap_or_else(|_| r.fail("an int")) }
    fn wr(&self, w: &mut PodiumWriter) { w.tok(&self.to_string()) }
}

impl PodiumValue for i64 {
    fn rd(r: &mut PodiumReader) -> Self { let t = r.token(); t.parse().unwrap_or_else(|_| r.fail("a long")) }
    fn wr(&self, w: &mut PodiumWriter) { w.tok(&self.to_string()) }
}

impl PodiumValue for f64 {
    fn rd(r: &mut PodiumReader) -> Self { let t = r.token(); t.parse().unwrap_or_else(|_| r.fail("a number")) }
    fn wr(&self, w: &mut PodiumWriter) { w.tok(&format!("{:.9}", *self + 0.0)) }
}

impl PodiumValue for bool {
    fn rd(r: &mut PodiumReader) -> Self {
        match r.token().as_str() { "true" => true, "false" => false, _ => r.fail("true or false") }
    }
    fn wr(&self, w: &mut PodiumWriter) { w.tok(if *self { "true" } else { "false" }) }
}

impl PodiumValue for String {
    fn rd(r: &mut PodiumReader) -> Self {
        r.expect(b'"');
        let mut v: Vec<u8> = Vec::new();
        loop {
            if r.i >= r.s.len() { r.fail("a closing quote") }
            let c = r.s[r.i];
            r.i += 1;
            if c == b'"' { break; }
            if c != b'\\' { v.push(c); continue; }
            let e = if r.i < r.s.len() { r.s[r.i] } else { 0 };
            r.i += 1;
            match e {
                b'n' => v.push(b'\n'),
                b't' => v.push(b'\t'),
                b'r' => v.push(b'\r'),
                b'b' => v.push(8),
                b'f' => v.push(12),
                b'u' => {
                    let mut cp = r.hex4();
                    if (0xD800..0xDC00).contains(&cp) && r.s[r.i..].starts_with(b"\\u") {
                        r.i += 2;
                        let lo = r.hex4();
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    }
                    let ch = char::from_u32(cp).unwrap_or('\u{FFFD}');
                    v.extend_from_slice(ch.encode_utf8(&mut [0u8; 4]).as_bytes());
                }
                other => v.push(other),
            }
        }
        String::from_utf8(v).unwrap_or_else(|_| r.fail("UTF-8 text"))
    }
    fn wr(&self, w: &mut PodiumWriter) {
        let mut t = vec![b'"'];
        for &c in self.as_bytes() {
            if c == b'"' || c == b'\\' { t.push(b'\\'); t.push(c); }
            else if c <= 0x20 || c == 0x7f { t.extend_from_slice(format!("\\u{:04x}", c).as_bytes()); }
            else { t.push(c); }
        }
        t.push(b'"');
        w.tok(&String::from_utf8_lossy(&t));
    }
}

impl<T: PodiumValue> PodiumValue for Vec<T> {
    fn rd(r: &mut PodiumReader) -> Self { r.items(|r| T::rd(r)) }
    fn wr(&self, w: &mut PodiumWriter) {
        w.tok("[");
        for x in self { x.wr(w); }
        w.tok("]");
    }
}
"""

_NODE_IO = {
    "ListNode": """
impl PodiumValue for Option<Box<ListNode>> {
    fn rd(r: &mut PodiumReader) -> Self {
        let a: Vec<i32> = PodiumValue::rd(r);
        let mut head = None;
        for &x in a.iter().rev() { head = Some(Box::new(ListNode { val: x, next: head })); }
        head
    }
    fn wr(&self, w: &mut PodiumWriter) {
        w.tok("[");
        let mut p = self.as_ref();
        while let Some(n) = p { n.val.wr(w); p = n.next.as_ref(); }
        w.tok("]");
    }
}
""",
    "TreeNode": """
impl PodiumValue for Option<Rc<RefCell<TreeNode>>> {
    fn rd(r: &mut PodiumReader) -> Self {
        let a: Vec<Option<i32>> = r.items(|r| {
            let t = r.token();
            if t == "null" { None } else { Some(t.parse().unwrap_or_else(|_| r.fail("an int or null"))) }
        });
        let nodes: Vec<Option<Rc<RefCell<TreeNode>>>> =
            a.iter().map(|x| x.map(|v| Rc::new(RefCell::new(TreeNode::new(v))))).collect();
        let mut k = 1;
        for p in 0..nodes.len() {
            if k >= nodes.len() { break; }
            if let Some(n) = &nodes[p] {
                n.borrow_mut().left = nodes[k].clone();
                k += 1;
                if k < nodes.len() { n.borrow_mut().right = nodes[k].clone(); k += 1; }
            }
        }
        nodes.into_iter().next().unwrap_or(None)
    }
    fn wr(&self, w: &mut PodiumWriter) {
        let mut q: Vec<Option<Rc<RefCell<TreeNode>>>> = Vec::new();
        if self.is_some() { q.push(self.clone()); }
        let mut k = 0;
        while k < q.len() {
            if let Some(n) = q[k].clone() {
                let b = n.borrow();
                q.push(b.left.clone());
                q.push(b.right.clone());
            }
            k += 1;
        }
        while let Some(None) = q.last() { q.pop(); }
        w.tok("[");
        for n in &q {
            match n { Some(n) => n.borrow().val.wr(w), None => w.tok("null") }
        }
        w.tok("]");
    }
}
""",
}

_RC = "std::rc::Rc<std::cell::RefCell<TreeNode>>"


def type_name(t: Type, qualified: bool = False) -> str:
    if t.item is not None:
        return f"Vec<{type_name(t.item, qualified)}>"
    tree = _RC if qualified else "Rc<RefCell<TreeNode>>"
    return {"int": "i32", "long": "i64", "double": "f64", "bool": "bool", "string": "String",
            "ListNode": "Option<Box<ListNode>>", "TreeNode": f"Option<{tree}>"}[t.kind]


def stub(spec: FunctionSpec) -> str:
    given = given_definitions(spec, _NODES)
    uses = "use std::rc::Rc;\nuse std::cell::RefCell;\n" if spec.uses("TreeNode") else ""
    params = ", ".join(f"{snake(p.name)}: {type_name(p.type)}" for p in spec.parameters)
    return (given + uses + "impl Solution {\n"
            + f"    pub fn {snake(spec.name)}({params}) -> {type_name(spec.returns)} {{\n"
            + "        Default::default()\n    }\n}\n")


def program(spec: FunctionSpec, source: str, file_name: str) -> tuple[str, dict[str, str]]:
    nodes = node_definitions(spec, _NODES).replace("Rc<RefCell<", "std::rc::Rc<std::cell::RefCell<")
    node_io = (node_definitions(spec, _NODE_IO).replace("Rc<RefCell<", "std::rc::Rc<std::cell::RefCell<")
               .replace("Rc::new(RefCell::new(", "std::rc::Rc::new(std::cell::RefCell::new("))
    reads = "".join(f"    let a{k}: {type_name(p.type, True)} = PodiumValue::rd(&mut r);\n"
                    for k, p in enumerate(spec.parameters))
    args = ", ".join(f"a{k}" for k in range(len(spec.parameters)))
    main = ("\nfn main() {\n    let mut s = Vec::new();\n"
            "    std::io::Read::read_to_end(&mut std::io::stdin(), &mut s).unwrap();\n"
            "    let mut r = PodiumReader { s, i: 0 };\n" + reads
            + f"    let result: {type_name(spec.returns, True)} = "
            + f"Solution::{snake(spec.name)}({args});\n"
            + "    let mut w = PodiumWriter { b: Vec::new() };\n    result.wr(&mut w);\n"
            + "    w.b.push(b'\\n');\n"
            + "    std::io::Write::write_all(&mut std::io::stdout(), &w.b).unwrap();\n}\n")
    harness = "\n" + nodes.replace("#[derive", "#[allow(dead_code)]\n#[derive") + _RUNTIME \
        + node_io + main
    return source + ("" if source.endswith("\n") else "\n") + harness, {}
