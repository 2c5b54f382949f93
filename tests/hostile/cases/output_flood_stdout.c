/* Hostile case: flood standard output forever (the correct answer first, then garbage).
 * RLIMIT_FSIZE at the output limit stops it. Expected: OLE. */
#include <stdio.h>
#include <string.h>

int main(void) {
    static char line[1 << 16];
    long n;
    if (scanf("%ld", &n) != 1)
        return 1;
    printf("%ld\n", 2 * n);
    memset(line, '9', sizeof line - 1);
    for (;;)
        fputs(line, stdout);
}
