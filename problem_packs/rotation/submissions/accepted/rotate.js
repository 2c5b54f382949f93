/**
 * @param {number[][]} matrix
 * @return {number[][]}
 */
var rotateClockwise = function(matrix) {
    const r = matrix.length, c = matrix[0].length;
    return Array.from({ length: c }, (_, j) => Array.from({ length: r }, (_, i) => matrix[r - 1 - i][j]));
};
