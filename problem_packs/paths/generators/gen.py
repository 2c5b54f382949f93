"""Write the secret test data of `paths` (Snow Plough Routes), deterministically.

Run from anywhere: python3 generators/gen.py
Besides random graphs there are cases made against wrong approaches: a long path whose
edges are listed from the far end (Bellman-Ford needs n rounds), graphs where the path
with fewest roads is not the shortest (breadth-first search), and distances past 2^31.
"""

import heapq
import random
from pathlib import Path

SECRET = Path(__file__).resolve().parent.parent / "data" / "secret"
N_MAX = 10**5
M_MAX = 2 * 10**5
W_MAX = 10**6

Edge = tuple[int, int, int]


def shortest(n: int, edges: list[Edge]) -> list[int]:
    """Dijkstra from vertex 1; -1 for vertices it does not reach."""
    adjacent: list[list[tuple[int, int]]] = [[] for _ in range(n + 1)]
    for u, v, w in edges:
        adjacent[u].append((v, w))
        adjacent[v].append((u, w))
    dist = [-1] * (n + 1)
    heap = [(0, 1)]
    while heap:
        d, u = heapq.heappop(heap)
        if dist[u] != -1:
            continue
        dist[u] = d
        for v, w in adjacent[u]:
            if dist[v] == -1:
                heapq.heappush(heap, (d + w, v))
    return dist[1:]


def write(name: str, n: int, edges: list[Edge]) -> None:
    assert 2 <= n <= N_MAX and 1 <= len(edges) <= M_MAX
    assert all(1 <= u <= n and 1 <= v <= n and u != v and 1 <= w <= W_MAX for u, v, w in edges)
    lines = [f"{n} {len(edges)}"] + [f"{u} {v} {w}" for u, v, w in edges]
    (SECRET / f"{name}.in").write_text("\n".join(lines) + "\n")
    (SECRET / f"{name}.ans").write_text("".join(f"{d}\n" for d in shortest(n, edges)))


def random_edges(rng: random.Random, n: int, m: int, w_max: int = W_MAX) -> list[Edge]:
    edges = []
    while len(edges) < m:
        u, v = rng.randint(1, n), rng.randint(1, n)
        if u != v:
            edges.append((u, v, rng.randint(1, w_max)))
    return edges


def connected_edges(rng: random.Random, n: int, m: int, w_max: int = W_MAX) -> list[Edge]:
    """A random spanning tree plus random edges, shuffled, with shuffled labels (1 kept)."""
    labels = list(range(2, n + 1))
    rng.shuffle(labels)
    labels = [1] + labels
    edges = [(labels[i], labels[rng.randrange(i)], rng.randint(1, w_max)) for i in range(1, n)]
    edges += random_edges(rng, n, m - len(edges), w_max)
    rng.shuffle(edges)
    return [(u, v, w) if rng.random() < 0.5 else (v, u, w) for u, v, w in edges]


def reversed_path(rng: random.Random, n: int, m: int) -> list[Edge]:
    """Path 1-2-...-n of light roads listed from the far end, plus heavy random roads
    that are never shortcuts: the worst order for Bellman-Ford."""
    edges = [(i, i + 1, 1) for i in range(n - 1, 0, -1)]
    edges += random_edges(rng, n, m - len(edges), W_MAX)
    return [(u, v, W_MAX if i >= n - 1 else w) for i, (u, v, w) in enumerate(edges)]


def few_roads_trap(rng: random.Random, n: int) -> list[Edge]:
    """Direct roads 1-v that are long, and a chain of short roads that is shorter:
    the route with fewest roads is never the shortest one."""
    edges = [(i, i + 1, rng.randint(1, 5)) for i in range(1, n)]
    edges += [(1, v, 6 * n) for v in range(3, n + 1)]
    rng.shuffle(edges)
    return edges


def main() -> None:
    rng = random.Random(31337)
    SECRET.mkdir(parents=True, exist_ok=True)
    write("01_tiny", 2, [(1, 2, 5)])
    write("02_hand", 7, [(1, 2, 7), (1, 3, 2), (3, 2, 3), (2, 4, 1), (3, 4, 9), (4, 5, 4),
                         (5, 4, 1), (1, 5, 1000000), (6, 7, 1)])   # 6 and 7 unreachable
    write("03_unreachable_all", 5, [(2, 3, 1), (3, 4, 1), (4, 5, 1)])
    write("04_small_random", 12, connected_edges(rng, 12, 30, 20))
    write("05_few_roads_trap", 2000, few_roads_trap(rng, 2000))
    write("06_random_max", N_MAX, connected_edges(rng, N_MAX, M_MAX))
    write("07_random_light", 20_000, connected_edges(rng, 20_000, 40_000, 10))
    write("08_reversed_path", N_MAX, reversed_path(rng, N_MAX, N_MAX + 20_000))
    write("09_long_heavy_path", 5000, [(i, i + 1, W_MAX) for i in range(4999, 0, -1)])
    write("10_two_parts", N_MAX, [(u, v, w) for u, v, w in random_edges(rng, N_MAX, N_MAX)
                                  if (u <= N_MAX // 2) == (v <= N_MAX // 2)])
    write("11_dense", 500, random_edges(rng, 500, 50_000))


if __name__ == "__main__":
    main()
