import java.util.Scanner;

// Throws on large inputs: the JVM exits with status 1.
public class SumThrow {
    public static void main(String[] args) {
        Scanner in = new Scanner(System.in);
        long a = in.nextLong(), b = in.nextLong();
        if (Math.abs(a) > 1000) throw new IllegalStateException("too big");
        System.out.println(a + b);
    }
}
