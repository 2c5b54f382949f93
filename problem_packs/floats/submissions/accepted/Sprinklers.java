import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.util.StringTokenizer;

// Sectors from acos minus the kite from Heron's formula.
public class Sprinklers {
    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        int t = Integer.parseInt(in.readLine().trim());
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < t; i++) {
            StringTokenizer st = new StringTokenizer(in.readLine());
            double x1 = Double.parseDouble(st.nextToken()), y1 = Double.parseDouble(st.nextToken());
            double r1 = Double.parseDouble(st.nextToken());
            double x2 = Double.parseDouble(st.nextToken()), y2 = Double.parseDouble(st.nextToken());
            double r2 = Double.parseDouble(st.nextToken());
            double d = Math.hypot(x1 - x2, y1 - y2);
            double area;
            if (d >= r1 + r2) {
                area = 0;
            } else if (d <= Math.abs(r1 - r2)) {
                double r = Math.min(r1, r2);
                area = Math.PI * r * r;
            } else {
                double a1 = Math.acos((d * d + r1 * r1 - r2 * r2) / (2 * d * r1));
                double a2 = Math.acos((d * d + r2 * r2 - r1 * r1) / (2 * d * r2));
                double kite = 0.5 * Math.sqrt((-d + r1 + r2) * (d + r1 - r2) * (d - r1 + r2) * (d + r1 + r2));
                area = r1 * r1 * a1 + r2 * r2 * a2 - kite;
            }
            out.append(String.format("%.9f", area)).append('\n');
        }
        System.out.print(out);
    }
}
