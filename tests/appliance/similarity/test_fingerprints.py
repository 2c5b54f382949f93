"""Code similarity (pure): a renamed, reformatted copy ranks first and high, an independent
solution low; templates and common code do not count; regions point at the right lines."""

from __future__ import annotations

import pytest

from appliance.similarity.fingerprints import Source, compare, tokenize, winnow
from tests import paths

CASES = paths.FIXTURES / "cases" / "similarity"


def source(sid: str, team: str, name: str, language: str = "cpp") -> Source:
    return Source(sid, team, language, name, (CASES / name).read_text())


def pair_of(report, a: str, b: str):
    return next(p for p in report.pairs if {p.a.id, p.b.id} == {a, b})


def test_a_renamed_reformatted_copy_ranks_first_and_an_independent_solution_low() -> None:
    report = compare("paths", [source("1", "team001", "dijkstra.cpp"),
                               source("2", "team002", "dijkstra_independent.cpp"),
                               source("3", "team003", "dijkstra_renamed.cpp")])
    first = report.pairs[0]
    assert {first.a.id, first.b.id} == {"1", "3"}
    assert first.similarity >= 0.8 and min(first.share_a, first.share_b) >= 0.8
    for other in ("1", "3"):
        assert pair_of(report, other, "2").similarity <= 0.3


def test_renaming_reformatting_and_comments_change_no_token() -> None:
    original = "int main() {\n    int total = 0; // sum\n    for (int i = 0; i < 10; i++) " \
               "total += i;\n    return total;\n}\n"
    disguised = "int  main(){int s=0;/* the sum */for(int k=0;k<10;k++)\n\n s+=k;return s;}"
    assert tokenize(original, "cpp", "a.cpp").symbols == \
        tokenize(disguised, "cpp", "b.cpp").symbols


def test_literals_become_one_symbol_per_kind() -> None:
    tokens = tokenize('printf("%d\\n", 42); putchar(\'x\'); x = 3.5;', "c", "a.c")
    assert tokens.symbols == ("I", "(", "S", ",", "N", ")", ";", "I", "(", "C", ")", ";",
                              "I", "=", "N", ";")


def test_a_translation_between_languages_of_one_family_is_found() -> None:
    report = compare("knapsack", [source("1", "team001", "knapsack.cpp"),
                                  source("2", "team002", "Knapsack.java", "java"),
                                  source("3", "team003", "knapsack.py", "python3"),
                                  source("4", "team004", "dijkstra.cpp")])
    translated = report.pairs[0]
    assert {translated.a.id, translated.b.id} == {"1", "2"}
    assert translated.similarity >= 0.4
    assert all(p.similarity <= 0.3 for p in report.pairs[1:])


def test_regions_map_to_the_copied_lines_in_each_source() -> None:
    own = "\n".join(f"int helper{i}(int x) {{ return x * {i} + {i}; }}" for i in range(3))
    copied = ("long long best[1001];\nint solve(int n) {\n    for (int i = 1; i <= n; i++)"
              " {\n        best[i] = best[i - 1] + i * (long long) i % 7;\n    }\n"
              "    return (int) (best[n] % 1000);\n}\n")
    a = Source("1", "team001", "cpp", "a.cpp", "#include <cstdio>\n" + copied + own)
    b = Source("2", "team002", "cpp", "b.cpp", own.replace("x", "y").replace("+", "-")
               + "\n\n\n" + copied.replace("best", "memo").replace("solve", "f"))
    region = compare("p", [a, b]).pairs[0].regions[0]
    assert (region.a_first, region.a_last) == (2, 8)  # after the include
    assert (region.b_first, region.b_last) == (6, 12)  # after own lines and blank ones


def test_a_shared_template_alone_makes_no_match() -> None:
    stub = (CASES / "stub.py").read_text()
    left = stub.replace("    # your code here\n    return 0\n",
                        "    best = 0\n    for row in grid:\n        best = max(best, sum(row))\n"
                        "    return best\n")
    right = stub.replace("    # your code here\n    return 0\n",
                         "    totals = [sum(r) for r in grid]\n    totals.sort()\n"
                         "    return totals[-1] if totals else 0\n")
    sources = [Source("1", "team001", "python3", "a.py", left),
               Source("2", "team002", "python3", "b.py", right)]
    with_stub = compare("grid", sources).pairs[0].similarity
    assert with_stub >= 0.5  # the stub is most of either program
    without = compare("grid", sources, templates=[(stub, "python3", "stub.py")])
    assert all(p.similarity <= 0.3 for p in without.pairs)


def test_code_common_to_many_submissions_does_not_count() -> None:
    boiler = "#include <bits/stdc++.h>\nusing namespace std;\nint main() {\n" \
             "    ios::sync_with_stdio(false);\n    cin.tie(nullptr);\n    int n;\n" \
             "    cin >> n;\n    vector<long long> a(n);\n    for (auto &x : a) cin >> x;\n"
    bodies = [f"    cout << a[{i}] * {i} << endl;\n}}\n" if i % 2 else
              f"    long long s{i} = 0;\n    for (int i = 0; i < n; i++) s{i} ^= a[i] << {i};\n"
              f"    printf(\"%lld\\n\", s{i});\n}}\n" for i in range(12)]
    sources = [Source(str(i), f"team{i}", "cpp", "a.cpp", boiler + body)
               for i, body in enumerate(bodies)]
    assert compare("p", sources, common_min=20).pairs[0].similarity >= 0.8
    assert all(p.similarity <= 0.5 for p in compare("p", sources, common_min=5).pairs)


def test_pairs_of_one_team_are_left_out_unless_asked() -> None:
    a = source("1", "team001", "dijkstra.cpp")
    b = source("2", "team001", "dijkstra_renamed.cpp")
    assert compare("p", [a, b]).pairs == ()
    assert compare("p", [a, b], same_team=True).pairs[0].similarity >= 0.8


def test_a_source_too_short_to_fingerprint_is_named() -> None:
    report = compare("p", [Source("1", "t1", "python3", "a.py", "print(1)\n"),
                           source("2", "t2", "dijkstra.cpp")])
    assert report.unreadable == ("1",) and report.pairs == ()


def test_an_unknown_language_falls_back_to_words_and_symbols() -> None:
    text = "let total = 0 in for k = 1 to 10 do total := total + k done"
    tokens = tokenize(text, "no-such-language", "a.unknown")
    assert tokens.symbols[:4] == ("I", "I", "=", "N") and len(tokens.symbols) == 19


@pytest.mark.parametrize("hashes, expected", [
    ([5, 3, 4, 3, 9, 8, 7, 1, 6], [(3, 3), (7, 1)]),  # the rightmost minimum on ties
    ([2, 2, 2, 2], [(3, 2)]),
    ([], []),
])
def test_winnowing_keeps_each_windows_minimum_once(hashes, expected) -> None:
    assert winnow(hashes, 4) == expected
