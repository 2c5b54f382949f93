// Prints the greeting, then keeps computing and never exits.
#include <iostream>
int main() {
    std::cout << "Hello World!" << std::endl;
    volatile unsigned long long x = 0;
    for (;;) x = x + 1;
}
