class Solution {
    fun rotateClockwise(matrix: Array<IntArray>): Array<IntArray> {
        val r = matrix.size
        val c = matrix[0].size
        return Array(c) { j -> IntArray(r) { i -> matrix[r - 1 - i][j] } }
    }
}
