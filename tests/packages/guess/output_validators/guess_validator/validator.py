import sys

# reads the secret from argv[1], answers guesses on stdin
sys.exit(42)
