/* Hostile case: use more memory than the limit by splitting it over processes. Four
 * children each touch 72 MiB (288 MiB together, over the 256 MiB limit) and hold it until
 * all four have it; then the parent answers correctly. A judge that looks only at the
 * largest single process's peak (ru_maxrss) and lets the container's own limit sit above
 * the problem's misses it. Expected: MLE. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define CHILDREN 4
#define EACH (72L << 20)

int main(void) {
    long n;
    int ready[2], release[2];
    if (scanf("%ld", &n) != 1 || pipe(ready) != 0 || pipe(release) != 0)
        return 1;
    for (int i = 0; i < CHILDREN; i++) {
        if (fork() == 0) {
            char c;
            char *volatile p = malloc(EACH);  /* volatile: the stores must really happen */
            close(release[1]);
            close(ready[0]);
            if (!p)
                _exit(1);
            memset(p, i + 1, EACH);
            write(ready[1], "r", 1);
            read(release[0], &c, 1);  /* hold the memory until the parent lets go */
            _exit(p[EACH - 1] == i + 1 ? 0 : 1);
        }
    }
    for (int i = 0; i < CHILDREN; i++) {
        char c;
        if (read(ready[0], &c, 1) != 1)
            return 1;  /* a child died before holding its share */
    }
    close(release[1]);  /* all 288 MiB are held at once here; now release them */
    int failed = 0, status;
    while (wait(&status) > 0)
        failed |= !WIFEXITED(status) || WEXITSTATUS(status) != 0;
    if (failed)
        return 1;
    printf("%ld\n", 2 * n);
    return 0;
}
