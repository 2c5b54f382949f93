/* Hostile case: the classic fork bomb. Every process forks forever and keeps spinning when
 * fork() starts failing, so only the container's pids limit, the CPU/wall limits and the
 * runner's kill(-1) stand between it and the host. Expected: TLE (or RTE). */
#include <unistd.h>

int main(void) {
    for (;;)
        fork();
}
