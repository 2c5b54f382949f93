// Bellman-Ford with early exit: correct, but up to n rounds over all m roads, about
// 10^10 steps when the roads of a long path are listed from its far end.
#include <cstdio>
#include <vector>

int main() {
    int n, m;
    std::scanf("%d %d", &n, &m);
    std::vector<int> from(m), to(m);
    std::vector<long long> weight(m);
    for (int i = 0; i < m; i++) std::scanf("%d %d %lld", &from[i], &to[i], &weight[i]);
    const long long INF = -1;
    std::vector<long long> dist(n + 1, INF);
    dist[1] = 0;
    for (int round = 1; round < n; round++) {
        bool changed = false;
        for (int i = 0; i < m; i++) {
            int u = from[i], v = to[i];
            long long w = weight[i];
            if (dist[u] != INF && (dist[v] == INF || dist[u] + w < dist[v])) { dist[v] = dist[u] + w; changed = true; }
            if (dist[v] != INF && (dist[u] == INF || dist[v] + w < dist[u])) { dist[u] = dist[v] + w; changed = true; }
        }
        if (!changed) break;
    }
    for (int i = 1; i <= n; i++) std::printf("%lld\n", dist[i]);
}
