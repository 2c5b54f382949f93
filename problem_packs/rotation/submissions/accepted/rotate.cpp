class Solution {
public:
    vector<vector<int>> rotateClockwise(vector<vector<int>>& matrix) {
        int r = matrix.size(), c = matrix[0].size();
        vector<vector<int>> turned(c, vector<int>(r));
        for (int i = 0; i < r; i++)
            for (int j = 0; j < c; j++) turned[j][r - 1 - i] = matrix[i][j];
        return turned;
    }
};
