public class Solution {
    public TreeNode PruneTree(TreeNode root) {
        if (root == null) return null;
        root.left = PruneTree(root.left);
        root.right = PruneTree(root.right);
        return root.val != 0 || root.left != null || root.right != null ? root : null;
    }
}
