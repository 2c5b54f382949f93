"""Write the secret test data of `strings` (Headline Case), deterministically.

Run from anywhere: python3 generators/gen.py
Lines mix upper and lower case, apostrophes, hyphens and digits inside words (where
str.title() goes wrong) and runs of several spaces (which split-and-join loses).
"""

import random
from pathlib import Path

SECRET = Path(__file__).resolve().parent.parent / "data" / "secret"
N_MAX = 1000
LINE_MAX = 200
ALLOWED = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'- ")


def headline(line: str) -> str:
    """The reference: upper-case each word's first character, lower-case the rest."""
    return " ".join(word[:1].upper() + word[1:].lower() for word in line.split(" "))


SYLLABLES = ["ka", "lo", "ren", "st", "ma", "quo", "ix", "be", "dra", "on", "vy", "zu",
             "th", "ei", "gr", "sh", "a", "o", "u", "pel", "mc", "don"]


def random_case(rng: random.Random, text: str) -> str:
    style = rng.random()
    if style < 0.25:
        return text.upper()
    if style < 0.5:
        return text.lower()
    return "".join(c.upper() if rng.random() < 0.5 else c.lower() for c in text)


def random_word(rng: random.Random) -> str:
    kind = rng.random()
    base = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 3)))
    if kind < 0.15:
        base = f"{base}'{rng.choice(['s', 't', 'n', 'll', 're', 'd'])}"
    elif kind < 0.25:
        base = f"{rng.choice(['o', 'd', 'l'])}'{base}"
    elif kind < 0.35:
        base = f"{base}-{''.join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 2)))}"
    elif kind < 0.42:
        base = f"{rng.randint(1, 999)}{base}"
    elif kind < 0.47:
        base = f"{base}{rng.randint(0, 99)}{rng.choice(SYLLABLES)}"
    elif kind < 0.50:
        base = rng.choice(["-", "--", "'", "'tis", "42", "x-ray", "e-mail", "2nd"])
    return random_case(rng, base)


def random_line(rng: random.Random, max_len: int = LINE_MAX, wide: float = 0.3) -> str:
    words = [random_word(rng)]
    target = rng.randint(1, max_len)
    while True:
        gap = " " * (rng.randint(2, 5) if rng.random() < wide else 1)
        word = random_word(rng)
        if len(" ".join(words)) + len(gap) + len(word) > target:
            break
        words.append(gap + word)
    return "".join(words)[:max_len].rstrip(" ")


HAND = [
    "a",
    "I",
    "hello world",
    "HELLO WORLD",
    "hElLo   wOrLd",
    "rock'n'ROLL  is  well-known",
    "o'neil and mcdonald's x-ray",
    "'tis the 2nd e-mail from 3d printers",
    "- -- ' 42 99luftballons",
    "the  quick   brown    fox     jumps",
    "Already Correct Headline",
    "ALL-CAPS WITH-HYPHENS AND DON'T",
    "x" * LINE_MAX,
    ("ab " * 67)[:LINE_MAX].rstrip(" "),
    "a" + " " * 198 + "b",
]


def write(name: str, lines: list[str]) -> None:
    assert 1 <= len(lines) <= N_MAX
    for line in lines:
        assert 1 <= len(line) <= LINE_MAX and set(line) <= ALLOWED, line
        assert line[0] != " " and line[-1] != " ", line
    (SECRET / f"{name}.in").write_text(f"{len(lines)}\n" + "".join(f"{x}\n" for x in lines))
    (SECRET / f"{name}.ans").write_text("".join(f"{headline(x)}\n" for x in lines))


def main() -> None:
    rng = random.Random(2718)
    SECRET.mkdir(parents=True, exist_ok=True)
    write("01_hand", HAND)
    write("02_one_word", ["word"])
    write("03_short", [random_line(rng, 30) for _ in range(100)])
    write("04_random", [random_line(rng) for _ in range(N_MAX)])
    write("05_single_spaces", [random_line(rng, wide=0.0) for _ in range(300)])
    write("06_wide_gaps", [random_line(rng, wide=0.9) for _ in range(300)])
    write("07_long", [random_line(rng, LINE_MAX) for _ in range(N_MAX)])


if __name__ == "__main__":
    main()
