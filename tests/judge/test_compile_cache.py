"""The compile cache: a build is kept by everything it depends on, bounded, never shared
between toolchains; a submission judged again (for real, in the sandbox) reuses its build
and gets the same verdict."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

from judge.compile_cache import CompileCache, build_key, toolchain_identity
from judge.judging import Submission, TestCase, judge_submission
from judge.languages import load_languages
from judge.verdicts import Verdict
from tests.paths import PACKS

ARGV = ["gcc", "-O2", "-o", "solution", "solution.c"]
LIMITS = (60.0, 300.0, 1 << 29, 1 << 31)


def key(**change) -> str:
    args = {"language": "c", "image": "podium-judge:1", "argv": ARGV,
            "files": {"solution.c": b"int main(){}"}, "main_class": None, "limits": LIMITS}
    return build_key(**{**args, **change})


def test_the_key_changes_with_every_thing_a_build_depends_on() -> None:
    keys = {key(), key(files={"solution.c": b"int main(){ }"}), key(language="cpp"),
            key(image="podium-judge:2"), key(argv=[*ARGV, "-lm"]), key(main_class="Main"),
            key(limits=(1.0, *LIMITS[1:])), key(files={"solution.c": b"int main(){}",
                                                       "a.h": b""})}
    assert len(keys) == 8
    assert key() == key()


def test_another_toolchain_never_shares_an_entry(tmp_path: Path) -> None:
    gcc = tmp_path / "gcc"
    gcc.write_text("#!/bin/sh\n")
    gcc.chmod(0o755)
    before = toolchain_identity(str(gcc))
    gcc.write_text("#!/bin/sh\n# upgraded\n")
    assert toolchain_identity(str(gcc)) != before
    assert toolchain_identity("gcc") != toolchain_identity("g++")


def artifact(tmp_path: Path, name: str, size: int) -> Path:
    path = tmp_path / name
    path.write_bytes(b"x" * size)
    return path


def test_only_successful_builds_are_kept_and_read_back(tmp_path: Path) -> None:
    cache = CompileCache(tmp_path / "cache")
    cache.put("failed", {"ok": False, "output": "error"}, artifact(tmp_path, "a", 10))
    assert cache.get("failed") is None
    cache.put("built", {"ok": True, "output": "warning", "retained": 5},
              artifact(tmp_path, "b", 10))
    found = cache.get("built")
    assert found is not None and found.report == {"ok": True, "output": "warning"}
    assert found.artifact.read_bytes() == b"x" * 10
    assert not [p for p in (tmp_path / "cache").iterdir() if p.name.startswith(".")]


def test_the_folder_keeps_the_most_recently_used_builds_within_its_bound(tmp_path: Path
                                                                         ) -> None:
    cache = CompileCache(tmp_path / "cache", limit=3500)  # three entries
    for i, name in enumerate(("old", "used", "new")):
        cache.put(name, {"ok": True}, artifact(tmp_path, name, 1000))
        os.utime(tmp_path / "cache" / f"{name}.json", (i, i))
    cache.get("old")  # used now: the oldest unused one goes instead
    cache.put("newest", {"ok": True}, artifact(tmp_path, "newest", 1000))
    kept = {p.stem for p in (tmp_path / "cache").glob("*.json")}
    assert kept == {"old", "new", "newest"}
    assert {p.stem for p in (tmp_path / "cache").glob("*.tar")} == kept


def test_judges_writing_and_trimming_at_once_leave_whole_entries(tmp_path: Path) -> None:
    cache = CompileCache(tmp_path / "cache", limit=20_000)

    def work(n: int) -> None:
        for i in range(40):
            cache.put(f"k{(n + i) % 30}", {"ok": True, "n": n},
                      artifact(tmp_path, f"a{n}-{i}", 1000 + n))
            found = cache.get(f"k{i % 30}")
            if found is not None:
                assert found.artifact.stat().st_size >= 1000

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for report in (tmp_path / "cache").glob("*.json"):
        json.loads(report.read_text())


def test_a_submission_judged_again_reuses_its_build_and_its_verdict(pool, blobs) -> None:
    sum_c = (PACKS / "sum/submissions/accepted/sum.c").read_bytes() + b"/* cache test */\n"
    data = PACKS / "sum/data/secret"
    tests = [TestCase(p.stem, p, p.with_suffix(".ans")) for p in sorted(data.glob("*.in"))]
    submission = Submission(language=load_languages()["c"], source=sum_c, tests=tests)
    entries = set(pool.compile_cache.folder.glob("*.json")) \
        if pool.compile_cache.folder.exists() else set()
    first = judge_submission(pool, blobs, submission)
    kept = set(pool.compile_cache.folder.glob("*.json")) - entries
    assert len(kept) == 1
    (report,) = kept
    marked = {**json.loads(report.read_text()), "output": "kept build"}
    report.write_text(json.dumps(marked))  # so the second judging shows where its build came
    again = judge_submission(pool, blobs, submission)
    assert again.compile_output == "kept build"  # no compile: the build was put back
    assert first.verdict is again.verdict is Verdict.AC
    assert [t.verdict for t in first.tests] == [t.verdict for t in again.tests]
    assert set(pool.compile_cache.folder.glob("*.json")) - entries == kept
