// Reads 64-bit numbers but adds them up in a 32-bit int.
#include <cstdio>

int main() {
    int n;
    std::scanf("%d", &n);
    int sum = 0;
    for (int i = 0; i < n; i++) {
        long long a;
        std::scanf("%lld", &a);
        sum += a;
    }
    std::printf("%d\n", sum);
}
