"""Judging on a judge host that shares nothing with this machine but the Docker API: a second
dockerd with its own data root, listening with TLS on tcp (certificates as
`podium engine host-setup` makes them). Every sandbox there binds only the engine host's
toolchain paths (never this machine's data folder, runner or scratch folders); the sum
package's submissions and the hostile corpus get the verdicts they get locally; each test
file crosses to the engine once, however many submissions read it, and a pool started
again on the engine (a rejoin) sends none of them again (only what it never had: the
build the compile cache kept from the first, which was compiled there)."""

from __future__ import annotations

import concurrent.futures
import shutil
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from appliance.problems.load import load_problem
from judge.blobs import BlobStore
from judge.engines import engine_client, shares_files
from judge.judging import Judgement, Submission, judge_submission
from judge.languages import detect, load_languages
from judge.pool import open_pool
from judge.sandbox import LABEL, SandboxConfig
from judge.verdicts import Verdict
from tests import paths
from tests.dockerd import Dockerd
from tests.judge.test_judge_sum import EXPECTED as SUM_EXPECTED

pytestmark = [pytest.mark.docker,
              pytest.mark.skipif(shutil.which("dockerd") is None, reason="no dockerd here")]

SUM = paths.PACKS / "sum"
HOSTILE = paths.FIXTURES / "hostile"
TABLE = tomllib.loads((HOSTILE / "cases.toml").read_text(encoding="utf-8"))
# The corpus less what only the compile or wall limits end (tens of seconds each, and
# nothing there depends on where the files came from) and the cases of known bugs.
SLOW = {"template_bomb.cpp", "macro_bomb.c", "include_dev_random.c", "sleep_forever.c",
        "sleep_forever.py", "self_stop.c", "busy_loop.c", "fork_bomb.c", "fork_bomb.py"}
CORPUS = sorted(name for name, entry in TABLE.items()
                if name not in SLOW and "known_bug" not in entry)


@pytest.fixture(scope="module")
def judge_host() -> Iterator[Dockerd]:
    engine = Dockerd(tls=True)
    try:
        engine.start()
        yield engine
    finally:
        engine.remove()


def _mounts(client) -> dict[str, list[dict]]:
    """Every sandbox container on the engine now: id -> its mounts (as the engine lists
    them: one call, so none is removed between the list and a look at it)."""
    return {c["Id"]: c["Mounts"] for c in client.api.containers(
        all=True, filters={"label": LABEL})}


def test_a_judge_host_binds_none_of_our_files_judges_alike_and_gets_each_file_once(
        judge_host: Dockerd, tmp_path: Path) -> None:
    assert not shares_files(judge_host.url) and judge_host.url.startswith("tcp://")
    blobs = BlobStore(tmp_path / "data" / "blobs")
    client = engine_client(judge_host.url, judge_host.cert_path)
    languages = load_languages()
    problem = load_problem(SUM)
    sum_sources = sorted(SUM.glob("submissions/*/*"))
    seen: dict[str, list[dict]] = {}
    got: dict[str, Judgement] = {}

    def judge(pool, key: str, source: Path, package) -> None:
        code = source.read_bytes()
        got[key] = judge_submission(pool, blobs, Submission(
            language=detect(source, languages, code), source=code, tests=package.tests,
            limits=package.limits, flags=package.flags))
        seen.update(_mounts(client))  # the warm ones, each inspected before its use

    with open_pool(SandboxConfig(), blobs.root, 2, client, shipped=True) as pool:
        seen.update(_mounts(client))
        hostile = load_problem(HOSTILE / "package")
        with concurrent.futures.ThreadPoolExecutor(2) as workers:
            list(workers.map(lambda s: judge(pool, f"sum/{s.parent.name}/{s.name}", s, problem),
                             sum_sources))
            list(workers.map(lambda n: judge(pool, f"hostile/{n}", HOSTILE / "cases" / n,
                                             hostile), CORPUS))
        sent = dict(pool.shipper.sent)

    # Nothing of this machine is bound into any sandbox: only the engine host's toolchains.
    ours = (str(blobs.root.parent), str(Path(paths.REPO) / "judge"), "/tmp")
    assert len(seen) >= 2  # both slots' (a reset sandbox judges again: judge/reset.py)
    for ident, mounts in seen.items():
        for mount in mounts:
            if mount["Type"] == "bind":
                assert mount["Source"] in SandboxConfig().host_paths, (ident, mount)
                assert not mount["Source"].startswith(ours) and mount["RW"] is False
            else:
                assert mount["Type"] == "volume", (ident, mount)
                assert mount["Destination"] in ("/blobs", "/out"), (ident, mount)

    # The same verdicts as the local judge's (the sum's folders; the corpus's table).
    for source in sum_sources:
        judgement = got[f"sum/{source.parent.name}/{source.name}"]
        assert judgement.verdict is SUM_EXPECTED[source.parent.name], (source,
                                                                        judgement.to_json())
    for name in CORPUS:
        judgement = got[f"hostile/{name}"]
        assert judgement.verdict.value in TABLE[name]["accept"], (name, judgement.to_json())
        assert judgement.verdict is not Verdict.JE

    # Each test file crossed once, though every submission read it.
    for test in [*problem.tests, *hostile.tests]:
        for path in (test.input, test.answer):
            digest = blobs.put_file(path)
            assert sent[digest] == path.stat().st_size, (path, sent.get(digest))
    test_bytes = sum(t.input.stat().st_size + t.answer.stat().st_size for t in problem.tests)
    read = test_bytes * len(sum_sources)
    shipped = sum(sent[blobs.put_file(p)] for t in problem.tests for p in (t.input, t.answer))
    print(f"\nsum's test data: {test_bytes} B; read by {len(sum_sources)} submissions "
          f"({read} B), sent to the judge host {shipped} B "
          f"({shipped / len(problem.tests) / 2:.0f} B per test file)")
    assert shipped == test_bytes

    # A pool started again on the engine (the engine rejoining) finds them all there.
    with open_pool(SandboxConfig(), blobs.root, 1, client, shipped=True) as pool:
        source = SUM / "submissions/accepted/sum.py"
        judge(pool, "again", source, problem)
        assert got["again"].verdict is Verdict.AC
        again = pool.shipper.sent  # at most the build the compile cache kept meanwhile
        assert not set(again) & {blobs.put_file(p) for t in problem.tests
                                 for p in (t.input, t.answer)}, again
        assert blobs.put_bytes(source.read_bytes()) not in again
