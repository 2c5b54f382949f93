"""The server's live view of its contest: the scoreboard in memory, kept current by tailing
the store's event log, and a signal that wakes every waiting stream when something changed;
at shutdown it ends every open stream (`close`), which would otherwise hold the server's
stop for aiohttp's shutdown timeouts.

The event log is the only input: whatever wrote the event (this server's dispatcher, a
`podium rejudging apply` in another process), the board applies it within one poll. A
scoreboard request is then a dictionary lookup of bytes already encoded, with an ETag.
"""

from __future__ import annotations

import asyncio
import bisect
import json
import logging
import time
from collections.abc import AsyncIterator, Hashable
from contextlib import asynccontextmanager
from datetime import UTC, datetime

from appliance.clics import objects as clics
from appliance.clics.times import reltime
from appliance.contest.clock import THAWED, Clock, State
from appliance.contest.control import load_clock
from appliance.contest.ignoring import ignored_ids
from appliance.contest.reads import owner_of
from appliance.events import events_after, last_seq
from appliance.floor.balloons import Delivery, deliveries_of
from appliance.scoreboard.board import Scoreboard
from appliance.scoreboard.reveal import Reveal, RevealStep
from appliance.scoreboard.revealed import StoredStep, steps_after
from appliance.scoreboard.standings import scoreboard_events, scoreboard_from_store
from appliance.store import Store
from web.cached import Encoded, Memo, encode

log = logging.getLogger(__name__)

POLL_S = 0.1  # how often the event log is read for new events
STREAM_GRACE_S = 2.0  # at shutdown, how long a stream may take to end before it is cancelled
BATCH = 2000  # events read per poll
RECENT = 5000  # events kept in memory for the streams (a stream further behind reads the log)
OWNED = frozenset({"submissions", "judgements", "runs"})  # events that concern one team
FLOOR_CHECK_S = 1.0  # how often runners' marks are read while a floor stream is open


