# Answers the first number wrongly and keeps writing: the interactor rejects first.
import sys
input()
while True:
    sys.stdout.write("0\n" * 1000)
    sys.stdout.flush()
