/* Hostile case: start 10,000 threads that block forever. The pids limit must refuse most
 * of them; the program counts how many it got and answers correctly only if it was held
 * back (a wrong answer means 10,000 threads really ran). Expected: AC. */
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

static void *block(void *arg) {
    (void)arg;
    for (;;)
        pause();
    return NULL;
}

int main(void) {
    long n;
    int started = 0;
    pthread_attr_t attr;
    if (scanf("%ld", &n) != 1)
        return 1;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 64 * 1024);
    for (int i = 0; i < 10000; i++) {
        pthread_t t;
        if (pthread_create(&t, &attr, block, NULL) == 0)
            started++;
    }
    fprintf(stderr, "started %d threads\n", started);
    printf("%ld\n", started >= 10000 ? -1 : 2 * n);
    fflush(stdout);
    _exit(0);
}
