/**
 * @param {ListNode} head
 * @param {number} k
 * @return {ListNode}
 */
var reverseKGroup = function(head, k) {
    const values = [];
    for (let p = head; p; p = p.next) values.push(p.val);
    const out = [];
    for (let start = 0; start < values.length; start += k) {
        const block = values.slice(start, start + k);
        out.push(...(block.length === k ? block.reverse() : block));
    }
    let result = null;
    for (let i = out.length - 1; i >= 0; i--) result = new ListNode(out[i], result);
    return result;
};
