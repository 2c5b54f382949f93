/* Hostile case: write an endless file into the working directory, then (if that ever stops)
 * another into /tmp, with no signal handling. RLIMIT_FSIZE (the output limit) kills it with
 * SIGXFSZ; the tmpfs sizes and the memory cgroup are the backstops. Expected: OLE (RTE and
 * MLE are honest alternatives). */
#include <stdio.h>
#include <string.h>

static void fill(const char *path) {
    static char block[1 << 20];
    FILE *f = fopen(path, "wb");
    if (!f)
        return;
    memset(block, 'D', sizeof block);
    while (fwrite(block, 1, sizeof block, f) == sizeof block)
        fflush(f);
    fclose(f);
}

int main(void) {
    fill("huge.bin");
    fill("/tmp/huge.bin");
    puts("0");  /* wrong on purpose: reaching here means nothing stopped the writes */
    return 0;
}
