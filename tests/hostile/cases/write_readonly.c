/* Hostile case: try to write where nothing may be written: create files in /, /usr,
 * /usr/bin, /etc, /bin, /podium/judge (the runner's own code), /blobs and /root, append to
 * the runner's source, and open for writing (never actually writing) the container's cgroup
 * limits, /proc/sysrq-trigger and /proc/sys. A wrong answer if any of it worked, else the
 * right one. Expected: AC. */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

static int wrote = 0;

static void try_create(const char *dir) {
    char path[512];
    snprintf(path, sizeof path, "%s/podium-hostile-%d", dir, (int)getpid());
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
    if (fd >= 0) {
        fprintf(stderr, "created %s\n", path);
        wrote = 1;
        close(fd);
        unlink(path);
    }
}

static void try_open_for_writing(const char *path) {
    int fd = open(path, O_WRONLY);
    if (fd >= 0) {
        fprintf(stderr, "writable: %s\n", path);
        wrote = 1;
        close(fd);
    }
}

int main(void) {
    long n;
    if (scanf("%ld", &n) != 1)
        return 1;
    const char *dirs[] = {"/", "/usr", "/usr/bin", "/usr/lib", "/etc", "/bin", "/podium",
                          "/podium/judge", "/blobs", "/root", "/proc", "/sys", "/var"};
    for (unsigned i = 0; i < sizeof dirs / sizeof *dirs; i++)
        try_create(dirs[i]);
    const char *files[] = {"/podium/judge/runner.py", "/usr/bin/python3", "/etc/passwd",
                           "/etc/ld.so.cache", "/proc/sysrq-trigger",
                           "/proc/sys/kernel/core_pattern", "/proc/sys/vm/drop_caches",
                           "/sys/fs/cgroup/memory/memory.limit_in_bytes",
                           "/sys/fs/cgroup/pids/pids.max", "/sys/fs/cgroup/memory.max",
                           "/sys/fs/cgroup/pids.max", "/proc/1/oom_score_adj"};
    for (unsigned i = 0; i < sizeof files / sizeof *files; i++)
        try_open_for_writing(files[i]);
    printf("%ld\n", wrote ? -1 : 2 * n);
    return 0;
}
