/* Hostile case: try to gain privileges or shed limits: raise the hard CPU, file-size,
 * process and open-file rlimits, setuid(0)/setgid(0)/setresuid(0), join a new user or mount
 * namespace (unshare), chroot, mount a tmpfs, ptrace-attach to the runner (its parent),
 * lower its niceness and its OOM score. A wrong answer if any of it worked, else the right
 * one. Expected: AC. */
#define _GNU_SOURCE
#include <sched.h>
#include <stdio.h>
#include <sys/mount.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <unistd.h>

static int gained = 0;

static void check(int ok, const char *what) {
    if (ok) {
        fprintf(stderr, "worked: %s\n", what);
        gained = 1;
    }
}

static void raise_limit(int resource, const char *name) {
    struct rlimit r = {RLIM_INFINITY, RLIM_INFINITY};
    check(setrlimit(resource, &r) == 0, name);
}

int main(void) {
    long n;
    if (scanf("%ld", &n) != 1)
        return 1;
    raise_limit(RLIMIT_CPU, "raise RLIMIT_CPU");
    raise_limit(RLIMIT_FSIZE, "raise RLIMIT_FSIZE");
    raise_limit(RLIMIT_NOFILE, "raise RLIMIT_NOFILE");
    raise_limit(RLIMIT_CORE, "raise RLIMIT_CORE");
    check(setgid(0) == 0, "setgid(0)");
    check(setuid(0) == 0, "setuid(0)");
    check(setresuid(0, 0, 0) == 0, "setresuid(0,0,0)");
    check(geteuid() == 0, "euid 0");
    check(unshare(CLONE_NEWUSER) == 0, "unshare(CLONE_NEWUSER)");
    check(unshare(CLONE_NEWNS) == 0, "unshare(CLONE_NEWNS)");
    check(chroot("/tmp") == 0, "chroot");
    check(mount("none", "/tmp", "tmpfs", 0, NULL) == 0, "mount");
    check(ptrace(PTRACE_ATTACH, getppid(), 0, 0) == 0, "ptrace the runner");
    check(setpriority(PRIO_PROCESS, 0, -20) == 0, "nice -20");
    FILE *oom = fopen("/proc/self/oom_score_adj", "w");
    if (oom) {
        check(fputs("-1000", oom) >= 0 && fflush(oom) == 0, "oom_score_adj -1000");
        fclose(oom);
    }
    printf("%ld\n", gained ? -1 : 2 * n);
    return 0;
}
