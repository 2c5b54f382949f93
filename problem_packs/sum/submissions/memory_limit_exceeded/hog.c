/* Touches 1 GiB of memory (the limit is 256 MiB) before answering. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
int main(void) {
    long long a, b;
    scanf("%lld %lld", &a, &b);
    size_t size = 1024UL * 1024 * 1024;
    char *p = malloc(size);
    if (p) for (size_t i = 0; i < size; i += 4096) p[i] = 1;
    printf("%lld\n", a + b + (p ? p[4096] - 1 : 0));
    return 0;
}
