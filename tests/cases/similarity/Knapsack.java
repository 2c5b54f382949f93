import java.util.Scanner;

public class Knapsack {
    public static void main(String[] args) {
        Scanner in = new Scanner(System.in);
        int items = in.nextInt(), room = in.nextInt();
        int[] w = new int[items], v = new int[items];
        for (int i = 0; i < items; i++) {
            w[i] = in.nextInt(); v[i] = in.nextInt();
        }
        long[] dp = new long[room + 1];
        for (int i = 0; i < items; i++) {
            for (int c = room; c >= w[i]; c--) {
                long take = dp[c - w[i]] + v[i];
                if (take > dp[c]) {
                    dp[c] = take;
                }
            }
        }
        long result = 0;
        for (int c = 0; c <= room; c++) {
            if (dp[c] > result) {
                result = dp[c];
            }
        }
        System.out.println(result);
    }
}
