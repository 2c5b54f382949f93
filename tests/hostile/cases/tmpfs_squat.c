/* Hostile case: park memory in tmpfs files that outlive the process. On each test it adds
 * 96 MiB of files in /dev/shm, /tmp and the working directory (staying just under the
 * memory limit once, then beyond it on the next test if nothing cleans up) and answers correctly. Killing the
 * process frees nothing, so the runner itself must not be the one the OOM killer picks on
 * the next fork. Expected: MLE or AC; JE would mean the runner was starved. */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static char block[1 << 20];

static void park(const char *dir, int mib) {
    char path[256];
    for (int i = 0; i < 1000; i++) {
        snprintf(path, sizeof path, "%s/park-%d.bin", dir, i);
        if (access(path, F_OK) == 0)
            continue;  /* left by an earlier test: keep it and add new ones */
        int fd = open(path, O_WRONLY | O_CREAT, 0600);
        if (fd < 0)
            return;
        for (int j = 0; j < 4 && mib > 0; j++, mib--)
            if (write(fd, block, sizeof block) <= 0)
                break;
        close(fd);
        if (mib <= 0)
            return;
    }
}

int main(void) {
    long n;
    signal(SIGXFSZ, SIG_IGN);
    memset(block, 'S', sizeof block);
    if (scanf("%ld", &n) != 1)
        return 1;
    park("/dev/shm", 60);
    park("/tmp", 120);
    park(".", 120);
    printf("%ld\n", 2 * n);
    return 0;
}
