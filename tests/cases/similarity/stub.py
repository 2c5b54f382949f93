import sys
from typing import List


def heaviest_row(grid: List[List[int]]) -> int:
    """Return the largest sum of one row of the grid."""
    # your code here
    return 0


def read_grid(lines: List[str]) -> List[List[int]]:
    rows, cols = map(int, lines[0].split())
    grid = []
    for r in range(rows):
        values = list(map(int, lines[1 + r].split()))
        assert len(values) == cols, "row of the wrong length"
        grid.append(values)
    return grid


def main() -> None:
    lines = sys.stdin.read().strip().split("\n")
    cases = int(lines[0])
    at = 1
    for case in range(cases):
        rows = int(lines[at].split()[0])
        grid = read_grid(lines[at:at + rows + 1])
        at += rows + 1
        print(f"Case #{case + 1}: {heaviest_row(grid)}")


if __name__ == "__main__":
    main()
