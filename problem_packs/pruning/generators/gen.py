"""Writes data/secret for `pruning` (the samples are written by hand); deterministic."""
import random
import sys
from pathlib import Path

SECRET = Path(__file__).resolve().parent.parent / "data" / "secret"


class Node:
    def __init__(self, val: int) -> None:
        self.val, self.left, self.right = val, None, None


def level_order(root: Node | None) -> list[int | None]:
    queue, k = ([root] if root else []), 0
    while k < len(queue):
        if queue[k] is not None:
            queue += [queue[k].left, queue[k].right]
        k += 1
    while queue and queue[-1] is None:
        queue.pop()
    return [None if n is None else n.val for n in queue]


def prune(node: Node | None) -> Node | None:
    if node is None:
        return None
    node.left, node.right = prune(node.left), prune(node.right)
    return node if node.val or node.left or node.right else None


def random_tree(rng: random.Random, n: int, ones: float, chain: bool = False) -> Node | None:
    nodes = [Node(1 if rng.random() < ones else 0) for _ in range(n)]
    for k in range(1, n):
        while True:
            parent = nodes[k - 1] if chain else nodes[rng.randrange(k)]
            side = rng.choice(("left", "right"))
            if getattr(parent, side) is None:
                setattr(parent, side, nodes[k])
                break
    return nodes[0] if nodes else None


def text(values: list[int | None]) -> str:
    return ",".join("null" if v is None else str(v) for v in values)


def write(name: str, root: Node | None) -> None:
    (SECRET / f"{name}.in").write_text(f"[{text(level_order(root))}]\n")
    pruned = level_order(prune(root))
    (SECRET / f"{name}.ans").write_text(
        " ".join(["[", *("null" if v is None else str(v) for v in pruned), "]"]) + "\n")


def main() -> None:
    sys.setrecursionlimit(10000)
    rng = random.Random(20240706)
    SECRET.mkdir(parents=True, exist_ok=True)
    write("01_empty", None)
    write("02_single_zero", random_tree(rng, 1, 0.0))
    write("03_single_one", random_tree(rng, 1, 1.0))
    write("04_all_zero", random_tree(rng, 200, 0.0))
    write("05_sparse_ones", random_tree(rng, 500, 0.02))
    write("06_half", random_tree(rng, 3000, 0.5))
    write("07_deep_chain", random_tree(rng, 3000, 0.01, chain=True))
    write("08_mostly_ones", random_tree(rng, 3000, 0.9))


if __name__ == "__main__":
    main()
