/* Hostile case: flood standard error forever after printing the right answer. stderr is a
 * file of the runner's under the same size limit, so it must not fill the scratch folder
 * or the host's disk. Expected: OLE (RTE is honest too: the run died of SIGXFSZ). */
#include <stdio.h>
#include <string.h>

int main(void) {
    static char line[1 << 16];
    long n;
    if (scanf("%ld", &n) != 1)
        return 1;
    printf("%ld\n", 2 * n);
    fflush(stdout);
    memset(line, 'E', sizeof line - 1);
    for (;;)
        fputs(line, stderr);
}
