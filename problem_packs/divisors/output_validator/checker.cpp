// Output validator for "Any Divisor": any proper divisor d of n (1 < d < n) is accepted,
// and "prime" exactly when the judge's answer says n is prime.
//
// Contract of the problem package format: checker input_file answer_file feedback_dir
// < team_output; exit 42 accepts, 43 rejects, the reason goes to
// feedback_dir/judgemessage.txt.
#include <cctype>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>

namespace {

const int ACCEPT = 42;
const int REJECT = 43;
std::FILE *message = nullptr;

int reject(const std::string &why) {
    std::fprintf(message, "%s\n", why.c_str());
    return REJECT;
}

// A decimal integer without sign: digits only, at most 18 of them.
bool parse_number(const std::string &token, long long &value) {
    if (token.empty() || token.size() > 18) return false;
    value = 0;
    for (char c : token) {
        if (!std::isdigit(static_cast<unsigned char>(c))) return false;
        value = value * 10 + (c - '0');
    }
    return true;
}

}  // namespace

int main(int argc, char **argv) {
    if (argc < 4) {
        std::fprintf(stderr, "usage: %s input_file answer_file feedback_dir < team_output\n", argv[0]);
        return 1;
    }
    std::string feedback = argv[3];
    if (!feedback.empty() && feedback.back() != '/') feedback += '/';
    message = std::fopen((feedback + "judgemessage.txt").c_str(), "w");
    if (message == nullptr) {
        std::perror("judgemessage.txt");
        return 1;
    }
    std::ifstream input(argv[1]), answer(argv[2]);
    int cases;
    if (!(input >> cases)) {
        std::fprintf(stderr, "cannot read the number of cases from %s\n", argv[1]);
        return 1;
    }
    for (int i = 1; i <= cases; i++) {
        long long n;
        std::string judge, team;
        if (!(input >> n) || !(answer >> judge)) {
            std::fprintf(stderr, "judge data ends before case %d\n", i);
            return 1;
        }
        std::string where = "case " + std::to_string(i) + " (n = " + std::to_string(n) + "): ";
        if (!(std::cin >> team)) return reject(where + "no output");
        bool judge_prime = judge == "prime";
        if (team == "prime") {
            if (!judge_prime) return reject(where + "not prime, " + judge + " divides it");
            continue;
        }
        long long d;
        if (!parse_number(team, d)) return reject(where + "expected a divisor or 'prime', got '" + team.substr(0, 40) + "'");
        if (judge_prime) return reject(where + "n is prime, but the output is " + team);
        if (d <= 1 || d >= n || n % d != 0) return reject(where + team + " is not a proper divisor");
    }
    std::string extra;
    if (std::cin >> extra) return reject("trailing output: '" + extra.substr(0, 40) + "'");
    std::fprintf(message, "all %d cases accepted\n", cases);
    return ACCEPT;
}
