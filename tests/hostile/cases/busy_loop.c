/* Hostile case: spin forever, ignoring SIGXCPU (the soft CPU rlimit), so only the hard CPU
 * limit or the wall clock ends it. Expected: TLE. */
#include <signal.h>

int main(void) {
    volatile unsigned long spin = 0;
    signal(SIGXCPU, SIG_IGN);
    for (;;)
        spin++;
}
