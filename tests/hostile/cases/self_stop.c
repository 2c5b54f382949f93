/* Hostile case: stop itself with SIGSTOP (and its children too), so it never exits and
 * uses no CPU; a judge that only waits for exit would hang. Expected: TLE. */
#include <signal.h>
#include <unistd.h>

int main(void) {
    if (fork() == 0)
        raise(SIGSTOP);
    raise(SIGSTOP);
    for (;;)
        pause();
}
