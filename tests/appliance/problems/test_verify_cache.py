"""`podium package verify` with its result cache, for real: a second verify of an unchanged
package runs no judging and reports the same; a change re-judges what it touches and no
more; `--fresh` judges everything; contest judging never reads the cache."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from appliance.problems.judging import build_validator, submission_for
from appliance.problems.load import load_problem
from appliance.problems.verify import VerifyReport, verify
from cli.main import main
from judge.judging import judge_submission
from judge.languages import load_languages
from judge.result_cache import ResultCache
from judge.verdicts import Verdict

pytestmark = pytest.mark.docker

CHECKER = """\
import sys
answer = open(sys.argv[2]).read().split()
if sys.stdin.read().split() == answer:
    sys.exit(42)
open(sys.argv[3] + "/judgemessage.txt", "w").write("differs")
sys.exit(43)
"""
SUBMISSIONS = {
    "accepted/add.py": "a, b = map(int, input().split())\nprint(a + b)\n",
    "accepted/add.c": '#include <stdio.h>\nint main(void) { long a, b; scanf("%ld %ld", &a, &b);'
                      ' printf("%ld\\n", a + b); return 0; }\n',
    "wrong_answer/sub.py": "a, b = map(int, input().split())\nprint(a - b)\n",
    "compile_error/broken.c": "int main(void) { return 0 }\n",
}


def make_package(root: Path) -> Path:
    """A+B: its time limit computed from the accepted ones, an input validator, a custom
    output validator, one submission of each kind."""
    (root / "data/secret").mkdir(parents=True)
    for i, (a, b) in enumerate(((1, 2), (40, 2)), 1):
        (root / f"data/secret/{i}.in").write_text(f"{a} {b}\n")
        (root / f"data/secret/{i}.ans").write_text(f"{a + b}\n")
    (root / "problem.yaml").write_text("problem_format_version: 2023-07-draft\nname: Add\n"
                                       "limits:\n  memory: 256\n")
    (root / "output_validator").mkdir()
    (root / "output_validator/check.py").write_text(CHECKER)
    (root / "input_validators").mkdir()
    (root / "input_validators/validate.py").write_text(
        "import sys\na, b = map(int, sys.stdin.read().split())\nsys.exit(42)\n")
    for name, source in SUBMISSIONS.items():
        (root / "submissions" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "submissions" / name).write_text(source)
    return root


class Lends:
    """Counts the sandboxes the pool lends (every judging takes one; a cached one none)."""

    def __init__(self, pool) -> None:
        self.acquire = pool.acquire
        self.count = 0
        self.lock = threading.Lock()

    def __call__(self, *args, **kwargs):
        with self.lock:
            self.count += 1
        return self.acquire(*args, **kwargs)


@pytest.fixture
def lends(pool, monkeypatch) -> Lends:
    counter = Lends(pool)
    monkeypatch.setattr(pool, "acquire", counter)
    return counter


def run(package: Path, pool, blobs, cache: Path, fresh: bool = False) -> VerifyReport:
    return verify(load_problem(package), pool, blobs, load_languages(),
                  results=ResultCache(cache, read=not fresh))


def shown(report: VerifyReport) -> dict:
    """The report as the JSON shows it, without what says where each judgement came from."""
    data = report.to_json()
    for check in data["submissions"]:
        check.pop("cached")
    data.pop("judgings")
    data.pop("cached_judgings")
    return data


def cached(report: VerifyReport) -> dict[str, bool]:
    return {Path(c.path).name: c.cached for c in report.submissions}


def test_a_second_verify_of_an_unchanged_package_judges_nothing_and_reports_the_same(
        tmp_path: Path, pool, blobs, lends: Lends) -> None:
    package = make_package(tmp_path / "add")
    first = run(package, pool, blobs, tmp_path / "results")
    assert first.ok, first.to_json()
    assert first.time_limit_computed and first.cached == 0 and first.judgings >= 5
    lends.count = 0
    second = run(package, pool, blobs, tmp_path / "results")
    assert lends.count == 0
    assert shown(second) == shown(first)
    assert second.cached == second.judgings == first.judgings
    assert all(cached(second).values())


def test_each_change_re_judges_exactly_what_it_touches(tmp_path: Path, pool, blobs) -> None:
    package = make_package(tmp_path / "add")
    results = tmp_path / "results"
    judgings = run(package, pool, blobs, results).judgings
    everything = dict.fromkeys(cached(run(package, pool, blobs, results)), True)

    (package / "submissions/wrong_answer/sub.py").write_text(
        SUBMISSIONS["wrong_answer/sub.py"] + "# changed\n")
    report = run(package, pool, blobs, results)
    assert cached(report) == {**everything, "sub.py": False}
    assert report.cached == judgings - 1

    (package / "output_validator/check.py").write_text(CHECKER + "# changed\n")
    report = run(package, pool, blobs, results)
    assert cached(report) == dict.fromkeys(everything, False)
    assert report.cached == 1  # the input validator's judging alone reads no output

    (package / "data/secret/2.ans").write_text("41\n")  # now wrong: the accepted ones fail
    report = run(package, pool, blobs, results)
    assert cached(report) == dict.fromkeys(everything, False)
    assert report.cached == 1  # the input validator reads the inputs, not the answers
    assert {Path(c.path).name: c.got for c in report.submissions}["add.py"] is Verdict.WA

    (package / "problem.yaml").write_text((package / "problem.yaml").read_text()
                                          .replace("memory: 256", "memory: 512"))
    report = run(package, pool, blobs, results)
    assert cached(report) == dict.fromkeys(everything, False) and report.cached == 0

    again = run(package, pool, blobs, results)  # and kept again
    assert again.cached == again.judgings == report.judgings


def test_fresh_judges_everything_and_the_cli_says_what_came_from_the_cache(
        tmp_path: Path) -> None:
    package = make_package(tmp_path / "add")
    data = tmp_path / "data"

    def cli(*args: str):
        return CliRunner().invoke(main, ["package", "verify", str(package), "--data",
                                         str(data), *args])

    first = json.loads(cli("--json").output)
    assert first["cached_judgings"] == 0 and not any(s["cached"] for s in first["submissions"])
    again = cli()
    assert again.exit_code == 0, again.output
    assert f"{first['judgings']} of {first['judgings']} judgings from the cache " \
           "(unchanged since the last verify; --fresh judges them again)" in again.output
    fresh = json.loads(cli("--json", "--fresh").output)
    assert fresh["cached_judgings"] == 0 and not any(s["cached"] for s in fresh["submissions"])
    assert [s["got"] for s in fresh["submissions"]] == [s["got"] for s in first["submissions"]]
    last = json.loads(cli("--json").output)
    assert all(s["cached"] for s in last["submissions"])


def test_judging_outside_verify_never_reads_the_cache(tmp_path: Path, pool, blobs,
                                                      lends: Lends) -> None:
    """What the dispatcher, a rejudging, a custom run and a dry run call: judge_submission
    without a cache, so the very judging verify kept (in the data folder, where a judge
    would look) is judged again."""
    package = make_package(tmp_path / "add")
    (package / "problem.yaml").write_text((package / "problem.yaml").read_text()
                                          + "  time_limit: 2\n")  # as a contest judges
    results = ResultCache(pool.blobs_dir.parent / "result-cache")
    verify(load_problem(package), pool, blobs, load_languages(), results=results)
    problem, languages = load_problem(package), load_languages()
    submission = submission_for(
        problem, languages["python3"], (package / "submissions/accepted/add.py").read_bytes(),
        validator=build_validator(pool, blobs, problem, languages))
    assert judge_submission(pool, blobs, submission, results).cached  # verify's own
    lends.count = 0
    judgement = judge_submission(pool, blobs, submission)
    assert judgement.verdict is Verdict.AC and not judgement.cached
    assert lends.count == 1
