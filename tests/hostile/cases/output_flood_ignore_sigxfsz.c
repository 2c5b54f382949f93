/* Hostile case: ignore SIGXFSZ, write the right answer and then garbage until the file size
 * limit makes write() fail, then exit 0 as if all were well. The output file sits exactly at
 * the limit, so the judge must still call it OLE, not WA or AC. Expected: OLE. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(void) {
    static char block[1 << 16];
    long n;
    signal(SIGXFSZ, SIG_IGN);
    if (scanf("%ld", &n) != 1)
        return 1;
    int len = snprintf(block, sizeof block, "%ld\n", 2 * n);
    if (write(1, block, len) != len)
        return 1;
    memset(block, ' ', sizeof block);
    while (write(1, block, sizeof block) > 0)
        ;
    return 0;
}
