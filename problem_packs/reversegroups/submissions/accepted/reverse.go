func reverseKGroup(head *ListNode, k int) *ListNode {
	values := []int{}
	for p := head; p != nil; p = p.Next {
		values = append(values, p.Val)
	}
	for start := 0; start+k <= len(values); start += k {
		for i, j := start, start+k-1; i < j; i, j = i+1, j-1 {
			values[i], values[j] = values[j], values[i]
		}
	}
	var result *ListNode
	for i := len(values) - 1; i >= 0; i-- {
		result = &ListNode{Val: values[i], Next: result}
	}
	return result
}
