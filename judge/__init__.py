"""The judge: languages, the Docker sandbox pool, the in-container runner and output validators.

Standard library only at import time, so the runner can import it inside the sandbox.
"""
