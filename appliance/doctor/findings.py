"""What on this machine makes timings untrustworthy, read from /proc and /sys below a root
folder (the real machine's is `/`; a test builds a fake one), each finding with what to do.

isolate ships `isolate-check-environment` for the same reason: CPU time measured on a machine
with turbo, frequency scaling, SMT siblings, swap or transparent huge pages varies from run
to run, so a submission near its limit may pass once and fail the next time. Reading files is
the only I/O here; every rule is a pure function of their text, the slots' CPUs, the disk's
figures and the Docker engine's `info`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from judge.errors import SandboxError
from judge.pool import check_engine

OK, WARN, FAIL = "ok", "warn", "fail"  # fail: judging itself is at risk
GiB = 2**30
CGROUP_NEEDS = ("cpuset", "cpu", "memory", "pids")  # and cpuacct on cgroup v1
SLOW_CLOCKS = ("hpet", "acpi_pm", "jiffies", "pit")
GOOD_DRIVERS = ("overlay2", "overlay", "btrfs", "zfs")


@dataclass(frozen=True)
class Finding:
    """One check: its key, `ok`/`warn`/`fail`, what was seen and what to do about it."""

    key: str
    level: str
    what: str
    fix: str = ""

    @property
    def flagged(self) -> bool:
        return self.level != OK

    def line(self) -> str:
        """The finding on one line (the server's start-up warning)."""
        return f"{self.key}: {self.what}" + (f"; {self.fix}" if self.fix else "")

    def to_json(self) -> dict:
        return {"key": self.key, "level": self.level, "what": self.what, "fix": self.fix}


def slot_cpus(size: int, cpus: Sequence[str]) -> list[str]:
    """The CPU each judging slot is pinned to, as `judge.pool.Pool` assigns them (round
    robin over the CPUs the process may use; a test checks the two agree)."""
    return [cpus[i % len(cpus)] for i in range(size)]


def _read(root: Path, rel: str) -> str | None:
    """A small /proc or /sys file's text, stripped; None when it is absent or unreadable."""
    try:
        return (root / rel).read_text().strip()
    except (OSError, UnicodeDecodeError):
        return None


def _selected(text: str) -> str:
    """The bracketed choice of a /sys selector file: `always [madvise] never` -> madvise."""
    for word in text.split():
        if word.startswith("[") and word.endswith("]"):
            return word[1:-1]
    return text


def cpu_list(text: str) -> set[int]:
    """A kernel CPU list (`0-3,8,10-11`) as a set of CPU numbers."""
    found: set[int] = set()
    for part in text.replace("\n", ",").split(","):
        if not part.strip():
            continue
        low, _, high = part.strip().partition("-")
        found.update(range(int(low), int(high or low) + 1))
    return found


def host_findings(root: Path, slots: Sequence[str]) -> list[Finding]:
    """Every check of the machine below `root`, for judging slots pinned to `slots`."""
    return [cgroups(root), swap(root), huge_pages(root), governor(root, slots),
            turbo(root), smt(root, slots), aslr(root), clock_source(root),
            virtual_machine(root), load(root, len(set(slots)))]


def cgroups(root: Path) -> Finding:
    """The cgroup version and whether the controllers the sandbox needs are there."""
    controllers = _read(root, "sys/fs/cgroup/cgroup.controllers")
    if controllers is not None:
        missing = [c for c in CGROUP_NEEDS if c not in controllers.split()]
        version, have = "v2", controllers.split()
    else:
        table = _read(root, "proc/cgroups")
        if table is None:
            return Finding("cgroups", FAIL, "no cgroup controllers found (neither "
                           "/sys/fs/cgroup/cgroup.controllers nor /proc/cgroups)",
                           "mount the cgroup file system; Docker needs it for every limit")
        rows = [line.split() for line in table.splitlines() if not line.startswith("#")]
        have = [r[0] for r in rows if len(r) >= 4 and r[3] == "1" and r[1] != "0"]
        missing = [c for c in (*CGROUP_NEEDS, "cpuacct") if c not in have]
        version = "v1"
        if not missing and _read(root, "sys/fs/cgroup/memory/memory.memsw.limit_in_bytes") \
                is None:
            return Finding("cgroups", FAIL, "cgroup v1 without swap accounting: a sandbox's "
                           "memory limit does not cover swap",
                           "boot with swapaccount=1 on the kernel command line")
    if missing:
        return Finding("cgroups", FAIL, f"cgroup {version} lacks the {', '.join(missing)} "
                       "controller" + ("s" if len(missing) > 1 else ""),
                       "enable them (kernel command line, or systemd's cgroup set-up): "
                       "without them Docker cannot pin, limit or count a sandbox")
    return Finding("cgroups", OK, f"cgroup {version}, controllers "
                   f"{', '.join(c for c in have if c in (*CGROUP_NEEDS, 'cpuacct'))}")


def swap(root: Path) -> Finding:
    """Swap on: memory paged out makes a program slower by the disk's whims."""
    kib = 0
    table = _read(root, "proc/swaps")
    if table is not None:
        kib = sum(int(cols[2]) for cols in (line.split() for line in table.splitlines()[1:])
                  if len(cols) >= 3 and cols[2].isdigit())
    else:
        for line in (_read(root, "proc/meminfo") or "").splitlines():
            if line.startswith("SwapTotal:"):
                kib = int(line.split()[1])
    if kib:
        return Finding("swap", WARN, f"swap is on ({kib // 1024} MiB): a process whose memory "
                       "is paged out runs slower (the server, the compilers' caches)",
                       "swapoff -a, and take swap out of /etc/fstab")
    return Finding("swap", OK, "no swap")


def huge_pages(root: Path) -> Finding:
    """Transparent huge pages `always`: page faults that stall to compact memory, and a
    background thread (khugepaged) merging pages under a running program."""
    base = "sys/kernel/mm/transparent_hugepage"
    enabled = _read(root, f"{base}/enabled")
    if enabled is None:
        return Finding("huge_pages", OK, "no transparent huge pages")
    enabled, defrag = _selected(enabled), _selected(_read(root, f"{base}/defrag") or "")
    if enabled == "always" or defrag == "always":
        return Finding("huge_pages", WARN, f"transparent huge pages: enabled {enabled}, "
                       f"defrag {defrag}: a program's page faults may stall to compact memory",
                       f"echo madvise > /{base}/enabled; echo madvise > /{base}/defrag")
    return Finding("huge_pages", OK, f"transparent huge pages: enabled {enabled}, "
                   f"defrag {defrag or '?'}")


def governor(root: Path, slots: Sequence[str]) -> Finding:
    """The CPU frequency governor of the slots' CPUs: anything but `performance` changes the
    clock under a running program."""
    found = {cpu: _read(root, f"sys/devices/system/cpu/cpu{cpu}/cpufreq/scaling_governor")
             for cpu in sorted(set(slots), key=int)}
    seen = {cpu: g for cpu, g in found.items() if g is not None}
    if not seen:
        return Finding("governor", OK, "no CPU frequency scaling exposed (cpufreq absent; on "
                       "a virtual machine its host decides)")
    slow = {cpu: g for cpu, g in seen.items() if g != "performance"}
    if slow:
        names = ", ".join(f"CPU {cpu} {g}" for cpu, g in slow.items())
        return Finding("governor", WARN, f"frequency governor: {names}: the clock speed "
                       "changes with load, and a program's CPU time with it",
                       "cpupower frequency-set -g performance")
    return Finding("governor", OK, "frequency governor: performance")


def turbo(root: Path) -> Finding:
    """Turbo (Intel) or boost (AMD, acpi-cpufreq) on: the clock depends on temperature and
    on how many cores are busy."""
    no_turbo = _read(root, "sys/devices/system/cpu/intel_pstate/no_turbo")
    if no_turbo == "0":
        return Finding("turbo", WARN, "turbo is on: the clock speed depends on heat and on how "
                       "many cores are busy", "echo 1 > /sys/devices/system/cpu/intel_pstate/"
                                               "no_turbo")
    boost = _read(root, "sys/devices/system/cpu/cpufreq/boost")
    if boost == "1":
        return Finding("turbo", WARN, "CPU boost is on: the clock speed depends on heat and on "
                       "how many cores are busy",
                       "echo 0 > /sys/devices/system/cpu/cpufreq/boost")
    if no_turbo is None and boost is None:
        return Finding("turbo", OK, "no turbo or boost control exposed")
    return Finding("turbo", OK, "turbo and boost off")


def smt(root: Path, slots: Sequence[str]) -> Finding:
    """Two judging slots on one core (SMT siblings, or one CPU): one's program slows the
    other's."""
    shared = sorted({cpu for cpu in slots if slots.count(cpu) > 1}, key=int)
    if shared:
        return Finding("smt", WARN, f"{len(slots)} slots on {len(set(slots))} CPUs: CPU "
                       f"{', '.join(shared)} runs two slots' programs at once",
                       "use at most one slot per CPU (--pool-size)")
    pairs = []
    cpus = sorted(set(slots), key=int)
    for i, cpu in enumerate(cpus):
        text = _read(root, f"sys/devices/system/cpu/cpu{cpu}/topology/thread_siblings_list")
        siblings = cpu_list(text) if text else set()
        pairs += [(cpu, other) for other in cpus[i + 1:] if int(other) in siblings]
    if pairs:
        names = ", ".join(f"{a} and {b}" for a, b in pairs)
        return Finding("smt", WARN, f"slots on SMT siblings (one core each pair): CPUs {names}: "
                       "one slot's program slows the other's",
                       "give the judge one CPU per core (--pool-size), or echo off > "
                       "/sys/devices/system/cpu/smt/control")
    return Finding("smt", OK, f"{len(slots)} slots, each on a core of its own")


def aslr(root: Path) -> Finding:
    """Address space layout randomisation: a program's layout, so its cache behaviour and
    time, changes from run to run."""
    value = _read(root, "proc/sys/kernel/randomize_va_space")
    if value not in (None, "0"):
        return Finding("aslr", WARN, f"address space layout randomisation is on ({value}): a "
                       "program's memory layout, and with it its time, changes from run to run",
                       "sysctl kernel.randomize_va_space=0 on a machine that only judges "
                       "(it weakens a defence against exploits of the host's services)")
    return Finding("aslr", OK, "address space layout randomisation off" if value == "0"
                   else "address space layout randomisation not exposed")


def clock_source(root: Path) -> Finding:
    """A slow clock source: every time read (and the kernel's CPU accounting) costs more."""
    base = "sys/devices/system/clocksource/clocksource0"
    current = _read(root, f"{base}/current_clocksource")
    if current is None:
        return Finding("clock_source", OK, "clock source not exposed")
    if current in SLOW_CLOCKS:
        available = (_read(root, f"{base}/available_clocksource") or "").split()
        better = next((c for c in ("tsc", "kvm-clock") if c in available), None)
        return Finding("clock_source", WARN, f"clock source {current}: each clock read is slow, "
                       "and programs that read the time often run slower",
                       f"echo {better} > /{base}/current_clocksource" if better
                       else "use a machine with a stable TSC")
    return Finding("clock_source", OK, f"clock source {current}")


def virtual_machine(root: Path) -> Finding:
    """A virtual machine shares its CPUs with the host's other guests: time stolen by them
    is not charged to a program, but its caches are cold after."""
    flags = next((line for line in (_read(root, "proc/cpuinfo") or "").splitlines()
                  if line.startswith("flags")), "")
    if "hypervisor" not in flags.split():
        return Finding("virtual_machine", OK, "not a virtual machine")
    steal = _steal_share(_read(root, "proc/stat") or "")
    stolen = f", {steal:.1%} of CPU time stolen by the host since boot" if steal is not None \
        else ""
    return Finding("virtual_machine", WARN, f"a virtual machine{stolen}: other guests on its "
                   "host change how fast its CPUs run",
                   "judge on dedicated (pinned) virtual CPUs, or on bare metal")


def _steal_share(stat: str) -> float | None:
    """The share of CPU time stolen by the hypervisor, from /proc/stat's `cpu` line."""
    for line in stat.splitlines():
        cols = line.split()
        if cols and cols[0] == "cpu" and len(cols) >= 9:
            ticks = [int(c) for c in cols[1:9]]
            return ticks[7] / sum(ticks) if sum(ticks) else 0.0
    return None


def load(root: Path, cpus: int) -> Finding:
    """A busy machine now: the calibration's figures, and the contest's, suffer."""
    text = _read(root, "proc/loadavg")
    if text is None:
        return Finding("load", OK, "load not exposed")
    minute = float(text.split()[0])
    if minute > max(cpus, 1) / 2:
        return Finding("load", WARN, f"the machine is busy: load {minute:.2f} over the last "
                       "minute", "stop what else runs here before the contest")
    return Finding("load", OK, f"load {minute:.2f} over the last minute")


def disk(folder: Path, free: int, total: int) -> Finding:
    """Free space in the data folder: sources, outputs and the store grow during a contest."""
    where = f"{free / GiB:.1f} GiB free of {total / GiB:.1f} GiB in {folder}"
    if free < GiB:
        return Finding("disk", FAIL, where, "free space: judging writes every program's output "
                       "and the store every submission")
    if free < 5 * GiB or free < total * 0.05:
        return Finding("disk", WARN, where, "free at least 5 GiB before a contest")
    return Finding("disk", OK, where)


def engine(info: dict | None, error: str = "") -> list[Finding]:
    """The Docker engine: whether it answers, enforces the limits, and its storage driver."""
    if info is None:
        return [Finding("docker", FAIL, f"the Docker engine does not answer: {error}",
                        "start dockerd (./install.sh starts it), or set DOCKER_HOST")]
    findings = []
    try:
        check_engine(info)
        findings.append(Finding("docker", OK, f"Docker {info.get('ServerVersion', '?')}, "
                                f"cgroup v{info.get('CgroupVersion', '?')}, limits enforced"))
    except SandboxError as exc:
        findings.append(Finding("docker", FAIL, str(exc).partition(": fix")[0],
                                "fix the host's cgroup set-up before judging"))
    driver = info.get("Driver", "?")
    if driver in GOOD_DRIVERS:
        findings.append(Finding("storage_driver", OK, f"storage driver {driver}"))
    else:
        findings.append(Finding("storage_driver", WARN, f"storage driver {driver}: starting a "
                                "sandbox copies or maps its image slowly",
                                "use overlay2 (\"storage-driver\" in /etc/docker/daemon.json)"))
    return findings


def flagged(findings: Iterable[Finding]) -> list[Finding]:
    """The findings to act on."""
    return [f for f in findings if f.flagged]
