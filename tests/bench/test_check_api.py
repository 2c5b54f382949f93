"""bench/check_api.py without a server: schemas from a tiny fake spec, NDJSON, since_token.

The real CLICS schemas are not in the project, so a pair of fake ones with the spec's `$id`
scheme and relative refs stands in for them.
"""

from __future__ import annotations

import importlib.util
import json
import queue
import sys
from pathlib import Path

import pytest

from tests import paths

PATH = paths.REPO / "bench" / "check_api.py"
SPEC = importlib.util.spec_from_file_location("check_api", PATH)
check_api = importlib.util.module_from_spec(SPEC)
sys.modules["check_api"] = check_api  # dataclasses look their module up while being built
SPEC.loader.exec_module(check_api)

BASE = "https://github.com/icpc/ccs-specs/raw/master/json-schema/"
ANCHOR = check_api.STRICT_ANCHOR
COMMON = {
    "$id": BASE + "common.json",
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "identifier": {"type": "string", "pattern": "^[a-z0-9]+$"},
}
THING = {
    "$id": BASE + "thing.json",
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "properties": {"id": {"$ref": "common.json#/identifier"}, "name": {"type": "string"}},
    "required": ["id", "name"],
    "$comment": ANCHOR,
}
THINGS = {
    "$id": BASE + "things.json",
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "array",
    "items": {"$ref": "thing.json#"},
}
EVENT = {
    "$id": BASE + "event-feed.json",
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "properties": {
        "type": {"type": "string"},
        "id": {"oneOf": [{"$ref": "common.json#/identifier"}, {"type": "null"}]},
        "data": {"anyOf": [{"$ref": "thing.json#"}, {"$ref": "things.json#"}, {"type": "null"}]},
    },
    "required": ["type", "id", "data"],
    "$comment": ANCHOR,
}


@pytest.fixture
def schema_dir(tmp_path: Path) -> Path:
    for name, schema in [("common", COMMON), ("thing", THING), ("things", THINGS),
                         ("event-feed", EVENT)]:
        (tmp_path / f"{name}.json").write_text(json.dumps(schema))
    return tmp_path


@pytest.fixture
def schemas(schema_dir: Path):
    return check_api.Schemas.from_directory(schema_dir)


def test_registry_is_keyed_by_id(schema_dir: Path) -> None:
    loaded = check_api.load_schemas(schema_dir)
    registry = check_api.build_registry(loaded.values())
    assert registry[BASE + "common.json"].contents["identifier"]["pattern"] == "^[a-z0-9]+$"


def test_valid_object_passes_through_the_relative_ref(schemas) -> None:
    assert schemas.issues("thing", {"id": "t1", "name": "One"}) == []
    assert schemas.issues("things", [{"id": "t1", "name": "One"}]) == []


def test_invalid_object_fails_with_its_path(schemas) -> None:
    [issue] = schemas.issues("things", [{"id": "t1", "name": "One"}, {"id": "T 2", "name": "x"}])
    assert issue.where == "$[1].id"
    assert "does not match" in issue.message


def test_missing_property_and_wrong_type(schemas) -> None:
    issues = schemas.issues("thing", {"id": "t1", "name": 3}, where="t1 ")
    assert [(i.where, i.message) for i in issues] == [("t1 $.name", "3 is not of type 'string'")]
    [issue] = schemas.issues("thing", {"id": "t1"})
    assert issue.where == "$" and "'name' is a required property" in issue.message


def test_strict_rejects_an_extra_property(schema_dir: Path) -> None:
    extra = {"id": "t1", "name": "One", "colour": "red"}
    assert check_api.Schemas.from_directory(schema_dir).issues("thing", extra) == []
    strict = check_api.Schemas.from_directory(schema_dir, strict=True)
    [issue] = strict.issues("things", [extra])
    assert issue.where == "$[0]" and "'colour' was unexpected" in issue.message
    assert json.loads((schema_dir / "thing.json").read_text()) == THING  # the files stay


def test_make_strict_only_touches_anchored_objects() -> None:
    schema = {"a": {"$comment": ANCHOR}, "b": [{"$comment": "other"}]}
    assert check_api.make_strict(schema) == {
        "a": {"$comment": ANCHOR, "additionalProperties": False},
        "b": [{"$comment": "other"}],
    }
    assert schema["a"] == {"$comment": ANCHOR}


def test_missing_schemas_are_named(schemas) -> None:
    assert schemas.missing(["thing", "scoreboard", "common"]) == ["scoreboard"]


