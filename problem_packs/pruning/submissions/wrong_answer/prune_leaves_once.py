class Solution:
    def pruneTree(self, root: Optional[TreeNode]) -> Optional[TreeNode]:
        # Wrong: cuts the zero leaves once, but not the zero parents they leave behind.
        def cut(node):
            if node is None:
                return None
            if node.val == 0 and node.left is None and node.right is None:
                return None
            node.left, node.right = cut(node.left), cut(node.right)
            return node
        return cut(root)
