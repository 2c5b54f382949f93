import java.io.BufferedReader;
import java.io.InputStreamReader;

public class Binary {
    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        long lo = 1, hi = Long.parseLong(in.readLine().trim());
        while (true) {
            long mid = (lo + hi) / 2;
            System.out.println("? " + mid);
            System.out.flush();
            String answer = in.readLine().trim();
            if (answer.equals("correct")) return;
            if (answer.equals("higher")) lo = mid + 1; else hi = mid - 1;
        }
    }
}
