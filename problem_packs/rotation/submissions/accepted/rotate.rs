impl Solution {
    pub fn rotate_clockwise(matrix: Vec<Vec<i32>>) -> Vec<Vec<i32>> {
        let (r, c) = (matrix.len(), matrix[0].len());
        (0..c).map(|j| (0..r).map(|i| matrix[r - 1 - i][j]).collect()).collect()
    }
}