class Live:
    """The contest as this server sees it now; one per served contest."""

    def __init__(self, store: Store, contest_id: str) -> None:
        self.store, self.contest_id = store, contest_id
        self.clock: Clock = load_clock(store, contest_id)
        self.board: Scoreboard = scoreboard_from_store(store, contest_id, self.clock.length_s)
        self.seq = last_seq(store, contest_id)
        self.withdrawn = ignored_ids(store, contest_id)  # ignored by a judge: off the board
        self.last_time = datetime.now(UTC)
        if any(e.kind == THAWED for e in self.clock.events):
            self.board.thaw()
        self._changed = asyncio.Event()
        self.revealed = 0  # the last stored reveal step shown on this board
        self.steps: dict[int, RevealStep] = {}  # what each stored step showed here
        self.closing = False  # set at shutdown: every stream ends
        self._streams: dict[asyncio.Task, asyncio.Event] = {}  # open streams: set when ended
        self.boards = 0  # boards made again from the log (their versions start over)
        self.memo = Memo()  # answers kept for pollers (web.cached), by their version
        self.shared_seq = self.seq  # the last event that may change what everyone sees
        self._team_seq: dict[str | None, int] = {}  # the last event of each team's objects
        self._recent: list[dict] = []  # the events read lately, as stored, oldest first
        self._recent_from = self.seq  # `_recent` holds every event after this one
        self.floor_streams = 0  # open streams of balloon runners (and the jury)
        self.marks_version = 0  # moves when runners' marks change (no event says so)
        self._marks: dict[tuple[str, str], Delivery] | None = None
        self._marks_read = 0.0  # monotonic time of the last read
        self._show(self._new_steps())

    # -- following the log ---------------------------------------------------------------

    def poll(self) -> int:
        """Apply the events written since the last poll, then the reveal's new steps; how
        many events there were. The steps are read first: the cell of any step read was
        on its taker's board, so its events are among those read next."""
        self._follow_marks()
        steps = self._new_steps()
        upto = steps[-1].step if steps else self.revealed  # steps whose cells are read next
        rows = events_after(self.store, self.contest_id, self.seq, BATCH)
        if not rows:
            self._show(steps)
            return 0
        decoded = [{**r, "data": json.loads(r["data"]) if r["data"] else None} for r in rows]
        if self._withdrawals(decoded):  # a submission ignored or restored: replay the log
            self.board = scoreboard_from_store(self.store, self.contest_id, self.clock.length_s)
            self.boards += 1
            self.revealed, self.steps = 0, {}  # shown again on the new board, below
            if any(e.kind == THAWED for e in self.clock.events):
                self.board.thaw()
        else:
            for event in scoreboard_events(decoded):
                self.board.apply(event)
        board_times = [r["time"] for r in decoded if r["type"] in ("submissions", "judgements")]
        if board_times:
            self.last_time = datetime.fromisoformat(board_times[-1])  # the board's last change
        if any(r["type"] in ("state", "contests") for r in decoded):
            self.clock = load_clock(self.store, self.contest_id)
            if self.clock.length_s != self.board.timing.duration:  # extended: the freeze moves
                self.board = scoreboard_from_store(self.store, self.contest_id,
                                                   self.clock.length_s)
                self.boards += 1
                self.revealed, self.steps = 0, {}
            if any(e.kind == THAWED for e in self.clock.events) and not self.board.thawed:
                self.board.thaw()
        for row in rows:
            self._note_version(row)
        self._recent.extend(rows)
        if len(self._recent) > 2 * RECENT:
            cut = len(self._recent) - RECENT
            self._recent_from = self._recent[cut - 1]["seq"]
            del self._recent[:cut]
        self.seq = rows[-1]["seq"]
        if len(rows) < BATCH:  # else the steps' cells may be in the next batch
            if self.revealed == 0 and upto:  # a new board: every step shown on it again
                steps = [s for s in self._new_steps() if s.step <= upto]
            self._show(steps)
        self._signal()
        return len(rows)

    def _follow_marks(self) -> None:
        """While a runner's stream is open, read the balloon marks every FLOOR_CHECK_S and
        wake the streams when they changed: a mark is no event, and another worker (or the
        console) may have made it."""
        if not self.floor_streams or time.monotonic() - self._marks_read < FLOOR_CHECK_S:
            return
        self._marks_read = time.monotonic()
        marks = deliveries_of(self.store, self.contest_id)
        if marks != self._marks:
            self._marks = marks
            self.marks_version += 1
            self._signal()

    def _new_steps(self) -> list[StoredStep]:
        """The reveal's steps stored since the last shown here, whichever worker took them
        (`scoreboard/revealed.py`); none before the end or after the thaw (a contest
        extended again shows them when it ends again)."""
        if self.board.thawed or self.clock.state(self.now()) not in (State.ENDED,
                                                                      State.FINALIZED):
            return []
        return steps_after(self.store, self.contest_id, self.revealed)

    def _show(self, steps: list[StoredStep]) -> None:
        """Show the stored steps' cells on this board (one already shown is passed)."""
        for stored in steps:
            if stored.step <= self.revealed:
                continue  # shown already
            try:
                hidden = stored.problem_id in self.board.frozen_problems(stored.team_id)
            except KeyError:  # a team no longer on the board
                hidden = False
            if hidden:
                self.steps[stored.step] = Reveal(self.board).show(stored.team_id,
                                                                  stored.problem_id)
            self.revealed = stored.step

    def rows_after(self, seq: int, limit: int = BATCH) -> list[dict]:
        """The events after `seq` that this process has read, as stored: from memory when
        it still holds them (a judgement fans out to every open stream without a query
        each), else from the log."""
        if seq >= self.seq:
            return []
        if seq < self._recent_from:
            return events_after(self.store, self.contest_id, seq, limit)
        start = bisect.bisect_right(self._recent, seq, key=lambda row: row["seq"])
        return self._recent[start:start + limit]

    def _note_version(self, row: dict) -> None:
        """Move the version of what this event changes: one team's own objects, or (any
        other event, or one whose owner is not found) everyone's."""
        owner = owner_of(self.store, row["type"], row["id"]) if row["type"] in OWNED else None
        if owner is None:
            self.shared_seq = row["seq"]
        else:
            self._team_seq[owner.team_id] = row["seq"]

    def team_version(self, team_id: str | None) -> Hashable:
        """The version of what one team sees of its own objects (and of everything shared):
        it moves only with an event about them, so a team's poll between two of its
        judgements is answered from memory."""
        return (self._team_seq.get(team_id, 0), self.shared_seq)

    def board_key(self) -> Hashable:
        """What the scoreboard's look depends on: the board's version, the thaw, the
        reveal's steps, the clock's state, and everything shared (names, problems)."""
        return (self.boards, self.board.version, self.board.thawed, self.revealed,
                self.clock.state(self.now()), self.shared_seq)
    def _withdrawals(self, decoded: list[dict]) -> bool:
        """Whether these events ignore a submission or restore one (`withdrawn` kept up)."""
        found = False
        for row in decoded:
            if row["type"] != "submissions":
                continue
            if row["op"] == "delete":
                self.withdrawn.add(row["id"])
                found = True
            elif row["id"] in self.withdrawn:
                self.withdrawn.discard(row["id"])
                found = True
        return found

    async def follow(self, stop: asyncio.Event) -> None:
        """Poll the log until `stop`; a failing read is logged and retried, never fatal."""
        while not stop.is_set():
            try:
                while self.poll() == BATCH:
                    await asyncio.sleep(0)
            except Exception:  # noqa: BLE001 - the server must outlive a bad read
                log.exception("reading the event log failed; retrying")
            try:
                await asyncio.wait_for(stop.wait(), POLL_S)
            except TimeoutError:
                pass

    def _signal(self) -> None:
        self._changed.set()
        self._changed = asyncio.Event()

    async def wait(self, seq: int, timeout: float) -> bool:
        """Wait until the log has events past `seq` (True) or `timeout` passes (False); at
        once when closing (the stream then ends)."""
        if self.seq > seq:
            return True
        if self.closing:
            return False
        changed = self._changed
        try:
            await asyncio.wait_for(changed.wait(), timeout)
        except TimeoutError:
            return self.seq > seq
        return True

    # -- streams ---------------------------------------------------------------------------

    @asynccontextmanager
    async def stream(self, floor: bool = False) -> AsyncIterator[None]:
        """Mark the running handler as an open stream, to be ended by `close`; its loop
        checks `closing`. A `floor` stream (a balloon runner's page) has the marks
        followed while it is open."""
        task = asyncio.current_task()
        assert task is not None
        ended = asyncio.Event()
        self._streams[task] = ended
        self.floor_streams += floor
        try:
            yield
        finally:
            self.floor_streams -= floor
            ended.set()
            self._streams.pop(task, None)

    async def close(self) -> int:
        """End every open stream (the server stops): wake them with `closing` set, give
        them STREAM_GRACE_S to finish their response, then cancel the rest (a reader that
        no longer reads); how many were open."""
        self.closing = True
        self._signal()
        open_streams = dict(self._streams)
        if open_streams:
            waits = {asyncio.ensure_future(ended.wait()): task
                     for task, ended in open_streams.items()}
            _, stuck = await asyncio.wait(waits, timeout=STREAM_GRACE_S)
            for waiting in stuck:
                waiting.cancel()
                waits[waiting].cancel()
        return len(open_streams)

    # -- scoreboard ------------------------------------------------------------------------

    def now(self) -> datetime:
        return datetime.now(UTC)

    def frozen(self) -> bool:
        """Whether the public sees the frozen board now."""
        return self.clock.scoreboard_frozen(self.now()) and not self.board.thawed

    def scoreboard(self, public: bool) -> Encoded:
        """The CLICS scoreboard, encoded once per change of the board or the clock state (so
        its ETag changes only then)."""
        return self.memo.get(("scoreboard", public), self.board_key(), lambda: encode(
            json.dumps(self.scoreboard_json(public), separators=(",", ":")).encode()))

    def scoreboard_json(self, public: bool, group_id: str | None = None) -> dict:
        """The scoreboard object as of the last change (its time is that change's); with
        `group_id`, that group's teams ranked among themselves (not cached: rarely asked)."""
        at = max(self.last_time, self.clock.start or self.last_time)
        contest_time = self.clock.contest_time(at) or 0.0
        return {"time": clics.abstime(at), "contest_time": reltime(max(0.0, contest_time)),
                "state": clics.state(self.clock, self.now()),
                "rows": [_clics_row(row.to_json())
                         for row in self.board.view(public=public, group_id=group_id)]}


def _clics_row(row: dict) -> dict:
    """A scoreboard row without Podium's `first_to_solve` cell flag (not a CLICS property:
    the API gives it as awards instead)."""
    for cell in row["problems"]:
        cell.pop("first_to_solve", None)
    return row
