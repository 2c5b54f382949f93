# Interactor: sends each number of the input, expects its double back, then says "end".
import sys

numbers = [int(x) for x in open(sys.argv[1]).read().split()]
feedback = open(sys.argv[3] + "judgemessage.txt", "w")
for k in numbers:
    print(k, flush=True)
    line = sys.stdin.readline()
    if line.strip() != str(2 * k):
        feedback.write(f"sent {k}, got {line.strip()!r}\n")
        sys.exit(43)
print("end", flush=True)
if sys.stdin.read().strip():
    feedback.write("trailing output\n")
    sys.exit(43)
sys.exit(42)
