#include <iostream>

int main() {
    const long long MOD = 1000000007;
    int n;
    std::cin >> n;
    long long a = 1, b = 1;  // tilings of 2 x 0 and 2 x 1
    for (int i = 2; i <= n; i++) {
        long long c = (a + b) % MOD;
        a = b;
        b = c;
    }
    std::cout << b << '\n';
}
