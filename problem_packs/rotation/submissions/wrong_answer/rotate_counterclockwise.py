class Solution:
    def rotateClockwise(self, matrix: List[List[int]]) -> List[List[int]]:
        # Wrong: turns the other way.
        return [list(column) for column in zip(*matrix)][::-1]
