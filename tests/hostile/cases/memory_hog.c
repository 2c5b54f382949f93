/* Hostile case: allocate 1 MiB at a time and touch every page, forever (never frees, keeps
 * going when malloc fails). The memory cgroup must stop it. Expected: MLE. */
#include <stdlib.h>
#include <string.h>

int main(void) {
    for (;;) {
        char *volatile p = malloc(1 << 20);  /* volatile: the stores must really happen */
        if (p)
            memset(p, 0x5a, 1 << 20);
    }
}
