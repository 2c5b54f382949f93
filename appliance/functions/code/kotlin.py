"""Kotlin: the stub (LeetCode's `class Solution`) and the harness appended to the contestant's
code (top-level functions, fully qualified names: nothing needs to come before their code)."""

from __future__ import annotations

from appliance.functions.code.common import given_definitions, node_definitions
from appliance.functions.spec import FunctionSpec, Type

_NODES = {
    "ListNode": "class ListNode(var `val`: Int) {\n    var next: ListNode? = null\n}\n",
    "TreeNode": "class TreeNode(var `val`: Int) {\n    var left: TreeNode? = null\n"
                "    var right: TreeNode? = null\n}\n",
}

_RUNTIME = r"""
private var podiumS = ""
private var podiumI = 0
private val podiumOut = StringBuilder()

private fun podiumBad(what: String): Nothing =
    throw RuntimeException("podium harness: bad input at character $podiumI: expected $what")
private fun podiumWs() { while (podiumI < podiumS.length && podiumS[podiumI].isWhitespace()) podiumI++ }
private fun podiumNext(): Char { if (podiumI >= podiumS.length) podiumBad("more input"); return podiumS[podiumI++] }
private fun podiumValue(): Any? {
    podiumWs()
    val c = podiumNext()
    if (c == '[') {
        val a = java.util.ArrayList<Any?>()
        podiumWs()
        if (podiumI < podiumS.length && podiumS[podiumI] == ']') { podiumI++; return a }
        while (true) {
            a.add(podiumValue())
            podiumWs()
            val d = podiumNext()
            if (d == ']') return a
            if (d != ',') podiumBad("',' or ']'")
        }
    }
    if (c == '"') {
        val b = StringBuilder()
        while (true) {
            val d = podiumNext()
            if (d == '"') return b.toString()
            if (d != '\\') { b.append(d); continue }
            when (val e = podiumNext()) {
                'n' -> b.append('\n')
                't' -> b.append('\t')
                'r' -> b.append('\r')
                'b' -> b.append('\b')
                'f' -> b.append('\u000c')
                'u' -> { b.append(podiumS.substring(podiumI, podiumI + 4).toInt(16).toChar()); podiumI += 4 }
                else -> b.append(e)
            }
        }
    }
    val start = --podiumI
    while (podiumI < podiumS.length && (podiumS[podiumI].isLetterOrDigit() || podiumS[podiumI] in "+-.")) podiumI++
    val t = podiumS.substring(start, podiumI)
    return when {
        t == "null" -> null
        t == "true" -> true
        t == "false" -> false
        t.contains('.') || t.contains('e') || t.contains('E') -> t.toDoubleOrNull() ?: podiumBad("a value, not '$t'")
        else -> t.toLongOrNull() ?: podiumBad("a value, not '$t'")
    }
}
@Suppress("UNCHECKED_CAST")
private fun podiumSeq(v: Any?): List<Any?> = v as List<Any?>
private fun podiumInt(v: Any?): Int = (v as Number).toInt()
private fun podiumLong(v: Any?): Long = (v as Number).toLong()
private fun podiumDouble(v: Any?): Double = (v as Number).toDouble()
private fun podiumBool(v: Any?): Boolean = v as Boolean
private fun podiumStr(v: Any?): String = v as String
private fun podiumIntArray(v: Any?): IntArray { val l = podiumSeq(v); return IntArray(l.size) { podiumInt(l[it]) } }
private fun podiumLongArray(v: Any?): LongArray { val l = podiumSeq(v); return LongArray(l.size) { podiumLong(l[it]) } }
private fun podiumDoubleArray(v: Any?): DoubleArray { val l = podiumSeq(v); return DoubleArray(l.size) { podiumDouble(l[it]) } }
private fun podiumBoolArray(v: Any?): BooleanArray { val l = podiumSeq(v); return BooleanArray(l.size) { podiumBool(l[it]) } }
private inline fun <reified T> podiumArray(v: Any?, f: (Any?) -> T): Array<T> { val l = podiumSeq(v); return Array(l.size) { f(l[it]) } }
private fun <T> podiumList(v: Any?, f: (Any?) -> T): List<T> = podiumSeq(v).map(f)
private fun podiumTok(t: String) { if (podiumOut.isNotEmpty()) podiumOut.append(' '); podiumOut.append(t) }
private fun podiumQuote(v: String): String {
    val b = StringBuilder("\"")
    for (c in v) {
        if (c == '"' || c == '\\') b.append('\\').append(c)
        else if (c.toInt() <= 0x20 || c.toInt() == 0x7f) b.append(String.format("\\u%04x", c.toInt()))
        else b.append(c)
    }
    return b.append('"').toString()
}
private fun podiumWrite(v: Any?) {
    when (v) {
        null -> podiumTok("null")
        is Int, is Long -> podiumTok(v.toString())
        is Double -> podiumTok(String.format(java.util.Locale.ROOT, "%.9f", v + 0.0))
        is Boolean -> podiumTok(v.toString())
        is String -> podiumTok(podiumQuote(v))
        is IntArray -> { podiumTok("["); v.forEach { podiumWrite(it) }; podiumTok("]") }
        is LongArray -> { podiumTok("["); v.forEach { podiumWrite(it) }; podiumTok("]") }
        is DoubleArray -> { podiumTok("["); v.forEach { podiumWrite(it) }; podiumTok("]") }
        is BooleanArray -> { podiumTok("["); v.forEach { podiumWrite(it) }; podiumTok("]") }
        is Array<*> -> { podiumTok("["); v.forEach { podiumWrite(it) }; podiumTok("]") }
        is Iterable<*> -> { podiumTok("["); v.forEach { podiumWrite(it) }; podiumTok("]") }
        else -> throw RuntimeException("podium harness: cannot print a " + v.javaClass)
    }
}
"""

