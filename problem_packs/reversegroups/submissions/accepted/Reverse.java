class Solution {
    public ListNode reverseKGroup(ListNode head, int k) {
        List<Integer> values = new ArrayList<>();
        for (ListNode p = head; p != null; p = p.next) values.add(p.val);
        int full = values.size() - values.size() % k;
        for (int start = 0; start < full; start += k) {
            Collections.reverse(values.subList(start, start + k));
        }
        ListNode result = null;
        for (int i = values.size() - 1; i >= 0; i--) result = new ListNode(values.get(i), result);
        return result;
    }
}
