/* The launcher: starts one command of a submission (or a validator) inside the sandbox.
 *
 * The runner (Python, the container's pid 1) posix_spawns this small static program with
 * the command's standard streams in place and a pipe as descriptor 3. It closes every
 * other descriptor, puts every signal back to its default and unblocks them, applies the
 * limits and makes itself the first the OOM killer takes; then it forks the command, which
 * closes the pipe, starts a session, becomes the unprivileged user for good and execs,
 * while the launcher (still root, so the command cannot signal it) writes the command's
 * pid on the pipe and exits. The runner, a child subreaper, adopts the command and waits
 * for it as its own child.
 *
 * Why: started this way a test costs no copy of the runner's page tables and no
 * interpreter work between fork and exec (posix_spawn is a vfork); and since the command
 * is forked from this small process, not from the runner, its peak memory (ru_maxrss,
 * which an execve keeps) is its own, not the runner's 15-20 MiB.
 *
 * It uses no C library, only system calls: a statically linked libc's start-up alone costs
 * about 0.3 ms a test (measured in the sandbox), this about 0.05 ms. Built offline with the
 * host's gcc into the judge image (judge/image.py), so it runs on any engine of the same
 * architecture the image is shipped to (x86-64 or AArch64).
 *
 * Usage: launch UID WORKDIR CPU_SOFT CPU_HARD FSIZE -- PROGRAM [ARG...]
 * (CPU in seconds, FSIZE in bytes; PROGRAM is looked up in the PATH of the environment
 * given, as execvp does.) Any failure before the command runs: one line on standard error,
 * exit 127 (from the launcher itself, with no pid written, when it fails before the fork).
 */
#include <asm/unistd.h>
#include <linux/errno.h>
#include <linux/fcntl.h>
#include <linux/resource.h>

#ifndef __NR_close_range
#define __NR_close_range 436
#endif

#define NOFILE 1024
#define OOM_SCORE "1000" /* when the cgroup is full, the kernel kills this, not the runner */
#define DEFAULT_PATH "/usr/local/bin:/usr/bin:/bin"
#define PATH_MAX 4096
#define SIGNALS 64
#define PID_PIPE 3 /* where the runner reads the command's pid */
#define SIGCHLD 17

typedef unsigned long u64;

static long sys(long n, long a, long b, long c, long d) {
    long r;
#if defined(__x86_64__)
    register long r10 __asm__("r10") = d;
    __asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10)
                     : "rcx", "r11", "memory");
#elif defined(__aarch64__)
    register long x8 __asm__("x8") = n, x0 __asm__("x0") = a, x1 __asm__("x1") = b,
                  x2 __asm__("x2") = c, x3 __asm__("x3") = d;
    __asm__ volatile("svc 0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2), "r"(x3) : "memory");
    r = x0;
#else
#error "the launcher knows the system calls of x86-64 and AArch64 only"
#endif
    return r; /* -errno on failure */
}

static const char *program = "?";

static int length(const char *s) {
    int n = 0;
    while (s[n]) n++;
    return n;
}

static void say(const char *s) { sys(__NR_write, 2, (long)s, length(s), 0); }

static const char *reason(long error) {
    switch (error) {
    case ENOENT: return "No such file or directory";
    case EACCES: return "Permission denied";
    case ENOEXEC: return "Exec format error";
    case ENOTDIR: return "Not a directory";
    case ENAMETOOLONG: return "File name too long";
    case ELOOP: return "Too many levels of symbolic links";
    case E2BIG: return "Argument list too long";
    case ENOMEM: return "Cannot allocate memory";
    case EPERM: return "Operation not permitted";
    case EINVAL: return "Invalid argument";
    case EAGAIN: return "Resource temporarily unavailable";
    default: return "system error";
    }
}

static void __attribute__((noreturn)) fail(const char *step, long result) {
    say("podium: cannot start ");
    say(program);
    say(": ");
    if (step) {
        say(step);
        say(": ");
    }
    say(reason(-result));
    say("\n");
    sys(__NR_exit_group, 127, 0, 0, 0);
    __builtin_unreachable();
}

static void check(long result, const char *step) {
    if (result < 0) fail(step, result);
}

static u64 number(const char *text) {
    u64 value = 0;
    if (!*text) fail("bad number", -EINVAL);
    for (; *text; text++) {
        if (*text < '0' || *text > '9' || value > (~0UL - 9) / 10) fail("bad number", -EINVAL);
        value = value * 10 + (u64)(*text - '0');
    }
    return value;
}

static void limit(int resource, u64 soft, u64 hard, const char *name) {
    u64 value[2] = {soft, hard};
    check(sys(__NR_prlimit64, 0, resource, (long)value, 0), name);
}

static const char *path_of(char **envp) {
    for (; *envp; envp++) {
        const char *e = *envp;
        if (e[0] == 'P' && e[1] == 'A' && e[2] == 'T' && e[3] == 'H' && e[4] == '=')
            return e + 5;
    }
    return DEFAULT_PATH;
}

/* execvp: a name with a slash is run as it is, else each folder of PATH is tried; the first
 * error other than "not there" is the one told, as execvp and Python's execvpe do. */
