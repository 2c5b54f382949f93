# Breadth-first search: finds the route with the fewest roads and adds up its lengths,
# which is not the shortest route when the roads have different lengths.
import sys
from collections import deque


def main():
    data = sys.stdin.buffer.read().split()
    n, m = int(data[0]), int(data[1])
    adjacent = [[] for _ in range(n + 1)]
    for i in range(m):
        u, v, w = int(data[2 + 3 * i]), int(data[3 + 3 * i]), int(data[4 + 3 * i])
        adjacent[u].append((v, w))
        adjacent[v].append((u, w))
    dist = [-1] * (n + 1)
    dist[1] = 0
    queue = deque([1])
    while queue:
        u = queue.popleft()
        for v, w in adjacent[u]:
            if dist[v] == -1:
                dist[v] = dist[u] + w
                queue.append(v)
    sys.stdout.write("\n".join(map(str, dist[1:])) + "\n")


main()
