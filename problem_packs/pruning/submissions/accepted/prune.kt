class Solution {
    fun pruneTree(root: TreeNode?): TreeNode? {
        if (root == null) return null
        root.left = pruneTree(root.left)
        root.right = pruneTree(root.right)
        return if (root.`val` != 0 || root.left != null || root.right != null) root else null
    }
}