static void __attribute__((noreturn)) run(char **argv, char **envp) {
    for (const char *s = program; *s; s++)
        if (*s == '/') fail(0, sys(__NR_execve, (long)program, (long)argv, (long)envp, 0));
    static char full[PATH_MAX];
    int name = length(program);
    if (name > PATH_MAX - 3) fail(0, -ENAMETOOLONG);
    long told = -ENOENT, result;
    for (const char *dir = path_of(envp); ; dir++) {
        int n = 0;
        for (; *dir && *dir != ':'; dir++)
            if (n < PATH_MAX - 2 - name) full[n++] = *dir;
        if (n == 0) full[n++] = '.';
        full[n++] = '/';
        for (int i = 0; i <= name; i++) full[n + i] = program[i];
        result = sys(__NR_execve, (long)full, (long)argv, (long)envp, 0);
        if (result != -ENOENT && result != -ENOTDIR && told == -ENOENT) told = result;
        if (!*dir) break;
    }
    fail(0, told);
}

static int differ(const char *a, const char *b) {
    while (*a && *a == *b) a++, b++;
    return *a != *b;
}

static void start(long argc, char **argv, char **envp) {
    if (argc < 8 || differ(argv[6], "--")) {
        say("usage: launch UID WORKDIR CPU_SOFT CPU_HARD FSIZE -- PROGRAM [ARG...]\n");
        sys(__NR_exit_group, 127, 0, 0, 0);
    }
    program = argv[7];
    u64 uid = number(argv[1]);
    if (uid == 0 || uid > 0xfffffffe) fail("uid", -EPERM);
    if (sys(__NR_close_range, PID_PIPE + 1, ~0U, 0, 0) < 0) /* the runner's are close-on-exec */
        for (int fd = PID_PIPE + 1; fd < 4096; fd++) sys(__NR_close, fd, 0, 0, 0);
    u64 deflt[4] = {0, 0, 0, 0}; /* the kernel's sigaction: SIG_DFL, no flags, empty mask */
    for (int sig = 1; sig <= SIGNALS; sig++) /* Python ignores SIGPIPE and SIGXFSZ: undo it */
        sys(__NR_rt_sigaction, sig, (long)deflt, 0, 8); /* SIGKILL and SIGSTOP refuse: fine */
    u64 none = 0;
    check(sys(__NR_rt_sigprocmask, 2 /* SIG_SETMASK */, (long)&none, 0, 8), "sigprocmask");
    limit(RLIMIT_CPU, number(argv[3]), number(argv[4]), "RLIMIT_CPU");
    u64 fsize = number(argv[5]);
    limit(RLIMIT_FSIZE, fsize, fsize, "RLIMIT_FSIZE");
    limit(RLIMIT_CORE, 0, 0, "RLIMIT_CORE");
    limit(RLIMIT_STACK, ~0UL, ~0UL, "RLIMIT_STACK");
    limit(RLIMIT_NOFILE, NOFILE, NOFILE, "RLIMIT_NOFILE");
    long oom = sys(__NR_openat, AT_FDCWD, (long)"/proc/self/oom_score_adj",
                   O_WRONLY | O_CLOEXEC, 0);
    check(oom, "oom_score_adj");
    check(sys(__NR_write, oom, (long)OOM_SCORE, length(OOM_SCORE), 0), "oom_score_adj");
    sys(__NR_close, oom, 0, 0, 0);
    long pid = sys(__NR_clone, SIGCHLD, 0, 0, 0); /* a fork (AArch64 has no fork call) */
    check(pid, "fork");
    if (pid == 0) {
        sys(__NR_close, PID_PIPE, 0, 0, 0);
        check(sys(__NR_setsid, 0, 0, 0, 0), "setsid");
        check(sys(__NR_setgroups, 0, 0, 0, 0), "setgroups");
        check(sys(__NR_setgid, (long)uid, 0, 0, 0), "setgid");
        check(sys(__NR_setuid, (long)uid, 0, 0, 0), "setuid");
        if (sys(__NR_setuid, 0, 0, 0, 0) == 0) fail("setuid", -EPERM); /* for good */
        check(sys(__NR_chdir, (long)argv[2], 0, 0, 0), argv[2]);
        sys(__NR_umask, 022, 0, 0, 0); /* what the compiler writes, the test user must run */
        run(argv + 7, envp);
    }
    /* Still root here: the command (another user) can neither stop nor kill this before
     * it has told the runner, which would leave the runner waiting. */
    int told = (int)pid;
    sys(__NR_write, PID_PIPE, (long)&told, sizeof told, 0); /* atomic: under PIPE_BUF */
    sys(__NR_exit_group, 0, 0, 0, 0);
}

void __attribute__((noreturn, used)) start_c(long *stack) {
    long argc = stack[0];
    char **argv = (char **)(stack + 1);
    start(argc, argv, argv + argc + 1);
    sys(__NR_exit_group, 127, 0, 0, 0);
    __builtin_unreachable();
}

#if defined(__x86_64__)
__asm__(".globl _start\n_start:\n\txor %rbp, %rbp\n\tmov %rsp, %rdi\n\tand $-16, %rsp\n"
        "\tcall start_c\n");
#else
__asm__(".globl _start\n_start:\n\tmov x29, #0\n\tmov x0, sp\n\tbl start_c\n");
#endif
