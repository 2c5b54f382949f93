"""Function (LeetCode-style) problems: the spec and each language's stub and harness."""
