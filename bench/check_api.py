"""Validate every endpoint of a running Podium's Contest API against the CLICS JSON schemas.

Run by hand against a server that is up:
`.venv/bin/python bench/check_api.py http://127.0.0.1:8080 --schemas DIR [--user U --password P]
[--contest ID] [--strict] [--json]`.

DIR is the `json-schema` folder of a checkout of icpc/ccs-specs: the schemas are read from there,
never copied into Podium, so the check follows the spec's version rather than our memory of it.
Each schema is registered under its `$id`, so relative refs such as `common.json#/identifier`
resolve among the files of DIR only (nothing is fetched). `--strict` does in memory what
upstream's check-api.sh does with sed: `additionalProperties: false` at every
ANCHOR_TO_INSERT_REQUIRE_STRICT_PROPERTIES marker, so a property the spec does not know fails.

It checks `/api`, `/api/contests` and each contest, every contest endpoint (collections against
their plural schema, then up to N objects fetched by id against the singular schema and compared
with the collection's copy), the scoreboard, the event feed line by line, and that
`since_token` resumes the feed exactly after the token. Without credentials it checks what the
public sees: 401/403 is "not visible", not an error. Exit status 0 only when nothing failed.
"""

from __future__ import annotations

import argparse
import base64
import http.client
import json
import queue
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match
from referencing import Registry, Resource
from referencing.exceptions import CannotDetermineSpecification
from referencing.jsonschema import DRAFT202012

STRICT_ANCHOR = "ANCHOR_TO_INSERT_REQUIRE_STRICT_PROPERTIES"
MAX_MESSAGES = 10  # per endpoint in the text report; the JSON report keeps them all
MAX_MESSAGE_CHARS = 240  # jsonschema quotes whole instances: a team's every field is noise
FEED_MAX_SECONDS = 120.0  # a feed that never pauses (a live contest) is still cut off

# Endpoints whose 404 is an error: a CCS without them is no CCS (the rest are optional).
CORE = frozenset({
    "contests", "state", "judgement-types", "languages", "problems", "teams", "submissions",
    "judgements", "scoreboard", "event-feed",
})

# Per contest, in order: endpoint, schema of its response, schema of one object fetched by id
# (None for the endpoints that hold a single object).
CONTEST_ENDPOINTS: tuple[tuple[str, str, str | None], ...] = (
    ("access", "access", None),
    ("state", "state", None),
    ("judgement-types", "judgement-types", "judgement-type"),
    ("languages", "languages", "language"),
    ("problems", "problems", "problem"),
    ("groups", "groups", "group"),
    ("organizations", "organizations", "organization"),
    ("teams", "teams", "team"),
    ("persons", "persons", "person"),
    ("accounts", "accounts", "account"),
    ("submissions", "submissions", "submission"),
    ("judgements", "judgements", "judgement"),
    ("runs", "runs", "run"),
    ("clarifications", "clarifications", "clarification"),
    ("awards", "awards", "award"),
    ("commentary", "commentaries", "commentary"),
)

# Event type -> (schema of `data` for one object, schema of `data` when `id` is null).
EVENT_SCHEMAS: dict[str, tuple[str, str]] = {
    "contest": ("contest", "contest"),
    "state": ("state", "state"),
    **{name: (one, many) for name, many, one in CONTEST_ENDPOINTS if one is not None},
}

NEEDED_SCHEMAS = frozenset(
    {"api_information", "contests", "contest", "scoreboard", "event-feed"}
    | {many for _, many, _ in CONTEST_ENDPOINTS}
    | {one for _, _, one in CONTEST_ENDPOINTS if one is not None}
)


@dataclass
class Issue:
    """One failure: where in the response (a JSON path, maybe after an id or line) and why."""

    where: str
    message: str


@dataclass
class Check:
    """One line of the report: an endpoint, its outcome and what it found wrong."""

    status: str  # "ok", "FAIL" or "skip"
    endpoint: str
    objects: int = 0
    note: str = ""
    issues: list[Issue] = field(default_factory=list)


# --- schemas -------------------------------------------------------------------------------


