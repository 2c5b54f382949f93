class Solution {
    fun reverseKGroup(head: ListNode?, k: Int): ListNode? {
        val values = ArrayList<Int>()
        var p = head
        while (p != null) { values.add(p.`val`); p = p.next }
        val full = values.size - values.size % k
        var start = 0
        while (start < full) { values.subList(start, start + k).reverse(); start += k }
        var result: ListNode? = null
        for (i in values.indices.reversed()) {
            val node = ListNode(values[i])
            node.next = result
            result = node
        }
        return result
    }
}
