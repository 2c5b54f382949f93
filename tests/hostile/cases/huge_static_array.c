/* Hostile case (compile time): a 1 GiB initialised static array. The assembler must write
 * it out in full, which is more than the compiler's temporary folder (/tmp) and the work
 * folder hold, so the build must fail without filling the host's disk. Expected: CE. */
#include <stdio.h>

static char big[1L << 30] = {1};

int main(void) {
    long n;
    if (scanf("%ld", &n) != 1)
        return 1;
    printf("%ld\n", 2 * n + big[n % sizeof big] - big[0] + 1);
    return 0;
}
