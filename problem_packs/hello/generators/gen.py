"""Write the test data of `hello`: the problem has no input, so one empty secret case is all.

Run from anywhere: python3 generators/gen.py
"""

from pathlib import Path

ANSWER = "Hello World!\n"
DATA = Path(__file__).resolve().parent.parent / "data"


def main() -> None:
    for group, name in (("sample", "1"), ("secret", "01")):
        folder = DATA / group
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{name}.in").write_text("")
        (folder / f"{name}.ans").write_text(ANSWER)


if __name__ == "__main__":
    main()
