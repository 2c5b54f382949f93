// Lens area with exact integer arithmetic for the squared distance and the kite:
// K = 4*D*r1^2 - (D + r1^2 - r2^2)^2, half angles from atan2 (no acos of a rounded cosine).
#include <cmath>
#include <cstdio>

int main() {
    int t;
    if (std::scanf("%d", &t) != 1) return 1;
    while (t--) {
        long long x1, y1, r1, x2, y2, r2;
        std::scanf("%lld %lld %lld %lld %lld %lld", &x1, &y1, &r1, &x2, &y2, &r2);
        long long d2 = (x1 - x2) * (x1 - x2) + (y1 - y2) * (y1 - y2);
        double area;
        if (d2 >= (r1 + r2) * (r1 + r2)) {
            area = 0.0;
        } else if (d2 <= (r1 - r2) * (r1 - r2)) {
            long long r = r1 < r2 ? r1 : r2;
            area = M_PI * r * r;
        } else {
            long long u = r1 * r1, v = r2 * r2;
            long long k = 4 * d2 * u - (d2 + u - v) * (d2 + u - v);
            double s = std::sqrt((double)k);
            area = u * std::atan2(s, (double)(d2 + u - v)) + v * std::atan2(s, (double)(d2 + v - u)) - s / 2;
        }
        std::printf("%.9f\n", area);
    }
}
