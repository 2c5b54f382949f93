// Right formula, but cout's default precision keeps only 6 significant digits.
#include <cmath>
#include <iostream>

int main() {
    int t;
    std::cin >> t;
    while (t--) {
        double x1, y1, r1, x2, y2, r2;
        std::cin >> x1 >> y1 >> r1 >> x2 >> y2 >> r2;
        double d = std::hypot(x1 - x2, y1 - y2), area;
        if (d >= r1 + r2) {
            area = 0;
        } else if (d <= std::fabs(r1 - r2)) {
            area = M_PI * std::min(r1, r2) * std::min(r1, r2);
        } else {
            double a1 = std::acos((d * d + r1 * r1 - r2 * r2) / (2 * d * r1));
            double a2 = std::acos((d * d + r2 * r2 - r1 * r1) / (2 * d * r2));
            area = r1 * r1 * (a1 - std::sin(2 * a1) / 2) + r2 * r2 * (a2 - std::sin(2 * a2) / 2);
        }
        std::cout << area << '\n';
    }
}
