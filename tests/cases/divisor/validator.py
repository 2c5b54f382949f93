# Output validator in Python: the team must print a proper divisor of n.
import sys

n = int(open(sys.argv[1]).read())
feedback = open(sys.argv[3] + "judgemessage.txt", "w")
tokens = sys.stdin.read().split()
if len(tokens) != 1 or not tokens[0].isdigit():
    feedback.write("expected one number\n")
    sys.exit(43)
d = int(tokens[0])
if 1 < d < n and n % d == 0:
    sys.exit(42)
feedback.write(f"{d} is not a proper divisor of {n}\n")
sys.exit(43)
