// Never flushes its questions: both sides wait until the time limit.
#include <cstdio>
int main() {
    long long lo = 1, hi;
    if (scanf("%lld", &hi) != 1) return 1;
    printf("? %lld\n", (lo + hi) / 2);
    char answer[16];
    if (scanf("%15s", answer) != 1) return 1;
    return 0;
}
