# Right formula, but two decimals are too few for small areas.
import math

t = int(input())
for _ in range(t):
    x1, y1, r1, x2, y2, r2 = map(int, input().split())
    d = math.hypot(x1 - x2, y1 - y2)
    if d >= r1 + r2:
        area = 0.0
    elif d <= abs(r1 - r2):
        area = math.pi * min(r1, r2) ** 2
    else:
        a1 = math.acos((d * d + r1 * r1 - r2 * r2) / (2 * d * r1))
        a2 = math.acos((d * d + r2 * r2 - r1 * r1) / (2 * d * r2))
        area = r1 * r1 * (a1 - math.sin(2 * a1) / 2) + r2 * r2 * (a2 - math.sin(2 * a2) / 2)
    print(f"{area:.2f}")
