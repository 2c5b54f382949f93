public class Solution {
    public ListNode ReverseKGroup(ListNode head, int k) {
        var values = new List<int>();
        for (var p = head; p != null; p = p.next) values.Add(p.val);
        int full = values.Count - values.Count % k;
        for (int start = 0; start < full; start += k) values.Reverse(start, k);
        ListNode result = null;
        for (int i = values.Count - 1; i >= 0; i--) result = new ListNode(values[i], result);
        return result;
    }
}
