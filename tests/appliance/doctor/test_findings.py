"""`podium doctor`'s findings read from a fake /proc and /sys built in a temporary folder:
each check flags what makes timings untrustworthy, and passes a machine set up for judging."""

from __future__ import annotations

from pathlib import Path

import pytest

from appliance.config import Config
from appliance.doctor import findings as f
from appliance.doctor.findings import FAIL, OK, WARN, Finding, host_findings, slot_cpus
from appliance.doctor.machine import examine
from judge.pool import Pool
from judge.sandbox import SandboxConfig

CGROUPS_V1 = """#subsys_name\thierarchy\tnum_cgroups\tenabled
cpuset\t3\t3\t1
cpu\t1\t3\t1
cpuacct\t2\t3\t1
memory\t4\t121\t1
pids\t8\t3\t1
"""


def machine(root: Path, files: dict[str, str]) -> Path:
    """A fake machine: each file (path under the root) with its text."""
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    return root


GOOD = {
    "proc/cgroups": CGROUPS_V1,
    "sys/fs/cgroup/memory/memory.memsw.limit_in_bytes": "9223372036854771712\n",
    "proc/swaps": "Filename\tType\tSize\tUsed\tPriority\n",
    "sys/kernel/mm/transparent_hugepage/enabled": "always madvise [never]\n",
    "sys/kernel/mm/transparent_hugepage/defrag": "always defer [madvise] never\n",
    "sys/devices/system/cpu/cpu0/cpufreq/scaling_governor": "performance\n",
    "sys/devices/system/cpu/cpu2/cpufreq/scaling_governor": "performance\n",
    "sys/devices/system/cpu/intel_pstate/no_turbo": "1\n",
    "sys/devices/system/cpu/cpu0/topology/thread_siblings_list": "0-1\n",
    "sys/devices/system/cpu/cpu2/topology/thread_siblings_list": "2-3\n",
    "proc/sys/kernel/randomize_va_space": "0\n",
    "sys/devices/system/clocksource/clocksource0/current_clocksource": "tsc\n",
    "sys/devices/system/clocksource/clocksource0/available_clocksource": "tsc hpet\n",
    "proc/cpuinfo": "processor\t: 0\nflags\t\t: fpu vme tsc msr\n",
    "proc/loadavg": "0.10 0.20 0.30 1/100 4242\n",
}


def levels(found: list[Finding]) -> dict[str, str]:
    return {x.key: x.level for x in found}


def test_a_machine_set_up_for_judging_has_nothing_to_act_on(tmp_path: Path) -> None:
    found = host_findings(machine(tmp_path, GOOD), ["0", "2"])
    assert f.flagged(found) == [], [x.line() for x in f.flagged(found)]
    assert {x.key for x in found} == {"cgroups", "swap", "huge_pages", "governor", "turbo",
                                      "smt", "aslr", "clock_source", "virtual_machine", "load"}


@pytest.mark.parametrize(("changed", "key", "level", "words"), [
    ({"proc/cgroups": CGROUPS_V1.replace("pids\t8\t3\t1", "pids\t8\t3\t0")}, "cgroups", FAIL,
     "pids"),
    ({"proc/swaps": "Filename\tType\tSize\tUsed\tPriority\n/swap file\t2097152\t0\t-2\n"},
     "swap", WARN, "2048 MiB"),
    ({"sys/kernel/mm/transparent_hugepage/enabled": "[always] madvise never\n"},
     "huge_pages", WARN, "enabled always"),
    ({"sys/kernel/mm/transparent_hugepage/defrag": "[always] defer madvise never\n"},
     "huge_pages", WARN, "defrag always"),
    ({"sys/devices/system/cpu/cpu2/cpufreq/scaling_governor": "powersave\n"}, "governor",
     WARN, "CPU 2 powersave"),
    ({"sys/devices/system/cpu/intel_pstate/no_turbo": "0\n"}, "turbo", WARN, "turbo is on"),
    ({"sys/devices/system/cpu/cpu2/topology/thread_siblings_list": "0,2\n",
      "sys/devices/system/cpu/cpu0/topology/thread_siblings_list": "0,2\n"}, "smt", WARN,
     "CPUs 0 and 2"),
    ({"proc/sys/kernel/randomize_va_space": "2\n"}, "aslr", WARN, "on (2)"),
    ({"sys/devices/system/clocksource/clocksource0/current_clocksource": "hpet\n"},
     "clock_source", WARN, "clock source hpet"),
    ({"proc/cpuinfo": "flags\t\t: fpu tsc hypervisor\n",
      "proc/stat": "cpu  900 0 50 9000 0 0 0 50 0 0\n"}, "virtual_machine", WARN, "0.5%"),
    ({"proc/loadavg": "3.50 2.00 1.00 3/100 4242\n"}, "load", WARN, "load 3.50"),
])
def test_each_finding_is_flagged_with_what_to_do(tmp_path: Path, changed: dict[str, str],
                                                 key: str, level: str, words: str) -> None:
    found = host_findings(machine(tmp_path, {**GOOD, **changed}), ["0", "2"])
    (finding,) = [x for x in found if x.key == key]
    assert finding.level == level and words in finding.what, finding
    assert finding.fix, "a flagged finding says what to do"
    assert [x.key for x in f.flagged(found)] == [key]


