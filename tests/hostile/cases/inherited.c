/* Hostile case: take stock of what the judge handed over. Any open file descriptor beyond
 * 0, 1 and 2 (a leaked runner file could reach the answers), any effective, permitted or
 * ambient capability, a missing no_new_privs or seccomp filter, or an environment variable
 * beyond PATH, HOME, TMPDIR and LANG counts as a leak: it then prints a wrong answer and says
 * why on stderr, else the right one. Expected: AC. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;
static int leaks = 0;

static void leak(const char *what, const char *detail) {
    fprintf(stderr, "leak: %s %s\n", what, detail);
    leaks++;
}

int main(void) {
    long n;
    char line[256];
    if (scanf("%ld", &n) != 1)
        return 1;
    DIR *fds = opendir("/proc/self/fd");
    struct dirent *e;
    int own = fds ? dirfd(fds) : -1;
    while (fds && (e = readdir(fds)) != NULL) {
        int fd = atoi(e->d_name);
        if (e->d_name[0] != '.' && fd > 2 && fd != own)
            leak("file descriptor", e->d_name);
    }
    if (fds)
        closedir(fds);
    FILE *status = fopen("/proc/self/status", "r");
    while (status && fgets(line, sizeof line, status)) {
        char *value = strchr(line, ':');
        if (!value)
            continue;
        value += 1 + strspn(value + 1, " \t");
        if ((!strncmp(line, "CapEff:", 7) || !strncmp(line, "CapPrm:", 7) ||
             !strncmp(line, "CapInh:", 7) || !strncmp(line, "CapAmb:", 7)) &&
            strtoull(value, NULL, 16) != 0)
            leak("capabilities", line);
        if (!strncmp(line, "NoNewPrivs:", 11) && atoi(value) != 1)
            leak("no_new_privs off", line);
        if (!strncmp(line, "Seccomp:", 8) && atoi(value) != 2)
            leak("no seccomp filter", line);
    }
    if (status)
        fclose(status);
    for (char **env = environ; *env; env++)
        if (strncmp(*env, "PATH=", 5) && strncmp(*env, "HOME=", 5) &&
            strncmp(*env, "TMPDIR=", 7) && strncmp(*env, "LANG=", 5))
            leak("environment", *env);
    printf("%ld\n", leaks ? -1 : 2 * n);
    return 0;
}
