func rotateClockwise(matrix [][]int) [][]int {
	// Wrong: transposes instead of turning (the rows are not reversed).
	r, c := len(matrix), len(matrix[0])
	turned := make([][]int, c)
	for j := range turned {
		turned[j] = make([]int, r)
		for i := 0; i < r; i++ {
			turned[j][i] = matrix[i][j]
		}
	}
	return turned
}
