import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;

// Smallest proper divisor by trial division.
public class Smallest {
    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        int t = Integer.parseInt(in.readLine().trim());
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < t; i++) {
            long n = Long.parseLong(in.readLine().trim());
            long found = 0;
            for (long d = 2; d * d <= n; d++) {
                if (n % d == 0) {
                    found = d;
                    break;
                }
            }
            out.append(found == 0 ? "prime" : Long.toString(found)).append('\n');
        }
        System.out.print(out);
    }
}
