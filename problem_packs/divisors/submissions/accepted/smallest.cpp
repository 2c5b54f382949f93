// Prints the smallest proper divisor, found by trial division up to sqrt(n).
#include <cstdio>

int main() {
    int t;
    std::scanf("%d", &t);
    while (t--) {
        long long n, found = 0;
        std::scanf("%lld", &n);
        for (long long d = 2; d * d <= n; d++) {
            if (n % d == 0) { found = d; break; }
        }
        if (found) std::printf("%lld\n", found);
        else std::printf("prime\n");
    }
}
