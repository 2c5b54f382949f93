/* Hostile case: block every signal it can, ignore SIGTERM/SIGXCPU/SIGINT/SIGHUP, and sleep
 * forever without using CPU. Only the wall-clock limit and SIGKILL end it. Expected: TLE. */
#include <signal.h>
#include <unistd.h>

int main(void) {
    sigset_t all;
    sigfillset(&all);
    sigprocmask(SIG_BLOCK, &all, NULL);
    signal(SIGTERM, SIG_IGN);
    signal(SIGXCPU, SIG_IGN);
    signal(SIGINT, SIG_IGN);
    signal(SIGHUP, SIG_IGN);
    for (;;)
        pause();
}
