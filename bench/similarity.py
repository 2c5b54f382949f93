"""Cost of the similarity report of one problem, against lexing the same sources alone.

Run by hand: `.venv/bin/python bench/similarity.py [--submissions 200] [--lines 100]`.
Generates seeded C++ programs of about `--lines` lines each (random loops, branches and
arithmetic over random names, so independent programs differ as people's do), makes a few of
them renamed and reformatted copies of others, and times `compare` over all of them. The
baseline is Pygments lexing the same sources, measured in the same run: a report cannot cost
less than reading its tokens. Then times the report made again with one more submission (the
server's case: tokens of the others are kept), and checks that the copies rank first.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pygments.lexers import get_lexer_by_name  # noqa: E402

from appliance.similarity.fingerprints import Source, compare  # noqa: E402

WORDS = ("total", "best", "count", "left", "right", "mid", "cur", "acc", "low", "high", "step",
         "sum", "val", "res", "k", "j", "x", "y", "z", "tmp", "prev", "next", "cnt", "ans")
OPS = ("+", "-", "*", "^", "%", "/")


def statement(rng: random.Random, names: list[str], depth: int) -> list[str]:
    """A few lines of plausible contest code."""
    a, b, c = (rng.choice(names) for _ in range(3))
    kind = rng.random()
    if depth < 2 and kind < 0.25:
        body = [line for _ in range(rng.randint(1, 3))
                for line in statement(rng, names, depth + 1)]
        return [f"for (int {a} = {rng.randint(0, 2)}; {a} < n; {a}++) {{",
                *("    " + line for line in body), "}"]
    if depth < 2 and kind < 0.45:
        body = statement(rng, names, depth + 1)
        return [f"if ({a} {rng.choice(('<', '>', '==', '!='))} {b}) {{",
                *("    " + line for line in body), "}"]
    if kind < 0.6:
        return [f"v[{a} % n] = max(v[{b} % n], {c} {rng.choice(OPS)} {rng.randint(1, 99)});"]
    if kind < 0.7:
        return [f"cout << {a} << \" \" << {b} << \"\\n\";"]
    return [f"{a} = {b} {rng.choice(OPS)} {c} {rng.choice(OPS)} {rng.randint(1, 1000)};"]


def program(rng: random.Random, lines: int) -> str:
    names = rng.sample(WORDS, 8)
    body: list[str] = []
    while len(body) < lines - 10:
        body += statement(rng, names, 0)
    head = ["#include <bits/stdc++.h>", "using namespace std;", "", "int main() {",
            "    int n;", "    cin >> n;", "    vector<long long> v(n);",
            f"    long long {', '.join(f'{x} = 0' for x in names)};"]
    return "\n".join([*head, *("    " + line for line in body), "    return 0;", "}", ""])


def disguise(text: str, rng: random.Random) -> str:
    """Renamed identifiers, squeezed layout, a comment: what a copier does."""
    renamed = {w: f"q{i}{rng.randint(0, 9)}" for i, w in enumerate(WORDS)}
    text = re.sub(r"\b(" + "|".join(WORDS) + r")\b", lambda m: renamed[m.group()], text)
    text = re.sub(r"\n +", "\n  ", text).replace(" = ", "=").replace(" < ", "<")
    return "// my own work\n" + text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=200)
    parser.add_argument("--lines", type=int, default=100)
    parser.add_argument("--copies", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    texts = [program(rng, args.lines) for _ in range(args.submissions - args.copies)]
    copied = rng.sample(range(len(texts)), args.copies)
    texts += [disguise(texts[i], rng) for i in copied]
    sources = [Source(str(i), f"team{i}", "cpp", "a.cpp", t) for i, t in enumerate(texts)]
    mean_lines = sum(t.count("\n") for t in texts) / len(texts)

    lexer = get_lexer_by_name("cpp")
    start = time.perf_counter()
    for text in texts:
        for _ in lexer.get_tokens_unprocessed(text):
            pass
    lexing = time.perf_counter() - start

    seen: dict = {}
    start = time.perf_counter()
    report = compare("bench", sources, seen=seen)
    took = time.perf_counter() - start
    newcomer = Source("new", "team-new", "cpp", "a.cpp", program(rng, args.lines))
    start = time.perf_counter()
    compare("bench", [*sources, newcomer], seen=seen)
    again = time.perf_counter() - start

    copy_pairs = {frozenset((str(i), str(len(texts) - args.copies + n)))
                  for n, i in enumerate(copied)}
    top = {frozenset((p.a.id, p.b.id)) for p in report.pairs[:args.copies]}
    print(f"{len(texts)} submissions of {mean_lines:.0f} lines: "
          f"{len(texts) * (len(texts) - 1) // 2} pairs, {len(report.pairs)} share a fingerprint")
    print(f"report {took:.2f} s; lexing alone {lexing:.2f} s; ratio {took / lexing:.2f}")
    print(f"again with one new submission (tokens of the others kept): {again:.2f} s")
    copies = [p.similarity for p in report.pairs if frozenset((p.a.id, p.b.id)) in copy_pairs]
    others = [p.similarity for p in report.pairs
              if frozenset((p.a.id, p.b.id)) not in copy_pairs]
    print(f"copies ranked first: {len(top & copy_pairs)}/{args.copies}; lowest copy "
          f"{min(copies):.2f}, best other pair {max(others, default=0):.2f}")

if __name__ == "__main__":
    main()
