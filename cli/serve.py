"""Running the appliance: `serve` (pages, API and judge) and `dispatch` (the judge alone)."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import click

from appliance.config import Config
from appliance.errors import ApplianceError
from appliance.judging.dispatcher import Dispatcher
from appliance.judging.heartbeat import LEASE_S, lease_owner
from appliance.store import Store
from cli.errors import failures, usage_errors
from cli.options import data_option, pool_size_option
from judge.errors import JudgeError
from judge.languages import load_languages
from judge.pool import open_pool


@click.command("serve")
@click.option("--demo", is_flag=True, help="Import and start the demo contest (once).")
@click.option("--contest", "contest_id", default=None,
              help="The one contest to serve (default: every contest in the store).")
@click.option("--host", default="0.0.0.0", show_default=True)
@click.option("--port", default=8080, show_default=True)
@pool_size_option
@click.option("--engine", "engine_urls", multiple=True, metavar="URL[#SLOTS]",
              help="A Docker engine to judge on (repeat; default: the local one with "
                   "--pool-size slots); unix://, tcp:// (TLS: DOCKER_CERT_PATH) or ssh://.")
@click.option("--no-judge", is_flag=True, help="Serve only; leave the queue to `podium dispatch`.")
@click.option("--workers", type=click.IntRange(1, 256), default=None,
              help="Web processes on the port (default: one per core; 1: one process that "
                   "serves and judges). Several judge in one more process, the master.")
@click.option("--secure-cookies", is_flag=True,
              help="Send the session cookie over HTTPS only (behind a TLS proxy).")
@data_option
def serve_command(demo: bool, contest_id: str | None, host: str, port: int,
                  pool_size: int | None, engine_urls: tuple[str, ...], no_judge: bool,
                  workers: int | None, secure_cookies: bool, data_dir: Path | None) -> None:
    """Run the appliance: the contestants' pages, the CLICS API and the judge."""
    import asyncio
    import faulthandler
    import logging
    import signal

    from web.serve import choose_contests, demo_contest, serve
    from web.workers import default_workers

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    # kill -USR1: every thread's stack into the log (the process's own stderr)
    faulthandler.register(signal.SIGUSR1, file=sys.__stderr__, all_threads=True)
    with usage_errors(ValueError):  # a malformed --engine
        config = Config.build(data_dir=data_dir, pool_size=pool_size, engines=engine_urls)
    with usage_errors():
        store = Store.open(config.data_dir)
        sheet = demo_contest(store, config) if demo else None
        served = choose_contests(store, "demo" if demo and contest_id is None else contest_id)
        store.close()
    workers = workers or default_workers()
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    named = ", ".join(repr(c) for c in served)
    click.echo(f"Podium serves contest{'s' * (len(served) > 1)} {named} at http://{shown}:{port}/ "
               f"(public scoreboard: /public, API: /api)"
               + (f" with {workers} web workers" if workers > 1 else ""))
    if sheet:
        click.echo(sheet, nl=False)
    sys.stdout.flush()
    asyncio.run(serve(config, served, host, port, judge=not no_judge,
                      secure_cookies=secure_cookies, workers=workers))


@click.command("dispatch")
@click.option("--until-empty", is_flag=True, help="Stop when no submission is left to judge.")
@click.option("--lease", "lease_s", type=click.FloatRange(1, 3600), default=LEASE_S,
              show_default=True, help="Seconds a claim holds unless renewed (it is, every "
                                      "5 s or a third of it, while the judging runs).")
@pool_size_option
@data_option
def dispatch_command(until_empty: bool, lease_s: float, pool_size: int | None,
                     data_dir: Path | None) -> None:
    """Judge the queued submissions of the store (the server will run this itself)."""
    config = Config.build(data_dir=data_dir, pool_size=pool_size)
    with failures(ApplianceError, JudgeError):  # the store or the judge failed mid-run
        store = Store.open(config.data_dir)
        with open_pool(config.sandbox, config.blobs_dir, config.pool_size) as pool:
            dispatcher = Dispatcher(store, pool, config.library_dir, load_languages(),
                                    worker=lease_owner(), lease_s=lease_s)
            recovered = dispatcher.recover()
            if recovered:
                click.echo(f"{recovered} submission(s) given back from an earlier run")
            dispatcher.run(threading.Event(), until_empty=until_empty)
