/* Hostile case: try to kill the judge. kill(-1, SIGKILL) (every process it may signal),
 * then SIGKILL to its parent (the runner) and to pid 1 of the container, and SIGSTOP to
 * all, then answer correctly. The submission's user may signal only its own processes, so the
 * runner must survive and judge it normally. Expected: AC (JE would mean the runner died). */
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

int main(void) {
    long n;
    if (scanf("%ld", &n) != 1)
        return 1;
    kill(-1, SIGKILL);
    kill(getppid(), SIGKILL);
    kill(1, SIGKILL);
    kill(-1, SIGSTOP);
    printf("%ld\n", 2 * n);
    return 0;
}
