/* Forgets the first word. */
#include <stdio.h>
int main(void) {
    puts("World!");
    return 0;
}