_NODE_IO = {
    "ListNode": """private fun podiumListNode(v: Any?): ListNode? {
    var head: ListNode? = null
    for (x in podiumSeq(v).asReversed()) { val n = ListNode(podiumInt(x)); n.next = head; head = n }
    return head
}
private fun podiumWriteListNode(v: ListNode?) {
    podiumTok("[")
    var p = v
    while (p != null) { podiumTok(p.`val`.toString()); p = p.next }
    podiumTok("]")
}
""",
    "TreeNode": """private fun podiumTreeNode(v: Any?): TreeNode? {
    val nodes = podiumSeq(v).map { if (it == null) null else TreeNode(podiumInt(it)) }
    var k = 1
    for (n in nodes) {
        if (k >= nodes.size) break
        if (n == null) continue
        n.left = nodes[k++]
        if (k < nodes.size) n.right = nodes[k++]
    }
    return nodes.firstOrNull()
}
private fun podiumWriteTreeNode(v: TreeNode?) {
    val q = java.util.ArrayList<TreeNode?>()
    if (v != null) q.add(v)
    var k = 0
    while (k < q.size) { val n = q[k++]; if (n != null) { q.add(n.left); q.add(n.right) } }
    while (q.isNotEmpty() && q[q.size - 1] == null) q.removeAt(q.size - 1)
    podiumTok("[")
    for (n in q) podiumTok(if (n == null) "null" else n.`val`.toString())
    podiumTok("]")
}
""",
}

_SCALARS = {"int": "Int", "long": "Long", "double": "Double", "bool": "Boolean",
            "string": "String", "ListNode": "ListNode?", "TreeNode": "TreeNode?"}
_CONVERT = {"int": "podiumInt", "long": "podiumLong", "double": "podiumDouble",
            "bool": "podiumBool", "string": "podiumStr", "ListNode": "podiumListNode",
            "TreeNode": "podiumTreeNode"}
_PRIMITIVE_ARRAYS = {"int": ("IntArray", "podiumIntArray"),
                     "long": ("LongArray", "podiumLongArray"),
                     "double": ("DoubleArray", "podiumDoubleArray"),
                     "bool": ("BooleanArray", "podiumBoolArray")}


def type_name(t: Type) -> str:
    if t.kind == "array":
        if t.item.kind in _PRIMITIVE_ARRAYS:
            return _PRIMITIVE_ARRAYS[t.item.kind][0]
        return f"Array<{type_name(t.item)}>"
    if t.kind == "list":
        return f"List<{type_name(t.item)}>"
    return _SCALARS[t.kind]


def _convert(t: Type, x: str) -> str:
    if t.kind == "array":
        if t.item.kind in _PRIMITIVE_ARRAYS:
            return f"{_PRIMITIVE_ARRAYS[t.item.kind][1]}({x})"
        return f"podiumArray({x}) {{ {_convert(t.item, 'it')} }}"
    if t.kind == "list":
        return f"podiumList({x}) {{ {_convert(t.item, 'it')} }}"
    return f"{_CONVERT[t.kind]}({x})"


def stub(spec: FunctionSpec) -> str:
    given = given_definitions(spec, _NODES)
    params = ", ".join(f"{p.name}: {type_name(p.type)}" for p in spec.parameters)
    return (given + "class Solution {\n"
            + f"    fun {spec.name}({params}): {type_name(spec.returns)} {{\n"
            + '        TODO("your solution")\n    }\n}\n')


def program(spec: FunctionSpec, source: str, file_name: str) -> tuple[str, dict[str, str]]:
    reads = "".join(f"    val a{k}: {type_name(p.type)} = {_convert(p.type, 'podiumValue()')}\n"
                    for k, p in enumerate(spec.parameters))
    args = ", ".join(f"a{k}" for k in range(len(spec.parameters)))
    writer = {"ListNode": "podiumWriteListNode", "TreeNode": "podiumWriteTreeNode"}.get(
        spec.returns.kind, "podiumWrite")
    main = ("fun main() {\n"
            "    podiumS = String(System.`in`.readBytes(), Charsets.UTF_8)\n" + reads
            + f"    {writer}(Solution().{spec.name}({args}))\n"
            + "    podiumOut.append('\\n')\n"
            + "    System.out.write(podiumOut.toString().toByteArray(Charsets.UTF_8))\n"
            + "    System.out.flush()\n}\n")
    harness = ("\n" + node_definitions(spec, _NODES) + _RUNTIME
               + node_definitions(spec, _NODE_IO) + main)
    return source + ("" if source.endswith("\n") else "\n") + harness, {}
