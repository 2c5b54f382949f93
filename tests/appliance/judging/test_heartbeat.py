"""Short leases kept alive: the heartbeat renews the work in hand and drops a lease lost to
another judge; a lease whose owner on this host is gone is taken back at once."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from appliance.judging.heartbeat import HEARTBEAT_S, LEASE_S, Heartbeat, lease_owner, owner_gone
from appliance.judging.queue import JudgeQueue
from appliance.store import Store
from tests import paths
from tests.appliance.judging.test_queue import NOW, seed, status, store, submit  # noqa: F401


def test_the_heartbeat_renews_the_leases_in_hand_only(store: Store) -> None:  # noqa: F811
    submit(store, "a")
    submit(store, "b")
    queue = JudgeQueue(store)
    now = [NOW]
    heart = Heartbeat(queue, LEASE_S, clock=lambda: now[0])
    held, other = queue.claim("w1", LEASE_S, NOW), queue.claim("w2", LEASE_S, NOW)
    assert held is not None and other is not None
    with heart.hold(held):
        now[0] = NOW + 20
        assert heart.beat() == 1
        now[0] = NOW + 40  # past the first lease, within the renewed one
        assert queue.claim("w3", LEASE_S, now[0]) is not None  # w2's lease, not renewed
        assert queue.claim("w3", LEASE_S, now[0]) is None  # w1's still holds
    assert heart.in_hand() == []
    assert heart.beat() == 0


def test_a_lease_lost_to_another_judge_is_no_longer_renewed(
        store: Store, caplog) -> None:  # noqa: F811
    submit(store, "a")
    queue = JudgeQueue(store)
    heart = Heartbeat(queue, 10, clock=lambda: NOW + 100)
    claim = queue.claim("w1", 10, NOW)
    assert claim is not None
    with heart.hold(claim):
        assert queue.claim("w2", 10, NOW + 50) is not None  # expired and claimed again
        assert heart.beat() == 0
        assert heart.in_hand() == []
    assert "submission 1: the lease was lost" in caplog.text  # said, unlike a judging's end


def test_the_beat_is_a_third_of_a_short_lease() -> None:
    assert Heartbeat(None, LEASE_S).every_s == HEARTBEAT_S  # type: ignore[arg-type]
    assert Heartbeat(None, 3).every_s == 1  # type: ignore[arg-type]


def test_only_this_hosts_dead_owners_are_gone() -> None:
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    me, host = lease_owner("unix:///var/run/docker.sock"), socket.gethostname()
    try:
        start = me.split(" ")[0].split(":")[2]
        assert not owner_gone(me) and not owner_gone(lease_owner())
        assert owner_gone(f"{host}:{os.getpid()}:{float(start) - 7:.2f}")  # a reused pid
        assert not owner_gone(f"elsewhere:{child.pid}:1.00")  # another host: its lease expires
        assert not owner_gone("child") and not owner_gone(None)  # not an owner's name
        alive = f"{host}:{child.pid}:{lease_owner().split(':')[2]}"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    assert owner_gone(f"{host}:{child.pid}:1.00 unix:///var/run/docker.sock")
    assert owner_gone(alive)


CHILD = """
import sys, time
from pathlib import Path
from appliance.judging.heartbeat import lease_owner
from appliance.judging.queue import JudgeQueue
from appliance.store import Store
queue = JudgeQueue(Store.open(Path(sys.argv[1])))
claim = queue.claim(lease_owner(), 3600, time.time())
print("claimed", claim.submission_id, flush=True)
time.sleep(600)  # killed here, holding a lease
"""


def test_recovery_takes_back_a_dead_owners_lease_before_it_expires(tmp_path: Path) -> None:
    with Store.open(tmp_path) as opened:
        seed(opened, ("a",))
        submit(opened, "a", 2)
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(tmp_path)], cwd=paths.REPO,
                             stdout=subprocess.PIPE, text=True)
    try:
        line = child.stdout.readline() if child.stdout else ""
        assert line.startswith("claimed"), line
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    held = int(line.split()[1])
    with Store.open(tmp_path) as opened:
        queue = JudgeQueue(opened)
        assert queue.recover(time.time()) == 0  # the lease runs for an hour
        assert status(opened, held) == "judging"
        assert queue.recover(time.time(), owner_gone) == 1  # but its owner is gone
        assert status(opened, held) == "queued"


class EndingMeanwhile(JudgeQueue):
    """A queue whose next renewal finds the judging just ended: between the beat's look at
    the claims in hand and its renewal, the dispatcher released the claim and wrote its end."""

    def __init__(self, kept: Store, heart: list[Heartbeat]) -> None:
        super().__init__(kept)
        self.heart = heart

    def extend(self, claim, lease_s, now):
        self.heart[0].release(claim)
        self.fail(claim, "ended meanwhile", 1, now)
        return super().extend(claim, lease_s, now)


def test_a_judging_that_ends_while_its_lease_is_renewed_is_no_lost_lease(
        store: Store, caplog) -> None:  # noqa: F811
    submit(store, "a")
    heart: list[Heartbeat] = []
    queue = EndingMeanwhile(store, heart)
    heart.append(Heartbeat(queue, LEASE_S, clock=lambda: NOW + 1))
    claim = queue.claim("w1", LEASE_S, NOW)
    assert claim is not None
    with heart[0].hold(claim):
        assert heart[0].beat() == 0
        assert heart[0].in_hand() == []
    assert "lease was lost" not in caplog.text
