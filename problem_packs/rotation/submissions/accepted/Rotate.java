class Solution {
    public int[][] rotateClockwise(int[][] matrix) {
        int r = matrix.length, c = matrix[0].length;
        int[][] turned = new int[c][r];
        for (int i = 0; i < r; i++)
            for (int j = 0; j < c; j++) turned[j][r - 1 - i] = matrix[i][j];
        return turned;
    }
}
