"""The name of a Java source's public top-level class, as the compiler reads it: comments,
strings, text blocks and char literals are skipped, and only declarations outside every
brace count. javac wants a file named after that class; which class holds `main` is
learned later, from the class files (`judge.classfiles`). Pure, standard library only.
"""

from __future__ import annotations

DECLARATIONS = frozenset({"class", "interface", "enum", "record"})


def _skip_quoted(text: str, i: int, quote: str) -> int:
    """The index after a string or char literal whose opening quote is at `i`."""
    i += 1
    while i < len(text) and text[i] != quote:
        if text[i] == "\n":
            return i  # an unclosed literal ends at the line's end (javac says why)
        i += 2 if text[i] == "\\" else 1
    return i + 1


def _skip_text_block(text: str, i: int) -> int:
    """The index after a text block whose opening `\"\"\"` is at `i`."""
    i += 3
    while i < len(text) and not text.startswith('"""', i):
        i += 2 if text[i] == "\\" else 1
    return i + 3


def tokens(text: str) -> list[tuple[str, int]]:
    """The source's words and symbols with the brace depth they stand at; comments and
    literals are dropped (a literal leaves a `"` token, so it still parts two words)."""
    found: list[tuple[str, int]] = []
    depth, i, n = 0, 0, len(text)
    while i < n:
        c = text[i]
        if c.isspace():
            i += 1
        elif text.startswith("//", i):
            end = text.find("\n", i)
            i = n if end < 0 else end
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            i = n if end < 0 else end + 2
        elif text.startswith('"""', i):
            i = _skip_text_block(text, i)
            found.append(('"', depth))
        elif c in "\"'":
            i = _skip_quoted(text, i, c)
            found.append(('"', depth))
        elif c.isalnum() or c in "_$":
            start = i
            while i < n and (text[i].isalnum() or text[i] in "_$"):
                i += 1
            found.append((text[start:i], depth))
        else:
            if c == "}":
                depth = max(0, depth - 1)
            found.append((c, depth))
            if c == "{":
                depth += 1
            i += 1
    return found


def public_class(text: str) -> str | None:
    """The name of the first public top-level class (interface, enum, record), or None."""
    words = tokens(text)
    modifiers: list[str] = []
    for k, (word, depth) in enumerate(words):
        if depth > 0:
            continue
        if word in (";", "{", "}"):
            modifiers = []
        elif word in DECLARATIONS and k + 1 < len(words):
            before = words[k - 1][0] if k else ""
            name = words[k + 1][0]
            if before != "." and (name[:1].isalpha() or name[:1] in "_$"):
                if "public" in modifiers:
                    return name
                modifiers = []
        else:
            modifiers.append(word)
    return None
