"""The public class of a Java source, read as the compiler reads it: comments, strings,
text blocks and char literals never name the file."""

from __future__ import annotations

import pytest

from judge.java_names import public_class


@pytest.mark.parametrize(("source", "expected"), [
    ("public class Main {}", "Main"),
    ("public final class Sum<T> extends Base {}", "Sum"),
    ("@SuppressWarnings(\"x\") public abstract class A {}", "A"),
    ("package p; import java.util.*; public record Point(int x) {}", "Point"),
    ("public enum Colour { RED }", "Colour"),
    ("public @interface Marker {}", "Marker"),
    ("// the public class names the file\npublic class Main {}", "Main"),
    ("/* public class Decoy */ public class Main {}", "Main"),
    ("/** javadoc: public class Decoy {} */\nclass Helper {}\npublic class Main {}", "Main"),
    ("class Main { String s = \"public class Decoy {\"; }", None),
    ("class Main { char c = '{'; }\npublic class Real {}", "Real"),
    ("class Main { String t = \"\"\"\n  public class Decoy {}\n  \"\"\"; }\npublic class R {}",
     "R"),
    ("class Outer { public class Inner {} }", None),
    ("class Main { String s = \"\\\"}\"; }\npublic class After {}", "After"),
    ("class A {} public class B {}", "B"),
    ("", None),
])
def test_public_top_level_class_is_found_as_the_compiler_sees_it(source: str,
                                                                 expected: str | None) -> None:
    assert public_class(source) == expected


def test_unclosed_comment_or_string_names_nothing_and_raises_nothing() -> None:
    assert public_class("/* public class A {}") is None
    assert public_class('class X { String s = "public class B {}') is None
