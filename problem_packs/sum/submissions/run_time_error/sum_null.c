/* Dereferences a null pointer on large inputs: SIGSEGV. */
#include <stdio.h>
int main(void) {
    long long a, b;
    scanf("%lld %lld", &a, &b);
    if (a > 1000 || a < -1000) { int *p = NULL; *p = 1; }
    printf("%lld\n", a + b);
    return 0;
}
