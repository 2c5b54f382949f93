# Converts the input to numbers one character at a time, with int() on every digit:
# correct, but about 13 million interpreted steps on the large case.
import sys

numbers = []
digits = ""
for ch in sys.stdin.read():
    if ch.isspace():
        if digits:
            numbers.append(digits)
            digits = ""
    else:
        digits += ch
if digits:
    numbers.append(digits)
total = 0
for token in numbers[1:]:
    value = 0
    for ch in token.lstrip("-"):
        value = value * 10 + int(ch)
    total += -value if token.startswith("-") else value
print(total)
