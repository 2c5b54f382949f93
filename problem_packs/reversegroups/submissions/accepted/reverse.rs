impl Solution {
    pub fn reverse_k_group(head: Option<Box<ListNode>>, k: i32) -> Option<Box<ListNode>> {
        let mut values = Vec::new();
        let mut p = head.as_ref();
        while let Some(node) = p {
            values.push(node.val);
            p = node.next.as_ref();
        }
        let k = k as usize;
        let full = values.len() - values.len() % k;
        for start in (0..full).step_by(k) {
            values[start..start + k].reverse();
        }
        let mut result = None;
        for &v in values.iter().rev() {
            let mut node = ListNode::new(v);
            node.next = result;
            result = Some(Box::new(node));
        }
        result
    }
}
