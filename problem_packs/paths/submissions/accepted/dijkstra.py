# Dijkstra with heapq; the graph is kept in flat lists to stay quick in CPython.
import heapq
import sys


def main():
    data = sys.stdin.buffer.read().split()
    n, m = int(data[0]), int(data[1])
    adjacent = [[] for _ in range(n + 1)]
    for i in range(m):
        u, v, w = int(data[2 + 3 * i]), int(data[3 + 3 * i]), int(data[4 + 3 * i])
        adjacent[u].append((v, w))
        adjacent[v].append((u, w))
    dist = [-1] * (n + 1)
    heap = [(0, 1)]
    pop, push = heapq.heappop, heapq.heappush
    while heap:
        d, u = pop(heap)
        if dist[u] != -1:
            continue
        dist[u] = d
        for v, w in adjacent[u]:
            if dist[v] == -1:
                push(heap, (d + w, v))
    sys.stdout.write("\n".join(map(str, dist[1:])) + "\n")


main()
