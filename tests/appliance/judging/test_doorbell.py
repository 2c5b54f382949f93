"""A submission starts judging the moment it is stored: an idle dispatcher waits on the
store's doorbell, not for its next poll (here set to ten minutes, so only the doorbell can
wake it in time)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from appliance.contest.setup import import_contest, quick_contest
from appliance.judging.dispatcher import Dispatcher
from appliance.store import Store
from judge.languages import load_languages
from judge.pool import open_pool
from judge.sandbox import SandboxConfig
from tests.paths import PACKS

pytestmark = pytest.mark.docker

NEVER_S = 600.0  # an idle poll this long would miss the join below


def test_a_stored_submission_wakes_an_idle_dispatcher(tmp_path: Path) -> None:
    library = tmp_path / "packages"
    with Store.open(tmp_path) as store, \
            open_pool(SandboxConfig(), store.blobs.root, size=1) as pool:
        import_contest(store, quick_contest("Bell", [PACKS / "sum"], 1), library)
        stop = threading.Event()
        dispatcher = Dispatcher(store, pool, library, load_languages(), "bell")
        thread = threading.Thread(target=dispatcher.run, args=(stop,),
                                  kwargs={"idle_s": NEVER_S}, daemon=True)
        thread.start()
        time.sleep(0.5)  # every slot has found the queue empty and waits
        sid = store.submit(contest_id="bell", team_id="team001", problem_id="sum",
                           language_id="c", file_name="sum.c",
                           source=(PACKS / "sum/submissions/accepted/sum.c").read_bytes(),
                           time="2026-11-23T12:00:00+00:00", contest_time=60.0)
        deadline = time.monotonic() + 240  # a loaded machine judges slowly, never 600 s
        judged = []
        while not judged and time.monotonic() < deadline:
            judged = store.query("SELECT verdict FROM judgements WHERE submission_id = ?",
                                 [sid])
            time.sleep(0.05)
        stop.set()
        store.doorbell.ring()  # wake the idle slots, so they see stop
        thread.join(timeout=60)
        assert judged and judged[0]["verdict"] == "AC"
