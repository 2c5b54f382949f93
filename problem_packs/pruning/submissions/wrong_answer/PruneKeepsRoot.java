class Solution {
    public TreeNode pruneTree(TreeNode root) {
        // Wrong: never removes the root, even when the whole tree bears nothing.
        if (root == null) return null;
        root.left = prune(root.left);
        root.right = prune(root.right);
        return root;
    }
    private TreeNode prune(TreeNode node) {
        if (node == null) return null;
        node.left = prune(node.left);
        node.right = prune(node.right);
        return node.val != 0 || node.left != null || node.right != null ? node : null;
    }
}
