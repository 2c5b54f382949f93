"""Does an nginx front pay on this machine? Debian's nginx proxying to `podium serve
--workers W`, serving the static files itself and keeping the public scoreboard (page and
API, anonymous requests only) for a second, against the workers answered directly, with wrk
in the same run.

Run by hand: `.venv/bin/python bench/front.py [--workers 2] [--nginx-workers 1] [--seconds 10]`
(needs `nginx` and `wrk` from Debian). Prints requests per second and p99 per path, direct
and through the front, and the ratio.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from workers import one_path, prepare, start, stop, wrk  # noqa: E402 - bench/workers.py

REPO = Path(__file__).resolve().parent.parent
CONFIG = """
worker_processes {nginx_workers};
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 8192; }}
http {{
  access_log off;
  proxy_cache_path {folder}/cache levels=1:2 keys_zone=board:1m max_size=16m inactive=60s;
  upstream podium {{ server 127.0.0.1:{port}; keepalive 128; }}
  map $http_authorization$cookie_podium_session $personal {{ "" 0; default 1; }}
  server {{
    listen 127.0.0.1:{front};
    proxy_http_version 1.1;
    proxy_set_header Connection "";
    proxy_set_header Host $host;
    proxy_set_header X-Forwarded-For $remote_addr;
    location /static/ {{ alias {static}/; expires 1h; }}
    location ~ ^(/public|/scoreboard/table|/api/contests/[^/]+/scoreboard/?)$ {{
      proxy_pass http://podium;
      proxy_cache board;
      proxy_cache_key $uri$http_accept_encoding;
      proxy_cache_valid 200 1s;
      proxy_ignore_headers Cache-Control Expires;  # ours say no-cache: kept one second here
      proxy_cache_use_stale updating;
      proxy_cache_background_update on;  # one request refreshes it; the rest get the old
      proxy_cache_bypass $personal;
      proxy_no_cache $personal;
    }}
    location / {{ proxy_pass http://podium; }}
  }}
}}
"""
PATHS = ("/api/contests/test/scoreboard", "/public", "/static/podium.js")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--nginx-workers", type=int, default=1)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--port", type=int, default=18095)
    args = parser.parse_args()
    front = args.port + 1
    rows = []
    with tempfile.TemporaryDirectory(prefix="podium-front-") as folder:
        data = Path(folder) / "data"
        prepare(data)
        server = start(data, args.port, args.workers, Path(folder) / "serve.log")
        config = Path(folder) / "nginx.conf"
        config.write_text(CONFIG.format(folder=folder, port=args.port, front=front,
                                        nginx_workers=args.nginx_workers,
                                        static=REPO / "web" / "static"))
        nginx = subprocess.Popen(["nginx", "-c", str(config), "-g", "daemon off;"])
        try:
            time.sleep(1)
            for path in PATHS:
                for etag in (False, True):
                    headers = {"Accept-Encoding": "gzip"}
                    if etag:  # what a browser sends once it has the answer
                        headers["If-None-Match"] = etag_of(args.port, path)
                    direct = wrk(f"http://127.0.0.1:{args.port}", args.seconds,
                                 one_path(path, headers))
                    fronted = wrk(f"http://127.0.0.1:{front}", args.seconds,
                                  one_path(path, headers))
                    rows.append((path + (" (ETag)" if etag else ""), direct, fronted))
        finally:
            nginx.terminate()
            nginx.wait(30)
            stop(server)
    print(f"| path | direct, {args.workers} workers: req/s, p99 | through nginx "
          f"({args.nginx_workers} worker): req/s, p99 | ratio |")
    print("| --- | --- | --- | --- |")
    for path, direct, fronted in rows:
        print(f"| {path} | {direct['rps']:,.0f}, {direct['p99_ms']:.0f} ms | "
              f"{fronted['rps']:,.0f}, {fronted['p99_ms']:.0f} ms | "
              f"{fronted['rps'] / direct['rps']:.2f}x |")
    return 0


def etag_of(port: int, path: str) -> str:
    import urllib.request

    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}",
                                     headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=10) as reply:
        return reply.headers.get("ETag") or '"none"'


if __name__ == "__main__":
    sys.exit(main())