def make_strict(node: Any) -> Any:
    """A copy of a schema with `additionalProperties: false` at each strict anchor.

    The same edit as upstream's `sed` in check-api.sh, done in memory so DIR stays untouched.
    """
    if isinstance(node, dict):
        out = {key: make_strict(value) for key, value in node.items()}
        if node.get("$comment") == STRICT_ANCHOR:
            out["additionalProperties"] = False
        return out
    if isinstance(node, list):
        return [make_strict(value) for value in node]
    return node


def load_schemas(directory: Path, strict: bool = False) -> dict[str, dict]:
    """Every `*.json` of `directory` by file stem; one without `$id` gets its file URI."""
    schemas: dict[str, dict] = {}
    for path in sorted(directory.glob("*.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(schema, dict):
            continue
        schema = make_strict(schema) if strict else schema
        schema.setdefault("$id", path.resolve().as_uri())
        schemas[path.stem] = schema
    return schemas


def build_registry(schemas: Iterable[dict]) -> Registry:
    """A registry keyed by each schema's `$id`, so that relative refs resolve between them."""
    resources = [
        (schema["$id"], Resource.from_contents(schema, default_specification=DRAFT202012))
        for schema in schemas
    ]
    return Registry().with_resources(resources)


def shorten(text: str) -> str:
    """A schema message cut to a readable length."""
    return text if len(text) <= MAX_MESSAGE_CHARS else text[: MAX_MESSAGE_CHARS - 1] + "…"


class Schemas:
    """The schemas of one directory, each validated through the registry of all of them."""

    def __init__(self, schemas: dict[str, dict]) -> None:
        self.schemas = schemas
        self.registry = build_registry(schemas.values())
        self._validators: dict[str, Draft202012Validator] = {}

    @classmethod
    def from_directory(cls, directory: Path, strict: bool = False) -> Schemas:
        return cls(load_schemas(directory, strict))

    def missing(self, names: Iterable[str]) -> list[str]:
        """Which of `names` the directory lacks: a wrong DIR is a usage error, not N failures."""
        return sorted(name for name in names if name not in self.schemas)

    def validator(self, name: str) -> Draft202012Validator:
        """Draft 2020-12 without format checking: the spec's own patterns carry the formats."""
        if name not in self._validators:
            self._validators[name] = Draft202012Validator(
                self.schemas[name], registry=self.registry
            )
        return self._validators[name]

    def issues(self, name: str, instance: Any, where: str = "", root: str = "$") -> list[Issue]:
        """The violations of schema `name` by `instance`, at the most specific path known.

        Paths read `{where}{root}...`: `root` names `instance` inside a larger document.

        An anyOf/oneOf failure is explained by its closest branch (jsonschema's best_match),
        which names the offending value instead of quoting the whole object; when that value
        lies below the failing keyword, the message says so, as another branch may be meant.
        """
        found = []
        for error in self.validator(name).iter_errors(instance):
            leaf = best_match([error])
            message = shorten(leaf.message)
            if leaf.json_path != error.json_path:
                message += (f" (closest branch of the {error.validator} at "
                            f"{root}{error.json_path[1:]})")
            found.append(Issue(f"{where}{root}{leaf.json_path[1:]}", message))
        return found


# --- HTTP ------------------------------------------------------------------------------------


@dataclass
class Reply:
    """What one GET gave: status 0 when the server could not be reached at all."""

    status: int
    body: bytes = b""
    error: str = ""
    idle_stop: bool = False  # the feed was cut at an idle gap, not ended by the server


class Client:
    """GETs under `root/api` with the stdlib, with HTTP Basic auth when credentials are given."""

    def __init__(self, root: str, user: str | None = None, password: str | None = None,
                 timeout: float = 30.0) -> None:
        self.base = root.rstrip("/") + "/api"
        self.timeout = timeout
        self.headers = {"Accept": "application/json, application/x-ndjson"}
        self.authed = user is not None
        if user is not None:
            token = base64.b64encode(f"{user}:{password or ''}".encode()).decode()
            self.headers["Authorization"] = f"Basic {token}"

    def open(self, path: str, timeout: float | None = None) -> http.client.HTTPResponse | Reply:
        """The open response of `base + path`, or a Reply saying why there is none."""
        request = urllib.request.Request(self.base + path, headers=self.headers)
        try:
            return urllib.request.urlopen(request, timeout=timeout or self.timeout)
        except urllib.error.HTTPError as error:
            with error:
                return Reply(error.code, error.read(), f"HTTP {error.code} {error.reason}")
        except (urllib.error.URLError, OSError, http.client.HTTPException) as error:
            return Reply(0, error=f"no answer: {getattr(error, 'reason', error)}")

    def get(self, path: str) -> Reply:
        """The whole body of `base + path`."""
        response = self.open(path)
        if isinstance(response, Reply):
            return response
        with response:
            try:
                return Reply(response.status, response.read())
            except (OSError, http.client.HTTPException) as error:
                return Reply(0, error=f"broken answer: {error}")

    def get_feed(self, path: str, idle: float) -> Reply:
        """An NDJSON body read until its end or until `idle` seconds pass without an event.

        A server that ignores stream=false never ends the body; blank keep-alive lines do not
        count as activity. A thread reads because a blocked read cannot be timed out cleanly.
        """
        response = self.open(path, max(self.timeout, 2 * idle))  # the idle gap decides
        if isinstance(response, Reply):
            return response
        lines: queue.Queue = queue.Queue()
        threading.Thread(target=pump, args=(response, lines), daemon=True).start()
        body, stopped = read_lines(lines, idle)
        if stopped:
            response.close()
        if isinstance(body, Exception):
            return Reply(0, error=f"broken feed: {body}")
        return Reply(response.status, body, idle_stop=stopped)


def pump(response: http.client.HTTPResponse, lines: queue.Queue) -> None:
    """Feed the response's lines to `lines`, then an exception or None at the end."""
    try:
        for line in response:
            lines.put(line)
    except Exception as error:  # the close() after an idle gap lands here too
        lines.put(error)
        return
    lines.put(None)


def read_lines(lines: queue.Queue, idle: float) -> tuple[bytes | Exception, bool]:
    """The body from `pump`, and whether it was cut at an idle gap (or the overall limit)."""
    body: list[bytes] = []
    deadline = time.monotonic() + FEED_MAX_SECONDS
    last_event = time.monotonic()
    while True:
        wait = min(last_event + idle, deadline) - time.monotonic()
        try:
            line = lines.get(timeout=max(wait, 0.0))
        except queue.Empty:
            return b"".join(body), True
        if line is None:
            return b"".join(body), False
        if isinstance(line, Exception):
            return line, False
        body.append(line)
        if line.strip():
            last_event = time.monotonic()


# --- NDJSON and the event feed ---------------------------------------------------------------


def parse_ndjson(lines: Iterable[str | bytes]) -> tuple[list[tuple[int, Any]], list[Issue]]:
    """Events with their 1-based line numbers, and the lines that are not JSON.

    Blank lines are the feed's keep-alives, not events.
    """
    events: list[tuple[int, Any]] = []
    issues: list[Issue] = []
    for number, raw in enumerate(lines, start=1):
        try:
            line = raw.decode("utf-8") if isinstance(raw, bytes) else raw
            if line.strip():
                events.append((number, json.loads(line)))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            issues.append(Issue(f"line {number}", f"not JSON: {error}"))
    return events, issues


def event_issues(schemas: Schemas, event: Any, where: str) -> list[Issue]:
    """An event against event-feed.json, and its `data` against the schema of its type.

    The feed schema accepts `data` matching any object schema (anyOf), so a team event shaped
    like a problem would pass; the type's own schema is the real check, and names the path.
    """
    found = schemas.issues("event-feed", event, where)
    if not isinstance(event, dict) or event.get("type") not in EVENT_SCHEMAS:
        return found
    data, object_id = event.get("data"), event.get("id")
    if data is None:
        return found
    one, many = EVENT_SCHEMAS[event["type"]]
    # The type's schema is one of the anyOf's branches: it decides about `data` alone.
    found = [issue for issue in found if not under(issue.where, f"{where}$.data")]
    found += schemas.issues(one if object_id is not None else many, data, where, "$.data")
    if object_id is not None and isinstance(data, dict) and data.get("id") != object_id:
        found.append(Issue(f"{where}$.data.id", f"{data.get('id')!r} is not the event's id "
                                                 f"{object_id!r}"))
    return found


def under(path: str, prefix: str) -> bool:
    """Whether JSON path `path` is `prefix` or lies inside it."""
    return path == prefix or path.startswith((prefix + ".", prefix + "["))


def label(event: Any) -> str:
    """An event named by type, id and token, short enough for a report line."""
    if not isinstance(event, dict):
        return shorten(json.dumps(event))
    return f"{event.get('type')} {json.dumps(event.get('id'))} (token {event.get('token')})"


def middle_token(events: list[Any]) -> str | None:
    """The token of the event with a token nearest the middle of the feed, if any has one."""
    tokened = [i for i, event in enumerate(events)
               if isinstance(event, dict) and isinstance(event.get("token"), str)]
    if not tokened:
        return None
    middle = min(tokened, key=lambda i: abs(i - len(events) // 2))
    return events[middle]["token"]


def suffix_issues(full: list[Any], token: str, resumed: list[Any]) -> list[Issue]:
    """Whether `resumed` is exactly the events of `full` after the one carrying `token`."""
    positions = [i for i, event in enumerate(full)
                 if isinstance(event, dict) and event.get("token") == token]
    if not positions:
        return [Issue("$", f"token {token!r} is not in the full feed")]
    expected = full[positions[0] + 1:]
    if resumed == expected:
        return []
    for offset, (want, got) in enumerate(zip(expected, resumed, strict=False)):
        if want != got:
            said = (differences(got, want) + " from the full feed's" if label(got) == label(want)
                    else f"is {label(got)}, the full feed has {label(want)}")
            return [Issue(f"event {offset + 1} after the token", shorten(said))]
    if len(resumed) < len(expected):
        return [Issue("$", f"{len(resumed)} events after the token, the full feed has "
                           f"{len(expected)}: the last {len(expected) - len(resumed)} are missing")]
    return [Issue("$", f"{len(resumed) - len(expected)} events more than the full feed has after "
                       "the token (did the feed grow between the two requests?)")]


# --- checks --------------------------------------------------------------------------------


def refused(endpoint: str, reply: Reply, core: bool, authed: bool = False) -> Check | None:
    """The Check for a reply that has no document to validate, or None when it has one.

    A 401 despite credentials is a wrong password, not something hidden: it fails, lest a
    typo turn every endpoint into a skip and the run into a pass.
    """
    if reply.status == 200:
        return None
    if reply.status == 401 and authed:
        return Check("FAIL", endpoint, issues=[Issue("$", "credentials refused (401)")])
    if reply.status in (401, 403):
        return Check("skip", endpoint, note=f"not visible ({reply.status})")
    if reply.status == 404 and not core:
        return Check("skip", endpoint, note="not offered (404)")
    why = reply.error or f"HTTP {reply.status}"
    return Check("FAIL", endpoint, issues=[Issue("$", why)])


def decode(endpoint: str, reply: Reply) -> tuple[Any, Check | None]:
    """The JSON of a 200 reply, or the failed Check when it is not JSON."""
    try:
        return json.loads(reply.body), None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        return None, Check("FAIL", endpoint, issues=[Issue("$", f"not JSON: {error}")])


def count(document: Any) -> int:
    """How many objects a response holds: a collection's length, else one."""
    return len(document) if isinstance(document, list) else 1


def outcome(endpoint: str, objects: int, issues: list[Issue], note: str = "") -> Check:
    """ok without issues, FAIL with them."""
    return Check("FAIL" if issues else "ok", endpoint, objects, note, issues)


def check_document(client: Client, schemas: Schemas, path: str, schema: str,
                   core: bool) -> tuple[Check, Any]:
    """GET one endpoint and validate it; the document is None unless it was fetched as JSON."""
    endpoint = "/api" + path
    reply = client.get(path)
    failed = refused(endpoint, reply, core, client.authed)
    if failed:
        return failed, None
    document, failed = decode(endpoint, reply)
    if failed:
        return failed, None
    return outcome(endpoint, count(document), schemas.issues(schema, document)), document


def differences(mine: Any, theirs: Any) -> str:
    """Which top-level properties differ between two objects, for a readable mismatch."""
    if not (isinstance(mine, dict) and isinstance(theirs, dict)):
        return "differs"
    keys = sorted(k for k in mine.keys() | theirs.keys() if mine.get(k) != theirs.get(k)
                  or (k in mine) != (k in theirs))
    return "differs in " + ", ".join(keys)


def object_issues(client: Client, schemas: Schemas, path: str, schema: str,
                  listed: dict) -> list[Issue]:
    """One object fetched by id: its schema, and equality with the collection's copy."""
    object_id = listed["id"]
    reply = client.get(f"{path}/{urllib.parse.quote(object_id, safe='')}")
    if reply.status != 200:
        return [Issue(object_id, reply.error or f"HTTP {reply.status}")]
    document, failed = decode(path, reply)
    if failed:
        return [Issue(object_id, failed.issues[0].message)]
    found = schemas.issues(schema, document, f"{object_id} ")
    if document != listed:
        found.append(Issue(object_id, "by id " + differences(document, listed)
                           + " from the collection's object"))
    return found


def check_objects(client: Client, schemas: Schemas, path: str, schema: str,
                  collection: list, limit: int) -> Check:
    """The first `limit` objects of a collection, each fetched by its id."""
    endpoint = f"/api{path}/{{id}}"
    listed = [item for item in collection
              if isinstance(item, dict) and isinstance(item.get("id"), str)][:limit]
    if not listed:
        return Check("skip", endpoint, note="no objects with an id")
    issues = [issue for item in listed
              for issue in object_issues(client, schemas, path, schema, item)]
    return outcome(endpoint, len(listed), issues, f"{len(listed)} of {len(collection)}")


def check_feed(client: Client, schemas: Schemas, path: str,
               idle: float) -> tuple[Check, list[Any] | None]:
    """The whole feed with stream=false, each line against the schemas; and its events."""
    endpoint = f"/api{path}?stream=false"
    reply = client.get_feed(f"{path}?stream=false", idle)
    failed = refused(endpoint, reply, True, client.authed)
    if failed:
        return failed, None
    parsed, issues = parse_ndjson(reply.body.split(b"\n"))
    for number, event in parsed:
        issues.extend(event_issues(schemas, event, f"line {number}: "))
    note = f"cut after {idle:g} s idle (stream=false ignored?)" if reply.idle_stop else ""
    events = [event for _, event in parsed]
    return outcome(endpoint, len(events), issues, note), events


def check_since(client: Client, path: str, events: list[Any], idle: float) -> Check:
    """Resuming at a middle event's token must give exactly the rest of the full feed."""
    token = middle_token(events)
    if token is None:
        return Check("skip", f"/api{path}?since_token=…", note="no event has a token")
    query = urllib.parse.urlencode({"since_token": token, "stream": "false"})
    endpoint = f"/api{path}?{query}"
    reply = client.get_feed(f"{path}?{query}", idle)
    failed = refused(endpoint, reply, True, client.authed)
    if failed:
        return failed
    parsed, issues = parse_ndjson(reply.body.split(b"\n"))
    resumed = [event for _, event in parsed]
    issues = issues or suffix_issues(events, token, resumed)
    return outcome(endpoint, len(resumed), issues)


def check_contest(client: Client, schemas: Schemas, contest_id: str, listed: Any,
                  limit: int, idle: float) -> Iterator[Check]:
    """Every endpoint of one contest, in the order of the spec's table."""
    base = f"/contests/{urllib.parse.quote(contest_id, safe='')}"
    check, document = check_document(client, schemas, base, "contest", core=True)
    if document is not None and listed is not None and document != listed:
        check = outcome(check.endpoint, check.objects, check.issues + [Issue(
            "$", differences(document, listed) + " from its entry in /api/contests")])
    yield check
    for name, many, one in CONTEST_ENDPOINTS:
        path = f"{base}/{name}"
        check, document = check_document(client, schemas, path, many, core=name in CORE)
        yield check
        if one is not None and isinstance(document, list):
            yield check_objects(client, schemas, path, one, document, limit)
    yield check_document(client, schemas, f"{base}/scoreboard", "scoreboard", core=True)[0]
    check, events = check_feed(client, schemas, f"{base}/event-feed", idle)
    yield check
    if events is not None:
        yield check_since(client, f"{base}/event-feed", events, idle)


def run(client: Client, schemas: Schemas, contest: str | None = None, limit: int = 20,
        idle: float = 3.0) -> Iterator[Check]:
    """All checks, as they happen: the API root, the contest list, then each contest."""
    check, _ = check_document(client, schemas, "", "api_information", core=True)
    yield check
    if check.issues and check.issues[0].message.startswith("no answer"):
        return  # nothing else will answer either
    check, contests = check_document(client, schemas, "/contests", "contests", core=True)
    yield check
    listed = {item["id"]: item for item in contests or []
              if isinstance(item, dict) and isinstance(item.get("id"), str)}
    for contest_id in [contest] if contest else list(listed):
        yield from check_contest(client, schemas, contest_id, listed.get(contest_id), limit, idle)


# --- report --------------------------------------------------------------------------------


def totals(checks: list[Check]) -> tuple[int, int, int]:
    """Endpoints checked (not skipped), objects validated, errors found."""
    done = [check for check in checks if check.status != "skip"]
    return len(done), sum(c.objects for c in done), sum(len(c.issues) for c in done)


def text_lines(check: Check) -> list[str]:
    """A check's report line, then its first messages and how many more there were."""
    amount = f"{check.objects} object{'s' if check.objects != 1 else ''}"
    detail = check.note if check.status == "skip" else ", ".join(
        part for part in (amount, check.note) if part)
    if check.issues:
        detail += f", {len(check.issues)} error{'s' if len(check.issues) != 1 else ''}"
    lines = [f"{check.status:<4}  {check.endpoint:<44}  {detail}"]
    lines += [f"        {issue.where}: {issue.message}" for issue in check.issues[:MAX_MESSAGES]]
    if len(check.issues) > MAX_MESSAGES:
        lines.append(f"        ... and {len(check.issues) - MAX_MESSAGES} more")
    return lines


def summary(checks: list[Check]) -> str:
    endpoints, objects, errors = totals(checks)
    return f"{endpoints} endpoints, {objects} objects checked, {errors} errors"


def json_report(api: str, strict: bool, checks: list[Check]) -> str:
    endpoints, objects, errors = totals(checks)
    return json.dumps({"api": api, "strict": strict, "checks": [asdict(c) for c in checks],
                       "endpoints": endpoints, "objects": objects, "errors": errors}, indent=2)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("url", help="server root, e.g. http://127.0.0.1:8080 (API at URL/api)")
    parser.add_argument("--schemas", type=Path, required=True,
                        help="the json-schema directory of icpc/ccs-specs")
    parser.add_argument("--user", help="HTTP Basic user (default: check as the public)")
    parser.add_argument("--password", help="HTTP Basic password")
    parser.add_argument("--contest", help="check only this contest (default: all listed)")
    parser.add_argument("--strict", action="store_true",
                        help="reject properties the spec does not define")
    parser.add_argument("--json", action="store_true", help="print a machine-readable report")
    parser.add_argument("--objects", type=int, default=20, metavar="N",
                        help="objects per collection to fetch by id (default: 20)")
    parser.add_argument("--feed-idle", type=float, default=3.0, metavar="SECONDS",
                        help="stop reading a feed that pauses this long (default: 3)")
    parser.add_argument("--timeout", type=float, default=30.0, metavar="SECONDS",
                        help="timeout of one request (default: 30)")
    args = parser.parse_args(argv)
    if args.password is not None and args.user is None:
        parser.error("--password needs --user")
    if not args.schemas.is_dir():
        parser.error(f"--schemas {args.schemas}: not a directory")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        schemas = Schemas.from_directory(args.schemas, args.strict)
    except (OSError, ValueError, CannotDetermineSpecification) as error:
        print(f"check_api: cannot read the schemas in {args.schemas}: {error}", file=sys.stderr)
        return 2
    missing = schemas.missing(NEEDED_SCHEMAS)
    if missing:
        print(f"check_api: {args.schemas} is not ccs-specs' json-schema directory: it lacks "
              + ", ".join(f"{m}.json" for m in missing), file=sys.stderr)
        return 2
    client = Client(args.url, args.user, args.password, args.timeout)
    checks: list[Check] = []
    for check in run(client, schemas, args.contest, args.objects, args.feed_idle):
        checks.append(check)
        if not args.json:
            print("\n".join(text_lines(check)), flush=True)
    print(json_report(client.base, args.strict, checks) if args.json else summary(checks))
    return 0 if totals(checks)[2] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
