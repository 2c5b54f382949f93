"""One web worker of `podium serve --workers N` (`web.workers` starts it as `python -m
web.worker`): the site on its own SO_REUSEPORT socket of the shared port, no judging, until
SIGTERM or SIGINT."""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
from pathlib import Path

from appliance.config import Config
from web.floods import raise_file_limit
from web.serve import Site


async def serve_worker(config: Config, contest_ids: list[str], host: str, port: int,
                       number: int, secure_cookies: bool) -> None:
    """One web worker: the site on its SO_REUSEPORT socket until SIGTERM or SIGINT."""
    raise_file_limit()
    site = Site(config, contest_ids, secure_cookies, worker=str(number))
    await site.start(host, port, reuse_port=True)
    done = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, done.set)
    await done.wait()
    await site.close()


def main(argv: list[str] | None = None) -> None:
    """`python -m web.worker ...`: a worker as the master starts it."""
    parser = argparse.ArgumentParser(prog="podium-web-worker")
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--contest", action="append", required=True)
    parser.add_argument("--host", required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--number", type=int, required=True)
    parser.add_argument("--secure-cookies", action="store_true")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format=f"%(asctime)s %(levelname)s "
                        f"[worker {args.number}] %(message)s")
    asyncio.run(serve_worker(Config.build(data_dir=args.data), args.contest, args.host,
                             args.port, args.number, args.secure_cookies))


if __name__ == "__main__":
    main()
