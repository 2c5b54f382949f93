// Output validator: the team must print a divisor d of n with 1 < d < n.
#include <cstdio>
#include <fstream>
#include <string>
int main(int argc, char **argv) {
    std::ifstream in(argv[1]);
    long long n;
    in >> n;
    std::string feedback = std::string(argv[3]) + "judgemessage.txt";
    FILE *msg = std::fopen(feedback.c_str(), "w");
    long long d;
    if (std::scanf("%lld", &d) != 1) { std::fprintf(msg, "no number\n"); return 43; }
    char extra[2];
    if (std::scanf("%1s", extra) == 1) { std::fprintf(msg, "trailing output\n"); return 43; }
    if (d <= 1 || d >= n || n % d != 0) { std::fprintf(msg, "%lld is not a proper divisor of %lld\n", d, n); return 43; }
    std::fprintf(msg, "ok: %lld divides %lld\n", d, n);
    return 42;
}
