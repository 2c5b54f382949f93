// Dijkstra with a binary heap and lazy deletion: O((n + m) log m).
#include <cstdio>
#include <functional>
#include <queue>
#include <string>
#include <utility>
#include <vector>

int main() {
    int n, m;
    if (std::scanf("%d %d", &n, &m) != 2) return 1;
    std::vector<std::vector<std::pair<int, long long>>> adjacent(n + 1);
    for (int i = 0; i < m; i++) {
        int u, v;
        long long w;
        std::scanf("%d %d %lld", &u, &v, &w);
        adjacent[u].push_back({v, w});
        adjacent[v].push_back({u, w});
    }
    std::vector<long long> dist(n + 1, -1);
    std::priority_queue<std::pair<long long, int>, std::vector<std::pair<long long, int>>,
                        std::greater<>> heap;
    heap.push({0, 1});
    while (!heap.empty()) {
        auto [d, u] = heap.top();
        heap.pop();
        if (dist[u] != -1) continue;
        dist[u] = d;
        for (auto [v, w] : adjacent[u])
            if (dist[v] == -1) heap.push({d + w, v});
    }
    std::string out;
    for (int i = 1; i <= n; i++) out += std::to_string(dist[i]) + '\n';
    std::fputs(out.c_str(), stdout);
}
