# Cuts the first number off the line again and again: each cut copies the rest of the
# line, so the work grows with the square of its length.
n = int(input())
line = input().strip()
total = 0
for _ in range(n):
    space = line.find(" ")
    if space < 0:
        total += int(line)
        break
    total += int(line[:space])
    line = line[space + 1:]
print(total)
