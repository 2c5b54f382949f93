"""Output validators: the built-in default validator of the ICPC/Kattis problem package format."""
