"""`podium shadow URL`: follow another contest system's event feed, judge its submissions
here and print, live, every submission whose verdict differs from the primary's."""

from __future__ import annotations

import queue
import signal
import threading
from pathlib import Path

import click

from appliance.config import Config
from appliance.contest.shadow import Follower
from appliance.contest.shadow_reads import Compared, shadow_view
from appliance.errors import ApplianceError
from appliance.judging.dispatcher import Dispatcher
from appliance.judging.heartbeat import lease_owner
from appliance.store import Store
from appliance.text.counts import count
from cli.errors import UsageFailure, failures, one_line
from cli.options import data_option, pool_size_option
from cli.shadow_feed import Primary, PrimaryError, follow
from judge.errors import JudgeError
from judge.languages import load_languages
from judge.pool import open_pool


@click.command("shadow")
@click.argument("url")
@click.option("--user", required=True, help="An account of the primary that reads every "
                                            "submission (jury or admin).")
@click.option("--password", required=True)
@click.option("--contest", "contest_id", default=None,
              help="The primary's contest (default: its only one).")
@click.option("--problems", "problems_dir", type=click.Path(file_okay=False, path_type=Path),
              default=None, help="Problem packages by id: DIR/<id>/ or DIR/<id>.zip "
                                 "(default: this Podium's library).")
@click.option("--no-judge", is_flag=True,
              help="Only take the feed in; leave judging to `podium serve` or `dispatch`.")
@pool_size_option
@data_option
def shadow_command(url: str, user: str, password: str, contest_id: str | None,
                   problems_dir: Path | None, no_judge: bool, pool_size: int | None,
                   data_dir: Path | None) -> None:
    """Shadow the contest system at URL (its Contest API, e.g. http://host/api): import its
    contest, judge each submission here, and print every verdict that differs."""
    config = Config.build(data_dir=data_dir, pool_size=pool_size)
    primary = Primary(url, user, password)
    try:
        primary_contest = primary.contest_id(contest_id)
    except PrimaryError as exc:
        raise click.ClickException(one_line(exc)) from exc
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    with failures(ApplianceError, JudgeError):
        store = Store.open(config.data_dir)
        follower = Follower(store, load_languages(), config.library_dir, problems_dir,
                            primary.url, primary_contest, fetch=lambda href: _files(primary, href),
                            say=click.echo)
        events: queue.Queue = queue.Queue()
        reader = threading.Thread(target=follow, args=(primary, primary_contest,
                                                       follower.token, events, stop),
                                  daemon=True)
        reader.start()
        click.echo(f"shadowing contest {primary_contest!r} of {primary.url}")
        try:
            if no_judge:
                _follow(follower, events, stop)
            else:
                with open_pool(config.sandbox, config.blobs_dir, config.pool_size) as pool:
                    dispatcher = Dispatcher(store, pool, config.library_dir, load_languages(),
                                            worker=lease_owner())
                    dispatcher.recover()
                    judging = threading.Thread(target=dispatcher.run, args=(stop,), daemon=True)
                    judging.start()
                    try:
                        _follow(follower, events, stop)
                    finally:
                        stop.set()
                        judging.join(30)
        except KeyboardInterrupt:
            pass
        finally:
            stop.set()


def _files(primary: Primary, href: str) -> bytes:
    from appliance.contest.shadow import ShadowError

    try:
        return primary.get(href)
    except PrimaryError as exc:
        raise ShadowError(f"cannot fetch its files: {exc}") from None


def _follow(follower: Follower, events: queue.Queue, stop: threading.Event) -> None:
    """Take the feed in and print what changes, until stopped or the feed fails."""
    shown: dict[str, Compared] = {}
    last_counts: dict[str, int] | None = None
    while not stop.is_set():
        try:
            kind, item = events.get(timeout=0.5)
        except queue.Empty:
            kind, item = "tick", None
        try:
            if kind == "event":
                follower.take(item)
            elif kind == "idle":
                follower.idle()
            elif kind == "ended" and follower.contest_id is None:
                raise UsageFailure(f"{follower.url}: the event feed ended before it described "
                                   "the contest: nothing imported")
            elif kind == "error":
                if follower.contest_id is None:
                    raise UsageFailure(f"{item}: nothing imported")
                raise click.ClickException(str(item))
        except ApplianceError as exc:
            raise UsageFailure(one_line(exc)) from exc
        if follower.contest_id is None or not events.empty():
            continue
        view = shadow_view(follower.store, follower.contest_id)
        now = {c.submission_id: c for c in view.differences}
        for sid, c in now.items():
            if shown.get(sid) != c:
                click.echo(f"differs: submission {sid} (team {c.team_id}, problem "
                           f"{c.problem_id}, {c.language_id}): primary {c.primary}, "
                           f"here {c.ours}")
        for sid in shown.keys() - now.keys():
            click.echo(f"agrees again: submission {sid}")
        shown = now
        counts = view.counts()
        if counts != last_counts:
            click.echo(f"{count(counts['submissions'], 'submission')}: "
                       f"{counts['judged_primary']} judged there, {counts['judged_here']} "
                       f"here, {count(counts['differences'], 'difference')}")
            last_counts = counts
