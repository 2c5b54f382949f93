#include <bits/stdc++.h>
using namespace std;
typedef long long int64;
const int64 BIG=LLONG_MAX/4;   /* large enough */

int main(){
  ios::sync_with_stdio(false); cin.tie(nullptr);
  int cities,roads; cin>>cities>>roads;
  vector<vector<pair<int,int64>>> graph(cities+1);
  for(int r=0;r<roads;r++){ int from,to; int64 len; cin>>from>>to>>len;
    graph[from].push_back({to,len}); graph[to].push_back({from,len}); }
  // distances
  vector<int64> best(cities+1,BIG);
  priority_queue<pair<int64,int>,vector<pair<int64,int>>,greater<pair<int64,int>>> heap;
  best[1]=0; heap.push({0,1});
  while(!heap.empty())
  {
      auto [cost,city]=heap.top(); heap.pop();
      if(cost>best[city])
          continue;
      for(auto &[next,len]:graph[city])
      {
          if(best[city]+len<best[next])
          {
              best[next]=best[city]+len;
              heap.push({best[next],next});
          }
      }
  }
  for(int c=1;c<=cities;c++){
      if(best[c]==BIG) cout<<-1; else cout<<best[c];
      cout<<(c==cities?'\n':' ');
  }
  return 0;
}
