#include <stdio.h>
int main(void) {
    long long a, b;
    if (scanf("%lld %lld", &a, &b) != 2) return 1;
    /* |a + b| <= 2e18 fits in a signed 64-bit integer */
    printf("%lld\n", a + b);
    return 0;
}
