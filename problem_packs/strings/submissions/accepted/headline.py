# split(" ") keeps empty strings between adjacent spaces, so joining restores the layout.
import sys

lines = sys.stdin.read().split("\n")
n = int(lines[0])
out = []
for line in lines[1:n + 1]:
    out.append(" ".join(word[:1].upper() + word[1:].lower() for word in line.split(" ")))
sys.stdout.write("\n".join(out) + "\n")
