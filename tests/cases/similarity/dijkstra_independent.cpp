#include <cstdio>
#include <set>
#include <vector>

struct Edge {
    int to;
    long long cost;
};

static std::vector<Edge> edges[200005];
static long long shortest[200005];
static bool known[200005];

int main() {
    int n, m;
    if (scanf("%d %d", &n, &m) != 2) return 1;
    for (int k = 0; k < m; ++k) {
        int a, b;
        long long c;
        scanf("%d %d %lld", &a, &b, &c);
        edges[a].push_back(Edge{b, c});
        edges[b].push_back(Edge{a, c});
    }
    std::set<std::pair<long long, int>> frontier;
    for (int i = 1; i <= n; ++i) shortest[i] = -1;
    shortest[1] = 0;
    frontier.insert({0, 1});
    while (!frontier.empty()) {
        std::pair<long long, int> top = *frontier.begin();
        frontier.erase(frontier.begin());
        int at = top.second;
        if (known[at]) continue;
        known[at] = true;
        for (const Edge &e : edges[at]) {
            long long through = shortest[at] + e.cost;
            if (shortest[e.to] == -1 || through < shortest[e.to]) {
                if (shortest[e.to] != -1) frontier.erase({shortest[e.to], e.to});
                shortest[e.to] = through;
                frontier.insert({through, e.to});
            }
        }
    }
    for (int i = 1; i <= n; ++i) printf("%lld%c", shortest[i], i == n ? '\n' : ' ');
    return 0;
}
