/* Prints the largest divisor not above sqrt(n), searching downwards from the root. */
#include <math.h>
#include <stdio.h>

int main(void) {
    int t;
    if (scanf("%d", &t) != 1) return 1;
    while (t--) {
        long long n;
        scanf("%lld", &n);
        long long r = (long long)sqrt((double)n);
        while (r * r > n) r--;
        while ((r + 1) * (r + 1) <= n) r++;
        long long d = r;
        while (d > 1 && n % d != 0) d--;
        if (d > 1) printf("%lld\n", d);
        else puts("prime");
    }
    return 0;
}
