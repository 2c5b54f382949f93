"""JVM programs run the class the compiler made with `public static void main(String[])`,
found in the class files after compiling, never a class a comment or string names."""

from __future__ import annotations

import pytest

from appliance.problems.load import load_problem
from judge.judging import Submission, judge_submission
from judge.languages import load_languages
from judge.verdicts import Verdict
from tests.paths import PACKS

pytestmark = pytest.mark.docker

READ_SUM = "Scanner in = new Scanner(System.in); System.out.println(in.nextLong() + in.nextLong());"
SOURCES = {
    "comment names a class": ("java", f"""// the public class names the file
import java.util.Scanner;
public class Main {{
    static String s = "public class Decoy {{";
    public static void main(String[] args) {{ {READ_SUM} }}
}}
"""),
    "main in a package and a non-public class": ("java", f"""package contest.solution;
import java.util.Scanner;
class Solver {{
    public static void main(String[] args) {{ {READ_SUM} }}
}}
"""),
    "main in a nested class": ("java", f"""import java.util.Scanner;
public class Outer {{
    static class Runner {{ public static void main(String[] args) {{ {READ_SUM} }} }}
}}
"""),
    "kotlin object with a JvmStatic main": ("kotlin", """object App {
    @JvmStatic fun main(args: Array<String>) {
        val (a, b) = readLine()!!.trim().split(" ").map { it.toLong() }
        println(a + b)
    }
}
"""),
}


@pytest.fixture(scope="module")
def problem():
    return load_problem(PACKS / "sum")


@pytest.mark.parametrize("case", SOURCES)
def test_program_runs_the_class_that_declares_main(pool, blobs, problem, case: str) -> None:
    language, source = SOURCES[case]
    submission = Submission(language=load_languages()[language], source=source.encode(),
                            tests=problem.tests, limits=problem.limits, flags=problem.flags)
    judgement = judge_submission(pool, blobs, submission)
    assert judgement.verdict is Verdict.AC, judgement.to_json()


def test_java_without_main_is_a_compile_error_that_says_why(pool, blobs, problem) -> None:
    source = b"public class Main { static void helper() {} }\n"
    submission = Submission(language=load_languages()["java"], source=source,
                            tests=problem.tests, limits=problem.limits, flags=problem.flags)
    judgement = judge_submission(pool, blobs, submission)
    assert judgement.verdict is Verdict.CE
    assert "no class declares public static void main" in judgement.compile_output
