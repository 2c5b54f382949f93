#include <stdio.h>

int main(void) {
    const unsigned MOD = 1000000007u;
    int n;
    if (scanf("%d", &n) != 1) return 1;
    unsigned a = 1, b = 1; /* a + b < 2^32, so no overflow before the modulus */
    for (int i = 2; i <= n; i++) {
        unsigned c = (a + b) % MOD;
        a = b;
        b = c;
    }
    printf("%u\n", b);
    return 0;
}
