// Hostile case: keep allocating 8 MiB arrays and holding on to them until the JVM (capped
// by -Xmx at the problem's memory limit) or the memory cgroup gives up. Expected: MLE.
import java.util.ArrayList;
import java.util.List;

public class MemoryHog {
    public static void main(String[] args) {
        List<long[]> hoard = new ArrayList<>();
        while (true) {
            long[] block = new long[1 << 20];
            for (int i = 0; i < block.length; i += 512) block[i] = i;
            hoard.add(block);
        }
    }
}
