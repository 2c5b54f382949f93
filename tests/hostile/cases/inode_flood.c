/* Hostile case: create empty files in /tmp and the work folder as fast as it can, forever
 * (inodes and dentries are kernel memory, not file data, so the tmpfs size limit does not
 * bound them). The CPU/wall limits or the memory cgroup must stop it. Expected: TLE (or
 * MLE). */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int main(void) {
    char path[64];
    for (unsigned long i = 0;; i++) {
        snprintf(path, sizeof path, "%s/i%lu", (i & 1) ? "/tmp" : ".", i);
        int fd = open(path, O_WRONLY | O_CREAT, 0600);
        if (fd >= 0)
            close(fd);
    }
}
