import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;

public class Headline {
    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        int n = Integer.parseInt(in.readLine().trim());
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n; i++) {
            char[] line = in.readLine().toCharArray();
            for (int j = 0; j < line.length; j++) {
                boolean startsWord = j == 0 || line[j - 1] == ' ';
                line[j] = startsWord ? Character.toUpperCase(line[j]) : Character.toLowerCase(line[j]);
            }
            out.append(line).append('\n');
        }
        System.out.print(out);
    }
}
