# Interactor for "Higher or Lower": reads n and x from the input file, answers at most 31
# questions, and accepts (42) only when the submission asks for x and then stops.
import sys

n, x = map(int, open(sys.argv[1]).read().split())
feedback = open(sys.argv[3] + "judgemessage.txt", "w")


def reject(message: str) -> None:
    feedback.write(message + "\n")
    sys.exit(43)


print(n, flush=True)
for question in range(1, 32):
    line = sys.stdin.readline()
    parts = line.split()
    if len(parts) != 2 or parts[0] != "?" or not parts[1].lstrip("-").isdigit():
        reject(f"question {question}: expected '? y', got {line.strip()[:40]!r}")
    y = int(parts[1])
    if not 1 <= y <= n:
        reject(f"question {question}: {y} is out of range")
    if y == x:
        print("correct", flush=True)
        if sys.stdin.read().strip():
            reject("output after the correct guess")
        feedback.write(f"found {x} in {question} questions\n")
        sys.exit(42)
    print("higher" if x > y else "lower", flush=True)
reject("more than 31 questions")
