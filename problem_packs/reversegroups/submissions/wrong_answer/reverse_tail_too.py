class Solution:
    def reverseKGroup(self, head: Optional[ListNode], k: int) -> Optional[ListNode]:
        # Wrong: also reverses the last block when it is shorter than k.
        values = []
        while head:
            values.append(head.val)
            head = head.next
        out = []
        for start in range(0, len(values), k):
            out += values[start:start + k][::-1]
        result = None
        for v in reversed(out):
            result = ListNode(v, result)
        return result
