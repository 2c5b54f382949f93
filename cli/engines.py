"""`podium engine`: the Docker engines that judge, added after a check, listed, drained,
removed."""

from __future__ import annotations

import json
import time
from pathlib import Path

import click

from appliance.config import Config
from appliance.judging.admission import admit, reference_engine
from appliance.judging.engines import (
    EngineError,
    drain,
    engines,
    find_engine,
    register,
    remove,
    settle_drain,
)
from appliance.store import Store
from appliance.text.counts import count
from cli.errors import failures, usage_errors
from cli.options import data_option, json_option
from cli.report import print_engines, stdout_console
from judge.host_setup import DEFAULT_PORT, instructions, write_certificates
from judge.languages import find, load_languages


@click.group("engine")
def engine_group() -> None:
    """Docker engines that judge: add (checked), list, drain, remove. A running server
    follows these changes within a second."""


def _engine_store(data_dir: Path | None) -> tuple[Config, Store]:
    """The configuration and the store the engine registry lives in."""
    config = Config.build(data_dir=data_dir)
    return config, Store.open(config.data_dir)


@engine_group.command("add")
@click.argument("url")
@click.option("--slots", type=click.IntRange(1, 256), default=None,
              help="Submissions it judges at once (default: its CPUs).")
@click.option("--cert-path", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="TLS certificates of a tcp:// engine (ca.pem, cert.pem, key.pem).")
@click.option("--only", multiple=True, help="Compare only these languages' toolchains.")
@data_option
def engine_add_command(url: str, slots: int | None, cert_path: Path | None,
                       only: tuple[str, ...], data_dir: Path | None) -> None:
    """Check the engine at URL (judge image, a hello world, every toolchain's version
    against the first engine's) and judge on it; again after a drain, make it active."""
    config, store = _engine_store(data_dir)
    with usage_errors():
        languages = load_languages()
        chosen = [find(i, languages) for i in only] if only else list(languages.values())
    reference = reference_engine(config, store)
    click.echo(f"checking {url} against {reference[0]} ({len(chosen)} language(s))…"
               if reference[0] != url else
               f"checking {url}, the first engine ({count(len(chosen), 'language')})…")
    with failures():
        admission = admit(config, url, str(cert_path) if cert_path else None, slots,
                          reference, chosen)
    register(store, url, admission.slots, str(cert_path) if cert_path else None,
             admission.versions)
    click.echo(f"{url}: active with {count(admission.slots, 'slot')}; toolchains match")


@engine_group.command("host-setup")
@click.option("--name", "names", multiple=True, required=True,
              help="A host name or address the server reaches this judge host by "
                   "(repeatable; the first makes the URL).")
@click.option("--port", type=click.IntRange(1, 65535), default=DEFAULT_PORT,
              show_default=True, help="The TLS port dockerd listens on.")
@click.option("--out", type=click.Path(path_type=Path, file_okay=False),
              default=Path("/etc/podium/judge-host"), show_default=True,
              help="Where the certificates go (client/ is what the server needs).")
def engine_host_setup_command(names: tuple[str, ...], port: int, out: Path) -> None:
    """On a judge host: make the TLS certificates of its Docker engine and say how to start
    it and what to give the server (`install.sh --judge-host NAME` runs this)."""
    with failures():
        setup = write_certificates(out, names, port)
    click.echo("\n".join(instructions(setup)))


@engine_group.command("list")
@json_option("Print a JSON list.")
@data_option
def engine_list_command(as_json: bool, data_dir: Path | None) -> None:
    """The engines, their state (active, draining, drained, down), slots and work."""
    _, store = _engine_store(data_dir)
    found = engines(store)
    if as_json:
        click.echo(json.dumps([e.to_json() for e in found]))
        return
    print_engines(stdout_console(), found)


@engine_group.command("drain")
@click.argument("url")
@click.option("--wait/--no-wait", default=True, show_default=True,
              help="Wait until its running submissions are judged.")
@data_option
def engine_drain_command(url: str, wait: bool, data_dir: Path | None) -> None:
    """Stop new work on the engine at URL and wait for its running submissions."""
    _, store = _engine_store(data_dir)
    with usage_errors(EngineError):
        drain(store, url)
    shown = None
    while wait and (running := settle_drain(store, url)):
        if running != shown:
            click.echo(f"{url}: draining, {running} submission(s) still judging")
            shown = running
        time.sleep(0.5)
    state = find_engine(store, url).state
    click.echo(f"{url}: {state}" + ("; no new work goes to it" if state == "draining" else
                                    "; nothing runs on it, no new work goes to it"))


@engine_group.command("remove")
@click.argument("url")
@data_option
def engine_remove_command(url: str, data_dir: Path | None) -> None:
    """Forget the engine at URL (drain it first to let its submissions finish there)."""
    _, store = _engine_store(data_dir)
    with usage_errors(EngineError):
        remove(store, url)
    click.echo(f"{url}: removed")
