"""Problem packages: reading them, the library, verification, judging a package."""
