/* Hostile case: go looking for secrets. It tries to read /etc/shadow, list /root, read
 * /proc/1/environ and /proc/1/root/etc/shadow, list or read anything in /blobs (where the
 * test answers live; their names are the answers' hashes) and read the files of /out (the
 * runner's scratch folder, whose names are no secret), read the runner's environment,
 * and connect to the Docker socket at /var/run/docker.sock and /run/docker.sock. It prints
 * a wrong answer if ANY of it was readable, else the right one. Expected: AC. */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static int leaks = 0;

static void leak(const char *what) {
    fprintf(stderr, "readable: %s\n", what);
    leaks++;
}

static void try_read(const char *path) {
    char buf[64];
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return;
    if (read(fd, buf, sizeof buf) > 0)
        leak(path);
    close(fd);
}

/* Listing counts as a leak only where the names themselves are secret (blob names are the
 * hashes of the answers); elsewhere only a readable entry does. */
static void try_list(const char *path, int names_are_secret) {
    DIR *d = opendir(path);
    struct dirent *e;
    char child[4096];
    if (!d)
        return;
    while ((e = readdir(d)) != NULL) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        if (names_are_secret)
            leak(path);
        snprintf(child, sizeof child, "%s/%s", path, e->d_name);
        try_read(child);
    }
    closedir(d);
}

static void try_socket(const char *path) {
    struct sockaddr_un a = {0};
    int s = socket(AF_UNIX, SOCK_STREAM, 0);
    if (s < 0)
        return;
    a.sun_family = AF_UNIX;
    strncpy(a.sun_path, path, sizeof a.sun_path - 1);
    if (connect(s, (struct sockaddr *)&a, sizeof a) == 0)
        leak(path);
    close(s);
}

int main(void) {
    long n;
    char path[64];
    if (scanf("%ld", &n) != 1)
        return 1;
    try_read("/etc/shadow");
    try_read("/etc/gshadow");
    try_read("/proc/1/environ");
    try_read("/proc/1/root/etc/shadow");
    try_read("/proc/kcore");
    snprintf(path, sizeof path, "/proc/%d/environ", (int)getppid());
    try_read(path);
    try_list("/root", 0);
    try_list("/blobs", 1);
    try_list("/out", 0);
    try_list("/proc/1/root/blobs", 1);
    try_list("/proc/1/cwd", 0);
    try_socket("/var/run/docker.sock");
    try_socket("/run/docker.sock");
    try_socket("/run/containerd/containerd.sock");
    printf("%ld\n", leaks ? -1 : 2 * n);
    return 0;
}