def test_boost_on_an_amd_machine_is_flagged(tmp_path: Path) -> None:
    files = {k: v for k, v in GOOD.items() if "intel_pstate" not in k}
    root = machine(tmp_path, {**files, "sys/devices/system/cpu/cpufreq/boost": "1\n"})
    assert f.turbo(root).level == WARN and "boost" in f.turbo(root).fix


def test_cgroup_v2_needs_its_controllers(tmp_path: Path) -> None:
    root = machine(tmp_path, {"sys/fs/cgroup/cgroup.controllers": "cpuset cpu io memory\n"})
    finding = f.cgroups(root)
    assert (finding.level, finding.what) == (FAIL, "cgroup v2 lacks the pids controller")
    (tmp_path / "sys/fs/cgroup/cgroup.controllers").write_text("cpuset cpu io memory pids\n")
    assert f.cgroups(root).level == OK and "v2" in f.cgroups(root).what


def test_cgroup_v1_without_swap_accounting_fails(tmp_path: Path) -> None:
    root = machine(tmp_path, {"proc/cgroups": CGROUPS_V1})
    assert f.cgroups(root).level == FAIL and "swapaccount=1" in f.cgroups(root).fix


def test_no_cgroups_at_all_fails(tmp_path: Path) -> None:
    assert f.cgroups(tmp_path).level == FAIL


def test_two_slots_on_one_cpu_share_it(tmp_path: Path) -> None:
    finding = f.smt(machine(tmp_path, GOOD), ["0", "2", "0"])
    assert finding.level == WARN and "CPU 0 runs two slots" in finding.what


def test_absent_files_are_no_finding(tmp_path: Path) -> None:
    """A machine that exposes nothing (a container, an old kernel) is not flagged for it."""
    found = host_findings(tmp_path, ["0"])
    assert [x.key for x in f.flagged(found)] == ["cgroups"]


def test_swap_from_meminfo_when_proc_swaps_is_absent(tmp_path: Path) -> None:
    root = machine(tmp_path, {"proc/meminfo": "MemTotal: 100 kB\nSwapTotal:  1048576 kB\n"})
    assert f.swap(root).level == WARN and "1024 MiB" in f.swap(root).what


@pytest.mark.parametrize(("free", "level"), [(100 * f.GiB, OK), (3 * f.GiB, WARN),
                                             (f.GiB // 2, FAIL)])
def test_free_disk_in_the_data_folder(free: int, level: str) -> None:
    assert f.disk(Path("/data"), free, 200 * f.GiB).level == level


def test_docker_engine_findings() -> None:
    info = {"ServerVersion": "20.10", "CgroupVersion": "1", "Driver": "overlay2",
            "MemoryLimit": True, "SwapLimit": True, "PidsLimit": True, "CPUSet": True}
    assert [x.level for x in f.engine(info)] == [OK, OK]
    docker, driver = f.engine({**info, "SwapLimit": False, "Driver": "vfs"})
    assert docker.level == FAIL and "swap limits" in docker.what
    assert driver.level == WARN and "overlay2" in driver.fix
    (down,) = f.engine(None, "connection refused")
    assert down.level == FAIL and "connection refused" in down.what and "dockerd" in down.fix


def test_cpu_lists() -> None:
    assert f.cpu_list("0-3,8,10-11\n") == {0, 1, 2, 3, 8, 10, 11}


def test_slots_are_pinned_as_the_pool_pins_them(tmp_path: Path) -> None:
    """`slot_cpus` repeats judge.pool's rule (the doctor starts no pool to learn it)."""
    for size in (1, 2, 3, 5):
        pool = Pool(None, SandboxConfig(), tmp_path / "blobs", size=size, cpus=["0", "2", "5"])
        assert slot_cpus(size, ["0", "2", "5"]) == pool.cpusets


def test_examine_without_docker_reads_this_machine(tmp_path: Path) -> None:
    found = examine(Config.build(data_dir=tmp_path / "not-yet"), docker=False)
    assert {"cgroups", "disk", "smt"} <= {x.key for x in found}
    assert all(x.level in (OK, WARN, FAIL) and x.what for x in found)

