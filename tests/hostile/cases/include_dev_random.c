/* Hostile case (compile time): include an endless device. The compiler reads random bytes
 * until the compile time or memory limit stops it. Expected: CE. */
#include </dev/random>

int main(void) { return 0; }
