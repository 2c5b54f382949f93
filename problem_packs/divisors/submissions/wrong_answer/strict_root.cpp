// Stops the search one step early (d * d < n): squares of primes come out as "prime".
#include <cstdio>

int main() {
    int t;
    std::scanf("%d", &t);
    while (t--) {
        long long n, found = 0;
        std::scanf("%lld", &n);
        for (long long d = 2; d * d < n; d++) {
            if (n % d == 0) { found = d; break; }
        }
        if (found) std::printf("%lld\n", found);
        else std::printf("prime\n");
    }
}
