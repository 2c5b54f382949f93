#include <iostream>
#include <string>
int main() {
    long long lo = 1, hi;
    std::cin >> hi;
    while (true) {
        long long mid = (lo + hi) / 2;
        std::cout << "? " << mid << std::endl;
        std::string answer;
        std::cin >> answer;
        if (answer == "correct") return 0;
        if (answer == "higher") lo = mid + 1; else hi = mid - 1;
    }
}
