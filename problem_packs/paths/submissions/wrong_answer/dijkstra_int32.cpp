// Correct Dijkstra, but distances are 32-bit: a long path overflows past 2^31.
#include <cstdio>
#include <functional>
#include <queue>
#include <utility>
#include <vector>

int main() {
    int n, m;
    std::scanf("%d %d", &n, &m);
    std::vector<std::vector<std::pair<int, int>>> adjacent(n + 1);
    for (int i = 0; i < m; i++) {
        int u, v, w;
        std::scanf("%d %d %d", &u, &v, &w);
        adjacent[u].push_back({v, w});
        adjacent[v].push_back({u, w});
    }
    std::vector<int> dist(n + 1, -1);
    std::priority_queue<std::pair<int, int>, std::vector<std::pair<int, int>>, std::greater<>> heap;
    heap.push({0, 1});
    while (!heap.empty()) {
        auto [d, u] = heap.top();
        heap.pop();
        if (dist[u] != -1) continue;
        dist[u] = d;
        for (auto [v, w] : adjacent[u])
            if (dist[v] == -1) heap.push({d + w, v});
    }
    for (int i = 1; i <= n; i++) std::printf("%d\n", dist[i]);
}
