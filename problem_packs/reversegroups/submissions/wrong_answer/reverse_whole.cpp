class Solution {
public:
    ListNode* reverseKGroup(ListNode* head, int k) {
        // Wrong: reverses the whole list, whatever k is.
        ListNode* prev = nullptr;
        while (head) { ListNode* next = head->next; head->next = prev; prev = head; head = next; }
        return prev;
    }
};
