/* Hostile case: unbounded recursion with a 64 KiB frame that is really written, so the
 * stack (RLIMIT_STACK is unlimited in the sandbox) grows until memory runs out or it
 * collides with a mapping. Expected: MLE (or RTE if it segfaults first). */
#include <stdio.h>
#include <string.h>

static long dive(long depth) {
    volatile char frame[64 * 1024];
    memset((char *)frame, (int)depth, sizeof frame);
    return dive(depth + 1) + frame[depth % sizeof frame];
}

int main(void) {
    printf("%ld\n", dive(0));
    return 0;
}
