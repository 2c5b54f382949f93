public class Solution {
    public int[][] RotateClockwise(int[][] matrix) {
        int r = matrix.Length, c = matrix[0].Length;
        var turned = new int[c][];
        for (int j = 0; j < c; j++) {
            turned[j] = new int[r];
            for (int i = 0; i < r; i++) turned[j][i] = matrix[r - 1 - i][j];
        }
        return turned;
    }
}
