import java.util.ArrayList;
import java.util.Scanner;

// Holds 1 MiB arrays until the heap is gone.
public class Hog {
    public static void main(String[] args) {
        Scanner in = new Scanner(System.in);
        long a = in.nextLong(), b = in.nextLong();
        ArrayList<long[]> keep = new ArrayList<>();
        for (int i = 0; i < 1024; i++) keep.add(new long[1 << 17]);
        System.out.println(a + b + keep.size() - 1024);
    }
}
