/* Hostile case: print the right answer, then try to reach the judge's copy of it by other
 * routes than the file descriptor it was given: reopen /proc/self/fd/1 for writing with
 * O_TRUNC, write /out/out (the runner's scratch file) directly, plant a symlink or file in
 * /out, and chmod/chown the output file. If any of that works it appends a wrong line.
 * Expected: AC. */
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

static int tampered = 0;

static void check(int ok, const char *what) {
    if (ok) {
        fprintf(stderr, "tampering worked: %s\n", what);
        tampered = 1;
    }
}

int main(void) {
    long n;
    if (scanf("%ld", &n) != 1)
        return 1;
    printf("%ld\n", 2 * n);
    fflush(stdout);
    int fd = open("/proc/self/fd/1", O_WRONLY | O_APPEND);
    check(fd >= 0, "reopen /proc/self/fd/1");
    if (fd >= 0)
        close(fd);
    fd = open("/out/out", O_WRONLY | O_APPEND);
    check(fd >= 0, "open /out/out");
    if (fd >= 0)
        close(fd);
    check(symlink("/blobs", "/out/planted") == 0, "symlink in /out");
    fd = open("/out/planted-file", O_WRONLY | O_CREAT | O_EXCL, 0666);
    check(fd >= 0, "create in /out");
    check(fchmod(1, 0666) == 0, "fchmod stdout");
    check(fchown(1, getuid(), getgid()) == 0, "fchown stdout");
    if (tampered)
        puts("-1");
    return 0;
}
