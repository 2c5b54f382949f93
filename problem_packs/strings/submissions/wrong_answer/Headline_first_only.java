import java.util.Scanner;

// Capitalizes the first letter of each word but leaves the rest as typed ("hELLO" stays
// "HELLO"): the output differs from the answer only in case.
public class Headline_first_only {
    public static void main(String[] args) {
        Scanner in = new Scanner(System.in);
        int n = Integer.parseInt(in.nextLine().trim());
        for (int i = 0; i < n; i++) {
            char[] line = in.nextLine().toCharArray();
            for (int j = 0; j < line.length; j++)
                if (j == 0 || line[j - 1] == ' ') line[j] = Character.toUpperCase(line[j]);
            System.out.println(new String(line));
        }
    }
}
