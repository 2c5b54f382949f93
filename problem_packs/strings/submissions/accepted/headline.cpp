// Walks each line once: a character starts a word when it follows a space (or the start).
#include <cctype>
#include <iostream>
#include <string>

int main() {
    std::ios::sync_with_stdio(false);
    std::string line;
    std::getline(std::cin, line);
    int n = std::stoi(line);
    for (int i = 0; i < n; i++) {
        std::getline(std::cin, line);
        for (std::size_t j = 0; j < line.size(); j++) {
            unsigned char c = line[j];
            bool starts_word = j == 0 || line[j - 1] == ' ';
            line[j] = starts_word ? std::toupper(c) : std::tolower(c);
        }
        std::cout << line << '\n';
    }
}