def test_ndjson_skips_blank_lines_and_reports_bad_ones() -> None:
    lines = [b'{"type": "teams", "id": "t1", "data": null}', b"", b"  ", b"{not json", b"[1]", b""]
    events, issues = check_api.parse_ndjson(lines)
    assert events == [(1, {"type": "teams", "id": "t1", "data": None}), (5, [1])]
    assert [issue.where for issue in issues] == ["line 4"]


def test_event_data_is_checked_against_its_type(schemas, monkeypatch) -> None:
    monkeypatch.setattr(check_api, "EVENT_SCHEMAS", {"things": ("thing", "things")})
    good = {"type": "things", "id": "t1", "data": {"id": "t1", "name": "One"}}
    assert check_api.event_issues(schemas, good, "line 1: ") == []
    collection = {"type": "things", "id": None, "data": [{"id": "t1", "name": "One"}]}
    assert check_api.event_issues(schemas, collection, "line 2: ") == []
    bad = {"type": "things", "id": "t1", "data": {"id": "t2", "name": 5}}
    assert [i.where for i in check_api.event_issues(schemas, bad, "line 3: ")] == [
        "line 3: $.data.name", "line 3: $.data.id"]


def feed(tokens: str) -> list[dict]:
    return [{"type": "teams", "id": token, "data": None, "token": token} for token in tokens]


def test_middle_token() -> None:
    assert check_api.middle_token(feed("abcde")) == "c"
    assert check_api.middle_token([{"type": "state", "id": None, "data": None}]) is None


def test_since_token_suffix_matches() -> None:
    full = feed("abcde")
    assert check_api.suffix_issues(full, "b", full[2:]) == []
    assert check_api.suffix_issues(full, "e", []) == []


def test_since_token_suffix_mismatch_is_caught() -> None:
    full = feed("abcde")
    [skipped] = check_api.suffix_issues(full, "b", full[3:])
    assert skipped.where == "event 1 after the token" and "teams \"d\"" in skipped.message
    [short] = check_api.suffix_issues(full, "b", full[2:4])
    assert "missing" in short.message
    [long] = check_api.suffix_issues(full, "b", full[2:] + feed("f"))
    assert "more than" in long.message
    changed = full[2:]
    changed[1] = {**changed[1], "data": {"id": "d"}}
    [differs] = check_api.suffix_issues(full, "b", changed)
    assert differs.where == "event 2 after the token" and "data" in differs.message
    [unknown] = check_api.suffix_issues(full, "z", full)
    assert "not in the full feed" in unknown.message


def test_feed_reading_stops_at_an_idle_gap() -> None:
    lines: queue.Queue = queue.Queue()
    for line in [b'{"a": 1}\n', b"\n"]:
        lines.put(line)
    assert check_api.read_lines(lines, idle=0.05) == (b'{"a": 1}\n\n', True)
    lines.put(b'{"b": 2}\n')
    lines.put(None)
    assert check_api.read_lines(lines, idle=5) == (b'{"b": 2}\n', False)


def test_refusals() -> None:
    reply = check_api.Reply
    assert check_api.refused("x", reply(200), core=True) is None
    assert check_api.refused("x", reply(404), core=False).status == "skip"
    assert check_api.refused("x", reply(404), core=True).status == "FAIL"
    assert check_api.refused("x", reply(403), core=True).note == "not visible (403)"
    assert check_api.refused("x", reply(0, error="no answer"), core=False).status == "FAIL"
    assert check_api.refused("x", reply(401), core=False).status == "skip"
    wrong_password = check_api.refused("x", reply(401), core=False, authed=True)
    assert wrong_password.status == "FAIL" and "credentials" in wrong_password.issues[0].message


def test_report_caps_messages_and_counts() -> None:
    issues = [check_api.Issue(f"$[{n}]", "bad") for n in range(13)]
    failed = check_api.Check("FAIL", "/api/contests/c/teams", 13, "", issues)
    lines = check_api.text_lines(failed)
    assert lines[0].startswith("FAIL  /api/contests/c/teams") and "13 errors" in lines[0]
    assert len(lines) == 1 + 10 + 1 and lines[-1].strip() == "... and 3 more"
    checks = [failed, check_api.Check("ok", "/api", 1), check_api.Check("skip", "/api/x")]
    assert check_api.summary(checks) == "2 endpoints, 14 objects checked, 13 errors"
    assert json.loads(check_api.json_report("u", False, checks))["errors"] == 13
