/* Hostile case: leave a daemon behind. On each test it first looks for a daemon left by an
 * earlier test (the pid in /tmp/daemon.pid still alive, or /tmp/daemon.beat still growing)
 * and prints a wrong answer if one survived. Then it prints the right answer and
 * double-forks: the grandchild calls setsid(), ignores SIGHUP/SIGTERM, records its pid and
 * keeps appending a heartbeat to /tmp/daemon.beat (and, after 300 ms, to the inherited
 * stdout); the parent exits only once the daemon is running. The package has two tests, so
 * the second test must not see the first one's daemon. Expected: AC. */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

static long beat_size(void) {
    struct stat st;
    return stat("/tmp/daemon.beat", &st) == 0 ? (long)st.st_size : -1;
}

static int earlier_daemon_alive(void) {
    FILE *f = fopen("/tmp/daemon.pid", "r");
    if (f) {
        int pid = 0;
        int got = fscanf(f, "%d", &pid);
        fclose(f);
        if (got == 1 && pid > 1 && kill(pid, 0) == 0)
            return 1;  /* alive, or a zombie nobody reaped */
    }
    long before = beat_size();
    struct timespec wait = {0, 200 * 1000 * 1000};
    nanosleep(&wait, NULL);
    return before >= 0 && beat_size() != before;
}

int main(void) {
    long n;
    int ready[2];
    if (scanf("%ld", &n) != 1)
        return 1;
    if (earlier_daemon_alive()) {
        puts("-1");  /* a daemon from the previous test is still running: it escaped */
        return 0;
    }
    printf("%ld\n", 2 * n);
    fflush(stdout);
    if (pipe(ready) != 0)
        return 1;
    if (fork() != 0) {
        char c;
        close(ready[1]);
        read(ready[0], &c, 1);  /* exit only once the daemon is established */
        return 0;
    }
    setsid();
    if (fork() != 0)
        _exit(0);
    signal(SIGHUP, SIG_IGN);
    signal(SIGTERM, SIG_IGN);
    FILE *pid = fopen("/tmp/daemon.pid", "w");
    if (pid) {
        fprintf(pid, "%d\n", (int)getpid());
        fclose(pid);
    }
    int beat = open("/tmp/daemon.beat", O_WRONLY | O_CREAT | O_APPEND, 0600);
    write(beat, ".", 1);
    write(ready[1], "!", 1);
    close(ready[1]);
    for (int i = 0;; i++) {
        write(beat, ".", 1);
        if (i >= 30)
            write(1, "daemon\n", 7);  /* into the test's stdout, long after its parent left */
        usleep(10 * 1000);
    }
}
