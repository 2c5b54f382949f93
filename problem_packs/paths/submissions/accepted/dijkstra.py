# Dijkstra with heapq; each heap entry is one int (distance * shift + vertex) and pushes
# are pruned by the best known distance, which keeps CPython well inside the limit.
import heapq
import sys


def main():
    data = sys.stdin.buffer.read().split()
    n, m = int(data[0]), int(data[1])
    edges = list(map(int, data[2:2 + 3 * m]))
    adjacent = [[] for _ in range(n + 1)]
    for i in range(0, 3 * m, 3):
        u, v, w = edges[i], edges[i + 1], edges[i + 2]
        adjacent[u].append(w << 20 | v)
        adjacent[v].append(w << 20 | u)
    mask = (1 << 20) - 1
    best = [-1] * (n + 1)
    done = [False] * (n + 1)
    best[1] = 0
    heap = [1]
    pop, push = heapq.heappop, heapq.heappush
    while heap:
        key = pop(heap)
        u = key & mask
        if done[u]:
            continue
        done[u] = True
        d = key >> 20
        for edge in adjacent[u]:
            v = edge & mask
            nd = d + (edge >> 20)
            if best[v] == -1 or nd < best[v]:
                best[v] = nd
                push(heap, nd << 20 | v)
    sys.stdout.write("\n".join(map(str, best[1:])) + "\n")


main()
