import java.io.DataInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.PriorityQueue;

// Dijkstra over an adjacency array (edge lists as linked arrays) with a PriorityQueue.
public class Dijkstra {
    private static final DataInputStream IN = new DataInputStream(System.in);
    private static final byte[] BUF = new byte[1 << 16];
    private static int len = 0, pos = 0;

    private static int read() throws IOException {
        if (pos == len) {
            len = IN.read(BUF, 0, BUF.length);
            pos = 0;
            if (len <= 0) return -1;
        }
        return BUF[pos++];
    }

    private static int nextInt() throws IOException {
        int c = read();
        while (c < '0' || c > '9') c = read();
        int value = 0;
        while (c >= '0' && c <= '9') {
            value = value * 10 + (c - '0');
            c = read();
        }
        return value;
    }

    public static void main(String[] args) throws IOException {
        int n = nextInt(), m = nextInt();
        int[] head = new int[n + 1], next = new int[2 * m], to = new int[2 * m];
        long[] weight = new long[2 * m];
        Arrays.fill(head, -1);
        for (int i = 0; i < m; i++) {
            int u = nextInt(), v = nextInt(), w = nextInt();
            to[2 * i] = v; weight[2 * i] = w; next[2 * i] = head[u]; head[u] = 2 * i;
            to[2 * i + 1] = u; weight[2 * i + 1] = w; next[2 * i + 1] = head[v]; head[v] = 2 * i + 1;
        }
        long[] dist = new long[n + 1];
        Arrays.fill(dist, -1);
        PriorityQueue<long[]> heap = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
        heap.add(new long[] {0, 1});
        while (!heap.isEmpty()) {
            long[] top = heap.poll();
            int u = (int) top[1];
            if (dist[u] != -1) continue;
            dist[u] = top[0];
            for (int e = head[u]; e != -1; e = next[e])
                if (dist[to[e]] == -1) heap.add(new long[] {top[0] + weight[e], to[e]});
        }
        PrintWriter out = new PrintWriter(System.out);
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= n; i++) sb.append(dist[i]).append('\n');
        out.print(sb);
        out.flush();
    }
}
