// Hostile case (compile time): every instantiation of Bomb<T, N> instantiates two distinct
// Bomb<..., N-1>, and the types grow with each level, so the compiler faces 2^40 distinct
// classes. The compile time limit must stop it. Expected: CE.
#include <cstdio>

template <class T, int N>
struct Bomb {
    using Left = Bomb<Bomb<T, N - 1>*, N - 1>;
    using Right = Bomb<const Bomb<T, N - 1>*, N - 1>;
    static constexpr long value = Left::value + Right::value;
};

template <class T>
struct Bomb<T, 0> {
    static constexpr long value = 1;
};

int main() {
    long n;
    if (std::scanf("%ld", &n) != 1) return 1;
    std::printf("%ld\n", 2 * n + 0 * Bomb<int, 40>::value);
}
