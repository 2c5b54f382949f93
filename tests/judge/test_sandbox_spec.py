"""The container description holds every hardening flag, whatever the engine does with it."""

from __future__ import annotations

import io
import re
import tarfile
from pathlib import Path

import pytest

import judge
from judge.errors import SandboxError
from judge.image import image_tag, root_tar
from judge.limits import Limits
from judge.pool import check_engine
from judge.sandbox import (
    SCRATCH_LABEL,
    SandboxConfig,
    container_kwargs,
    run_memory,
    shipped_kwargs,
)
from judge.shipping import runner_tar, shipped_tag
from judge.verdicts import Verdict, worst


def test_container_is_offline_read_only_and_without_capabilities() -> None:
    kwargs = container_kwargs(SandboxConfig(), Path("/data/blobs"), Path("/src/judge"),
                              Path("/data/scratch/x"), "1")
    assert kwargs["network_mode"] == "none"
    assert kwargs["read_only"] is True
    assert kwargs["cap_drop"] == ["ALL"]
    assert set(kwargs["cap_add"]) == {"SETUID", "SETGID", "KILL"}
    assert "no-new-privileges:true" in kwargs["security_opt"]
    assert kwargs["pids_limit"] > 0 and kwargs["mem_limit"] == kwargs["memswap_limit"]
    assert kwargs["cpuset_cpus"] == "1"
    volumes = kwargs["volumes"]
    assert volumes.pop("/data/scratch/x") == {"bind": "/out", "mode": "rw"}
    assert all(volume["mode"] == "ro" for volume in volumes.values())
    assert volumes["/data/blobs"]["bind"] == "/blobs"


def test_work_folder_belongs_to_the_compile_user_not_the_test_user() -> None:
    config = SandboxConfig(uid=12345, run_uid=12346)
    tmpfs = container_kwargs(config, Path("/b"), Path("/r"), Path("/s"), None)["tmpfs"]
    assert "uid=12345" in tmpfs["/work"] and "mode=0755" in tmpfs["/work"]
    assert "12346" not in tmpfs["/work"]


def test_run_memory_is_the_limit_on_top_of_what_compiling_left() -> None:
    config = SandboxConfig()
    assert run_memory(config, 256 << 20, 20 << 20) == (276 << 20) + config.run_slack


def test_image_content_and_tag_are_deterministic() -> None:
    assert root_tar(10001, 10002) == root_tar(10001, 10002)
    assert image_tag(10001, 10002) == image_tag(10001, 10002) != image_tag(10001, 10003)


def test_wall_limit_follows_the_cpu_limit() -> None:
    assert Limits(time=2.0).wall == 5.0


def test_worst_verdict_puts_judging_errors_first() -> None:
    assert worst([Verdict.AC, Verdict.WA, Verdict.JE]) is Verdict.JE
    assert worst([Verdict.AC, Verdict.TLE, Verdict.WA]) is Verdict.TLE
    assert worst([]) is Verdict.AC


def test_engine_without_memory_cgroup_is_refused_with_the_reason() -> None:
    check_engine({"MemoryLimit": True, "SwapLimit": True, "PidsLimit": True, "CPUSet": True})
    with pytest.raises(SandboxError, match="memory cgroup controller is not enabled"):
        check_engine({"MemoryLimit": False, "SwapLimit": True, "PidsLimit": True,
                      "CPUSet": True})


def test_a_sandbox_of_an_engine_that_shares_nothing_binds_only_toolchains() -> None:
    config = SandboxConfig()
    kwargs = shipped_kwargs(config, {"podium-blobs": {"bind": "/blobs", "mode": "ro"}}, "0")
    volumes = dict(kwargs["volumes"])
    assert volumes.pop("podium-blobs") == {"bind": "/blobs", "mode": "ro"}
    assert set(volumes) <= set(config.host_paths)  # the engine host's own, read-only
    assert all(v == {"bind": path, "mode": "ro"} for path, v in volumes.items())
    assert kwargs["mounts"] == [{"Target": "/out", "Source": "", "Type": "volume",
                                 "ReadOnly": False}]  # anonymous: removed with it
    assert kwargs["labels"][SCRATCH_LABEL] == ""  # no host folder to remove
    assert kwargs["read_only"] is True and kwargs["network_mode"] == "none"


def test_the_runner_travels_in_the_image_with_every_module_it_imports() -> None:
    with tarfile.open(fileobj=io.BytesIO(runner_tar())) as tar:
        names = {m.name: m for m in tar.getmembers()}
    assert names["blobs"].isdir() and names["blobs"].mode == 0o700  # root's alone
    runner = names["podium/judge/runner.py"]
    assert runner.mode == 0o644 and runner.uid == 0 and runner.mtime == 0
    imported = re.findall(r"^from judge\.([\w.]+) import",
                          (Path(judge.__file__).parent / "runner.py").read_text(), re.M)
    for module in imported:
        assert f"podium/judge/{module.replace('.', '/')}.py" in names
    assert runner_tar() == runner_tar()  # one runner, one image tag
    assert shipped_tag("podium-judge:abc", runner_tar()).startswith("podium-judge:abc-r")
