# Definition for ListNode (given by Podium):
# class ListNode:
#     def __init__(self, val=0, next=None):
#         self.val = val
#         self.next = next
class Solution:
    def reverseKGroup(self, head: Optional[ListNode], k: int) -> Optional[ListNode]:
        nodes = []
        while head:
            nodes.append(head)
            head = head.next
        full = len(nodes) - len(nodes) % k
        for start in range(0, full, k):
            nodes[start:start + k] = nodes[start:start + k][::-1]
        for a, b in zip(nodes, nodes[1:]):
            a.next = b
        if nodes:
            nodes[-1].next = None
        return nodes[0] if nodes else None
