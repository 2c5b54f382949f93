#include <iostream>
#include <vector>
using namespace std;

// 0/1 knapsack: the largest value that fits in the capacity.
int main() {
    int n, capacity;
    cin >> n >> capacity;
    vector<int> weight(n), value(n);
    for (int i = 0; i < n; i++) {
        cin >> weight[i] >> value[i];
    }
    vector<long long> best(capacity + 1, 0);
    for (int i = 0; i < n; i++) {
        for (int c = capacity; c >= weight[i]; c--) {
            long long option = best[c - weight[i]] + value[i];
            if (option > best[c]) {
                best[c] = option;
            }
        }
    }
    long long answer = 0;
    for (int c = 0; c <= capacity; c++) {
        if (best[c] > answer) {
            answer = best[c];
        }
    }
    cout << answer << endl;
    return 0;
}
