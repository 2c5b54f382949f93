"""The launcher (judge/launch.c), the judge image's small static program that starts every
command of a judging: what a submission finds once it runs, read from inside a real
sandbox; a command that cannot start; the image's tag following the launcher's source."""

from __future__ import annotations

import io
import subprocess
import tarfile
from dataclasses import replace
from pathlib import Path

import pytest

from judge import image
from judge.judging import Submission, TestCase, judge_submission
from judge.languages import load_languages
from judge.limits import Limits, MiB
from judge.processes import launcher_argv
from judge.sandbox import LAUNCHER
from judge.verdicts import Verdict

PROBE = r'''
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

static void limit(const char *name, int resource) {
    struct rlimit r;
    getrlimit(resource, &r);
    if (r.rlim_cur == RLIM_INFINITY && r.rlim_max == RLIM_INFINITY)
        printf("%s unlimited\n", name);
    else
        printf("%s %llu %llu\n", name, (unsigned long long)r.rlim_cur,
               (unsigned long long)r.rlim_max);
}

static const char *disposition(int sig) {
    struct sigaction now;
    sigaction(sig, NULL, &now);
    return now.sa_handler == SIG_DFL ? "default" : "changed";
}

int main(void) {
    char cwd[256], oom[16] = "";
    gid_t groups[8];
    sigset_t blocked;
    printf("uid %d %d gid %d %d groups %d\n", (int)getuid(), (int)geteuid(), (int)getgid(),
           (int)getegid(), getgroups(8, groups));
    limit("cpu", RLIMIT_CPU);
    limit("fsize", RLIMIT_FSIZE);
    limit("core", RLIMIT_CORE);
    limit("stack", RLIMIT_STACK);
    limit("nofile", RLIMIT_NOFILE);
    printf("session leader %s\n", getsid(0) == getpid() ? "yes" : "no");
    FILE *f = fopen("/proc/self/oom_score_adj", "r");
    if (f && fgets(oom, sizeof oom, f)) printf("oom_score_adj %s", oom);
    printf("SIGPIPE %s SIGXFSZ %s\n", disposition(SIGPIPE), disposition(SIGXFSZ));
    sigprocmask(SIG_SETMASK, NULL, &blocked);
    printf("blocked %s\n", sigisemptyset(&blocked) ? "none" : "some");
    printf("cwd %s umask %03o\n", getcwd(cwd, sizeof cwd), (unsigned)umask(0));
    /* its parent (the launcher until it has told the runner, then the runner) is root's */
    int refused = kill(getppid(), 0) == -1 && errno == EPERM;
    printf("signal parent %s\n", refused ? "refused" : "allowed");
    return 0;
}
'''
EXPECTED = """uid 10002 10002 gid 10002 10002 groups 0
cpu 3 4
fsize 1048576 1048576
core 0 0
stack unlimited
nofile 1024 1024
session leader yes
oom_score_adj 1000
SIGPIPE default SIGXFSZ default
blocked none
cwd /work umask 022
signal parent refused
"""


@pytest.mark.docker
def test_a_test_runs_as_the_test_user_under_every_limit_in_its_own_session(
        pool, blobs, tmp_path: Path) -> None:
    (tmp_path / "t.in").write_text("")
    (tmp_path / "t.ans").write_text(EXPECTED)
    source = "#define _GNU_SOURCE\n" + PROBE
    submission = Submission(language=load_languages()["c"], source=source.encode(),
                            tests=[TestCase("probe", tmp_path / "t.in", tmp_path / "t.ans")],
                            limits=Limits(time=2, output=1 * MiB))
    judgement = judge_submission(pool, blobs, submission)
    assert judgement.verdict is Verdict.AC, judgement.to_json()


@pytest.mark.docker
def test_a_program_that_cannot_start_is_a_run_time_error_saying_why(pool, blobs,
                                                                   tmp_path: Path) -> None:
    (tmp_path / "t.in").write_text("")
    (tmp_path / "t.ans").write_text("0\n")
    python = load_languages()["python3"]
    missing = replace(python, run=("/usr/bin/no-such-program",))
    submission = Submission(language=missing, source=b"print(0)\n",
                            tests=[TestCase("t", tmp_path / "t.in", tmp_path / "t.ans")],
                            limits=Limits(time=2))
    result = judge_submission(pool, blobs, submission).tests[0]
    assert result.verdict is Verdict.RTE and result.exit_code == 127, result
    assert "podium: cannot start /usr/bin/no-such-program: No such file" in result.message


def test_the_launcher_takes_the_limits_then_the_command() -> None:
    argv = launcher_argv(10002, "/work", {"time": 2.5, "output": 4096}, ["./a.out", "x"])
    assert argv == [LAUNCHER, "10002", "/work", "3", "4", "4096", "--", "./a.out", "x"]


def test_the_image_tag_follows_the_launcher_source(tmp_path: Path, monkeypatch) -> None:
    before = image.image_tag(10001, 10002)
    changed = tmp_path / "launch.c"
    changed.write_bytes(image.LAUNCHER_SOURCE.read_bytes() + b"/* changed */\n")
    monkeypatch.setattr(image, "LAUNCHER_SOURCE", changed)
    assert image.image_tag(10001, 10002) != before


def test_the_launcher_builds_static_and_goes_into_the_image_root_s(tmp_path: Path) -> None:
    built = image.build_launcher(tmp_path)
    headers = subprocess.run(["readelf", "-l", str(built)], capture_output=True, text=True,
                             check=True).stdout
    assert "INTERP" not in headers and "LOAD" in headers  # no loader: runs on any engine
    out = io.BytesIO()
    image.write_root(out, 10001, 10002, launcher=built)
    member = tarfile.open(fileobj=io.BytesIO(out.getvalue())).getmember(LAUNCHER.strip("/"))
    assert (member.mode, member.uid, member.gid) == (0o755, 0, 0)
    assert member.size == built.stat().st_size


@pytest.mark.docker
def test_a_small_program_peak_memory_is_its_own_not_the_runner_s(pool, blobs,
                                                                  tmp_path: Path) -> None:
    (tmp_path / "t.in").write_text("")
    (tmp_path / "t.ans").write_text("0\n")
    source = b'#include <stdio.h>\nint main(void) { puts("0"); return 0; }\n'
    submission = Submission(language=load_languages()["c"], source=source,
                            tests=[TestCase("t", tmp_path / "t.in", tmp_path / "t.ans")],
                            limits=Limits(time=2))
    result = judge_submission(pool, blobs, submission).tests[0]
    assert result.verdict is Verdict.AC
    assert 0 < result.memory < 4 * MiB, result  # the runner (Python) holds 15-20 MiB
