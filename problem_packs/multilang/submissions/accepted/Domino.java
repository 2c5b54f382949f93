import java.util.Scanner;

public class Domino {
    public static void main(String[] args) {
        final long MOD = 1_000_000_007L;
        int n = new Scanner(System.in).nextInt();
        long[] ways = new long[n + 1];
        ways[0] = 1;
        ways[1] = 1;
        for (int i = 2; i <= n; i++) ways[i] = (ways[i - 1] + ways[i - 2]) % MOD;
        System.out.println(ways[n]);
    }
}
