use std::rc::Rc;
use std::cell::RefCell;
impl Solution {
    pub fn prune_tree(root: Option<Rc<RefCell<TreeNode>>>) -> Option<Rc<RefCell<TreeNode>>> {
        let node = root?;
        let (left, right) = {
            let mut n = node.borrow_mut();
            (n.left.take(), n.right.take())
        };
        let left = Self::prune_tree(left);
        let right = Self::prune_tree(right);
        let keep = node.borrow().val != 0 || left.is_some() || right.is_some();
        {
            let mut n = node.borrow_mut();
            n.left = left;
            n.right = right;
        }
        if keep { Some(node) } else { None }
    }
}
