/* Prints the answer and then 1 GiB more (the output limit is 8 MiB). */
#include <stdio.h>
#include <string.h>
int main(void) {
    long long a, b;
    scanf("%lld %lld", &a, &b);
    printf("%lld\n", a + b);
    static char line[4096];
    memset(line, '7', sizeof line - 1);
    for (int i = 0; i < 262144; i++) puts(line);
    return 0;
}
