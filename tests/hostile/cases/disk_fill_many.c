/* Hostile case: a smarter disk filler. It ignores SIGXFSZ and rotates through 4 MiB files
 * (under the per-file size limit) in the working directory, /tmp and /dev/shm until every
 * one of them refuses more, then answers correctly. tmpfs pages are RAM: the work, /tmp and
 * /dev/shm folders together are larger than the memory limit, so either the memory cgroup
 * stops it (MLE) or the folders fill up and it answers (AC). The judge must not fail. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static char block[1 << 20];

static long fill_dir(const char *dir) {
    long total = 0;
    for (int i = 0; i < 100000; i++) {
        char path[256];
        snprintf(path, sizeof path, "%s/fill-%d.bin", dir, i);
        int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (fd < 0)
            break;
        int wrote = 0;
        for (int j = 0; j < 4; j++) {
            ssize_t n = write(fd, block, sizeof block);
            if (n <= 0)
                break;
            total += n;
            wrote++;
        }
        close(fd);
        if (wrote < 4)
            break;
    }
    return total;
}

int main(void) {
    long n;
    signal(SIGXFSZ, SIG_IGN);
    memset(block, 'F', sizeof block);
    if (scanf("%ld", &n) != 1)
        return 1;
    long total = fill_dir(".") + fill_dir("/tmp") + fill_dir("/dev/shm");
    fprintf(stderr, "filled %ld MiB\n", total >> 20);
    printf("%ld\n", 2 * n);
    return 0;
}
