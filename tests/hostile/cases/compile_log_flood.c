/* Hostile case (compile time): a program that compiles fine but makes the compiler print
 * ~400 MB of notes: each of 4,000 _Pragma("message ...") expansions prints a 100 kB string.
 * The compile log is kept in the container's scratch tmpfs, which is RAM charged to the
 * container, so the run starts in a container using more than the problem's memory limit.
 * The program itself answers correctly. Expected: CE or AC (or MLE); never JE. */
#include <stdio.h>

#define S1 "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
#define S2 S1 S1 S1 S1 S1 S1 S1 S1 S1 S1
#define S3 S2 S2 S2 S2 S2 S2 S2 S2 S2 S2
#define S4 S3 S3 S3 S3 S3 S3 S3 S3 S3 S3
#define M _Pragma("message(S4)")
#define L1 M M M M M M M M M M
#define L2 L1 L1 L1 L1 L1 L1 L1 L1 L1 L1
#define L3 L2 L2 L2 L2 L2 L2 L2 L2 L2 L2
L3 L3 L3 L3

int main(void) {
    long n;
    if (scanf("%ld", &n) != 1)
        return 1;
    printf("%ld\n", 2 * n);
    return 0;
}
