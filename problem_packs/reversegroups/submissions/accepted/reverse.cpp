class Solution {
public:
    ListNode* reverseKGroup(ListNode* head, int k) {
        ListNode dummy(0, head);
        ListNode* before = &dummy;
        for (;;) {
            ListNode* end = before;
            for (int i = 0; i < k && end; i++) end = end->next;
            if (!end) break;
            ListNode* first = before->next;
            ListNode* after = end->next;
            ListNode* prev = after;
            ListNode* cur = first;
            while (cur != after) {
                ListNode* next = cur->next;
                cur->next = prev;
                prev = cur;
                cur = next;
            }
            before->next = end;
            before = first;
        }
        return dummy.next;
    }
};
