/* The launcher: starts one command of a submission (or a validator) inside the sandbox.
 *
 * The runner (Python, the container's pid 1) posix_spawns this small static program with
 * the command's standard streams already in place; it closes every other descriptor, puts
 * every signal back to its default and unblocks them, starts a session, applies the limits,
 * makes itself the first the OOM killer takes, becomes the unprivileged user for good and
 * execs the command. Done here rather than in a forked Python child, a test costs no copy
 * of the runner's page tables and no interpreter work between fork and exec (about 1 ms).
 *
 * Built offline with the host's gcc into the judge image (judge/image.py), statically, so
 * it runs on any engine the image is shipped to.
 *
 * Usage: launch UID WORKDIR CPU_SOFT CPU_HARD FSIZE -- PROGRAM [ARG...]
 * (CPU in seconds, FSIZE in bytes; PROGRAM is looked up in the PATH of the environment
 * given.) Any failure before the command runs: one line on standard error, exit 127.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#define NOFILE 1024
#define OOM_SCORE "1000" /* when the cgroup is full, the kernel kills this, not the runner */

static const char *program = "?";

static void fail(const char *step) {
    dprintf(2, "podium: cannot start %s: %s: %s\n", program, step, strerror(errno));
    _exit(127);
}

static rlim_t number(const char *text) {
    char *end;
    errno = 0;
    unsigned long long value = strtoull(text, &end, 10);
    if (errno || end == text || *end) {
        errno = EINVAL;
        fail("bad limit");
    }
    return (rlim_t)value;
}

static void limit(int resource, rlim_t soft, rlim_t hard, const char *name) {
    struct rlimit value = {soft, hard};
    if (setrlimit(resource, &value)) fail(name);
}

int main(int argc, char **argv) {
    if (argc < 8 || strcmp(argv[6], "--")) {
        dprintf(2, "usage: launch UID WORKDIR CPU_SOFT CPU_HARD FSIZE -- PROGRAM [ARG...]\n");
        return 127;
    }
    program = argv[7];
    uid_t uid = (uid_t)number(argv[1]);
    if (uid == 0) {
        errno = EPERM;
        fail("uid 0");
    }
    if (close_range(3, ~0U, 0)) /* the runner's descriptors are close-on-exec; to be sure */
        for (int fd = 3; fd < 4096; fd++) close(fd);
    struct sigaction deflt = {.sa_handler = SIG_DFL};
    for (int sig = 1; sig < NSIG; sig++)
        sigaction(sig, &deflt, NULL); /* Python ignores SIGPIPE and SIGXFSZ: undo it */
    sigset_t none;
    sigemptyset(&none);
    if (sigprocmask(SIG_SETMASK, &none, NULL)) fail("sigprocmask");
    if (setsid() < 0) fail("setsid");
    limit(RLIMIT_CPU, number(argv[3]), number(argv[4]), "RLIMIT_CPU");
    rlim_t fsize = number(argv[5]);
    limit(RLIMIT_FSIZE, fsize, fsize, "RLIMIT_FSIZE");
    limit(RLIMIT_CORE, 0, 0, "RLIMIT_CORE");
    limit(RLIMIT_STACK, RLIM_INFINITY, RLIM_INFINITY, "RLIMIT_STACK");
    limit(RLIMIT_NOFILE, NOFILE, NOFILE, "RLIMIT_NOFILE");
    int oom = open("/proc/self/oom_score_adj", O_WRONLY | O_CLOEXEC);
    if (oom < 0 || write(oom, OOM_SCORE, strlen(OOM_SCORE)) < 0) fail("oom_score_adj");
    close(oom);
    if (setgroups(0, NULL) || setgid(uid) || setuid(uid)) fail("setuid");
    if (getuid() != uid || geteuid() != uid || setuid(0) == 0) { /* for good */
        errno = EPERM;
        fail("setuid");
    }
    if (chdir(argv[2])) fail(argv[2]);
    umask(022); /* what the compiler writes, the test user must be able to run */
    execvp(program, argv + 7);
    dprintf(2, "podium: cannot start %s: %s\n", program, strerror(errno));
    return 127;
}
