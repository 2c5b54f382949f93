# Prints the right line but exits with status 1.
import sys

print("Hello World!")
sys.exit(1)
