"""Real 2025-09 packages written by others (BAPCtools' test problems and the format's own
`maximal` example, kept in tests/fixtures/packages/real-2025-09 with their NOTICE.md):
`podium package verify` gives every submission the verdict its folder and
`submissions/submissions.yaml` expect, and every validator accepts the data.

The expectations below are read from each package and the 2025-09 text; BAPCtools' `bt run`
(bapctools 2026.10.0) is the second opinion (bench/verify_vs_bapctools.py). Where a
package's own expectation cannot hold under the format, the format decides: those
submissions are in DISAGREE with the reason, and verify must report exactly them as failures.

A package Podium cannot yet verify is in MISSING, naming what it lacks, and runs as a strict
xfail: the day its last missing part lands the run fails and it leaves MISSING. A 2025-09
verify judges a submission until its rules are decided, yet the packages with many
submissions take a minute or more: the suite runs the quick ones (QUICK) and the rest only
when PODIUM_REAL_PACKAGES=1.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import main
from tests.paths import FIXTURES

pytestmark = pytest.mark.docker

REAL = FIXTURES / "packages/real-2025-09"

# Overall verdicts (the first failing test's, as verify reports it) the format allows. A
# rejected run beyond the memory or output limit is RTE in the format's four verdicts; Podium
# names it MLE or OLE. "skipped": not judged (no language the format names for the file, e.g.
# BAPCtools' `.disabled` suffix, or a language the problem does not allow).
AC, WA, TLE = {"AC"}, {"WA"}, {"TLE"}
RTE = {"RTE", "MLE", "OLE"}
REJECTED = WA | TLE | RTE
ANY = {"AC"} | REJECTED
SKIPPED = "skipped"

EXPECTED: dict[str, dict[str, set[str]]] = {
    "hello": {
        **{f"accepted/{name}": AC for name in (
            "TestHello.java", "test-extra-file.c", "test-extra-file.cc", "test-extra-file.java",
            "test-hello.c", "test-hello.cc", "test-hello.cpp", "test-hello.py",
            "test-hello.py3", "test-hello.sh", "test-invalidheader.c", "test-multifile.java",
            "test-multifile.sh")},
        "accepted/test-hello.bash": AC | {SKIPPED},  # `.bash` is not in the format's list
        # submissions.yaml: `mixed: permitted: [AC, WA, TLE, RTE]`
        **{f"mixed/{name}": ANY for name in (
            "disabled", "test-expected-result-all-files", "test-expected-result.c",
            "test-hello-lf-cr.c", "test-memstatic.cc")},
        # a folder is one submission whatever its name ends with (its files say Java)
        "mixed/test-multifile-multipackage.java.disabled": ANY | {SKIPPED},
        "rejected/test-extra-binary.sh": REJECTED,
        "rejected/test-memstatic.c": REJECTED,
        **{f"run_time_error/{name}": RTE for name in (
            "test-RecursionError.py", "test-ZeroDivisionError.py", "test-exitcode.c",
            "test-memsize.java", "test-readtestdata.cpp", "test-sigfpe.java")},
        **{f"time_limit_exceeded/{name}": TLE for name in (
            "TestSlowOutput.java", "test-sleep.c", "test-slow-output.c",
            "test-slow-output.cc", "test-timelimit.c")},
        "time_limit_exceeded/test-fill-stdout.cc": RTE,  # see DISAGREE
        **{f"wrong_answer/{name}": WA for name in (
            "test-binary-output.c", "test-fill-syslog.c", "test-float.c", "test-float.cc",
            "test-long-lines.c", "test-no-output.c", "test-output-nonewline.c",
            "test-timelimit-bug.c")},
    },
    "guess": {
        "accepted/guess.cc": AC, "accepted/guess.java": AC,
        **{f"run_time_error/{name}": RTE for name in (
            "guess_assert_failure.cpp", "guess_assert_failure.py", "guess_bad_exit.py",
            "guess_close_stdout.cpp", "guess_close_stdout_1.cpp", "guess_close_stdout_2.cpp",
            "guess_exit_1.cpp", "guess_rte.c", "guess_rte_after_correct.cc")},
        **{f"time_limit_exceeded/{name}": TLE for name in (
            "guess_close_stdout_1.cpp", "guess_no_flush.cc", "guess_tle_after_correct.cc")},
        **{f"wrong_answer/{name}": WA for name in (
            "GuessCrash.java", "guess.py", "guess_0.cc", "guess_extra_output.cc",
            "guess_random.cc", "guess_tle.cc")},
    },
    "different": {
        **{f"accepted/{name}": AC for name in (
            "Different.java", "different.c", "different.cc", "different.py",
            "different_py3.py", "different_stdio.cc")},
        "accepted/prolog.disabled": AC | {SKIPPED},  # a folder of `.pl` files: Prolog
        "time_limit_exceeded/different_linear_search.cc": TLE,
        "wrong_answer/different_int.cc": WA, "wrong_answer/different_no_abs.cc": WA,
    },
    "boolfind": {
        **{f"accepted/{name}": AC for name in (
            "BoolfindTestCorrect.java", "boolfind-test-correct.c", "boolfind-test-correct.cc")},
        "time_limit_exceeded/boolfind-test-loop.cc": TLE,
        "time_limit_exceeded/boolfind-test-timelimit.c": TLE,
        "wrong_answer/boolfind-test-extradata.cc": WA,
        "wrong_answer/boolfind-test-no-output.c": WA,
    },
    "constants": {
        "accepted/submission.py": AC,
        "wrong_answer/constant_in_submission.py": AC,  # see DISAGREE
    },
    "testexpectations": {
        "accepted/wa.py": WA,  # `accepted` overridden: permitted and required [WA]
        "ac_or_wa/ac.py": AC, "ac_or_wa/ac.cpp": AC, "ac_or_wa/wa.py": WA,
        "ac_or_wa/metadata": AC,  # python3, entrypoint ac.py
        "expansion/ac.py": AC, "expansion/ac.cpp": AC,
        "match/match_wa.py": AC, "match/nested": AC,  # their `required: [WA]` globs miss
        "tle/sleep.py": TLE,
        **{f"wa/{name}": WA for name in ("42.py", "even.py", "hello.py", "odd.py", "wa.py")},
    },
    "alternativeencryption": {
        **{f"accepted/{name}": AC for name in (
            "Paul.java", "mzuenni.cpp", "mzuenni_sample.cpp", "paul-extra-spaces.py",
            "paul-random-2.py", "paul-random-3.py", "paul-random.py", "paul.py",
            "ragnar-busy-sleep0.75.py", "ragnar-sleep-decrypt.py", "ragnar-sleep-encrypt.py",
            "ragnar-sleep0.75.py", "ragnar.py", "thomas-atbash.c", "thomas-caesar.c",
            "thomas-rot13.cpp")},
        "run_time_error/ragnar-panic-decrypt.py": RTE,
        "run_time_error/ragnar-panic-encrypt.py": RTE,
        "time_limit_exceeded/ragnar-busy-sleep-decrypt.py": AC,  # see DISAGREE
        "time_limit_exceeded/ragnar-busy-sleep-encrypt.py": AC,  # see DISAGREE
        "time_limit_exceeded/ragnar-sleep-decrypt-long.py": TLE,
        "time_limit_exceeded/ragnar-sleep-encrypt-long.py": TLE,
        **{f"wrong_answer/{name}": WA for name in (
            "mzuenni_also_change_case.cpp", "mzuenni_only_change_case.cpp",
            "no-change-in-decrypt.py", "no-change.py", "paul-random-without-seed.py",
            "ragnar-extra-output-2.py", "ragnar-extra-output.py", "ragnar-numeric-output.py")},
    },
    "maximal": {
        "accepted/accepted.py": AC,  # include/python3/include.py, its constant replaced
        # PHP is not in `languages: [python3, cpp]`: refused, or judged with
        # include/default/data.txt and the constant replaced, AC either way
        "accepted/with_include.php": AC | {SKIPPED},
        "accepted/without_include.php": AC | {SKIPPED},
        "run_time_error/not_defined": RTE,  # a folder, entrypoint main.py
        "time_limit_exceeded/tle.py": TLE,
        "wrong_answer/wrong.py": WA,
    },
}

# Submissions whose package expects what the format does not give; verify reports them.
DISAGREE: dict[str, dict[str, str]] = {
    "hello": {
        "time_limit_exceeded/test-fill-stdout.cc":
            "floods stdout: past the output limit, which the format says must be enforced "
            "and rejected, long before the time limit (BAPCtools truncates and says TLE)",
    },
    "constants": {
        "wrong_answer/constant_in_submission.py":
            "prints {{FIVE.STRING}}, which the format replaces in example submissions: it "
            "prints 5 and is accepted (BAPCtools does not replace, and says WA)",
    },
    "alternativeencryption": {
        "time_limit_exceeded/ragnar-busy-sleep-decrypt.py":
            "1.5 s in one pass; the time limit (2 s) applies to each pass separately",
        "time_limit_exceeded/ragnar-busy-sleep-encrypt.py":
            "1.5 s in one pass; the time limit (2 s) applies to each pass separately",
    },
}

# What each package needs that Podium lacks today (issue 19). Every other package passes.
MISSING: dict[str, str] = {}


# verified in every run of the suite (seconds each: judging stops once a submission's rules
# are decided)
QUICK = {"constants", "boolfind"}


def verify(path: Path, data_dir: Path) -> tuple[int, dict | None, str]:
    """`podium package verify --json` on a package: exit status, report, raw output."""
    result = CliRunner().invoke(main, ["package", "verify", str(path), "--json",
                                       "--data", str(data_dir)])
    output = result.output
    return result.exit_code, (json.loads(output) if output.startswith("{") else None), output


@pytest.mark.parametrize("name", [
    pytest.param(name, marks=[
        *([pytest.mark.xfail(strict=True, reason=MISSING[name])] if name in MISSING else []),
        *([] if name in QUICK else [pytest.mark.skipif(
            os.environ.get("PODIUM_REAL_PACKAGES") != "1",
            reason="minutes to verify: set PODIUM_REAL_PACKAGES=1")])])
    for name in EXPECTED])
def test_every_submission_gets_the_verdict_its_package_expects(name: str,
                                                               data_dir: Path) -> None:
    status, report, output = verify(REAL / name, data_dir)
    assert report is not None, output
    assert report["errors"] == []
    for check in report["input_validators"]:
        assert check["ok"] and not check["skipped"], check

    expected = EXPECTED[name]
    checks = {c["path"].removeprefix("submissions/"): c for c in report["submissions"]}
    judged = {path for path, c in checks.items() if not c["skipped"]}
    must_judge = {path for path, allowed in expected.items() if SKIPPED not in allowed}
    assert must_judge <= judged, f"not judged: {sorted(must_judge - judged)}"
    assert judged <= set(expected), f"judged, yet no submission: {sorted(judged - set(expected))}"

    got = {path: checks[path]["got"] for path in sorted(judged)}
    wrong = {path: (verdict, sorted(expected[path])) for path, verdict in got.items()
             if verdict not in expected[path]}
    assert wrong == {}, "verdict outside what the format allows"

    failures = {path for path in judged if not checks[path]["ok"]}
    assert failures == set(DISAGREE.get(name, {})), "failures other than the package's own"
    assert status == (1 if DISAGREE.get(name) else 0), output
