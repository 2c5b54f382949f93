/* Hostile case: close standard output and standard error (and standard input) first, then
 * "print" the answer into the void and exit 0. The judge must see an empty output, not
 * crash or hang. Expected: WA. */
#include <stdio.h>
#include <unistd.h>

int main(void) {
    long n;
    if (scanf("%ld", &n) != 1)
        return 1;
    close(0);
    close(1);
    close(2);
    printf("%ld\n", 2 * n);
    fflush(stdout);
    return 0;
}
