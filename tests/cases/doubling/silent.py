# Never answers: waits for more input that never comes.
import sys
sys.stdin.read()
