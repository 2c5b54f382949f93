"""2026-01's problem files in the Contest API: `statement` (the PDF statements) and
`attachments` (the files of the package's `attachments/`), each a FILE whose href serves the
file, valid against the spec's schemas, and as secret as the statement until the start."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

import pytest
from jsonschema import Draft202012Validator

from tests import paths
from tests.webserver import Client, as_user, make_contest, server_thread

PACKAGES = paths.FIXTURES / "packages" / "statement2025"
SCHEMAS = paths.FIXTURES / "clics-2026-01" / "json-schema"
_SPEC = importlib.util.spec_from_file_location("check_api", paths.REPO / "bench" / "check_api.py")
check_api = importlib.util.module_from_spec(_SPEC)
sys.modules.setdefault("check_api", check_api)
_SPEC.loader.exec_module(check_api)

PROBLEMS = ("sum", str(PACKAGES / "samples"), str(PACKAGES / "pdfonly"))


@pytest.fixture(scope="module")
def contest(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict, Path]]:
    data = tmp_path_factory.mktemp("problem-files")
    logins = make_contest(data, problems=PROBLEMS, teams=1)
    with server_thread(data) as base:
        yield base, logins, data


def problems(contest) -> dict[str, dict]:
    return {p["id"]: p for p in Client(contest[0]).get("/api/contests/test/problems").json()}


def test_attachments_are_listed_and_served_by_their_href(contest) -> None:
    listed = problems(contest)["samples"]["attachments"]
    assert [a["filename"] for a in listed] == ["notes é 1.txt", "testing_tool.py"]
    assert listed[1]["mime"] == "text/x-python"
    for ref in listed:
        reply = as_user(contest, "team001").get("/api/" + ref["href"])
        assert reply.status == 200, ref
        assert reply.body == (PACKAGES / "samples" / "attachments" /
                              unquote(ref["href"].rsplit("/", 1)[1])).read_bytes()
        assert reply.headers["Content-Disposition"].startswith("attachment;")
    assert "attachments" not in problems(contest)["sum"]


def test_a_pdf_statement_is_listed_and_served_by_its_href(contest) -> None:
    (ref,) = problems(contest)["pdfonly"]["statement"]
    assert ref == {"href": "contests/test/problems/pdfonly/statement/problem.en.pdf",
                   "filename": "problem.en.pdf", "mime": "application/pdf"}
    reply = Client(contest[0]).get("/api/" + ref["href"])
    assert reply.status == 200 and reply.headers["Content-Type"] == "application/pdf"
    assert reply.body == (PACKAGES / "pdfonly" / "statement" / "problem.en.pdf").read_bytes()
    assert "statement" not in problems(contest)["samples"]  # Markdown: shown, not a file


@pytest.mark.parametrize("path", ["samples/attachments/.hidden",
                                  "samples/attachments/templates",
                                  "samples/attachments/..%2Fproblem.yaml",
                                  "samples/statement/problem.en.md",
                                  "nope/attachments/testing_tool.py"])
def test_nothing_else_is_served(contest, path: str) -> None:
    assert as_user(contest, "team001").get(f"/api/contests/test/problems/{path}").status == 404


def test_the_files_validate_against_2026_01(contest) -> None:
    """`statement` against problem.json; `attachments`, which the spec's text gives (array of
    FILE ?) and its schema does not list yet, against common.json's `filerefsornull`."""
    schemas = check_api.Schemas.from_directory(SCHEMAS)
    refs = Draft202012Validator({"$ref": schemas.schemas["common"]["$id"] + "#/filerefsornull"},
                                registry=schemas.registry)
    for problem in problems(contest).values():
        assert not schemas.issues("problem", problem), problem
        assert not list(refs.iter_errors(problem.get("attachments"))), problem
    base, logins, _ = contest
    client = check_api.Client(base, "admin", logins["admin"], 30.0)
    checks = list(check_api.run(client, schemas, "test", limit=20, idle=1.0))
    failed = [line for check in checks if check.issues for line in check_api.text_lines(check)]
    assert not failed, "\n".join(failed)


def test_the_files_are_secret_until_the_start(tmp_path: Path) -> None:
    logins = make_contest(tmp_path, problems=PROBLEMS, teams=1, start=False)
    with server_thread(tmp_path) as base:
        served = (base, logins, tmp_path)
        attachment = "/api/contests/test/problems/samples/attachments/testing_tool.py"
        statement = "/api/contests/test/problems/pdfonly/statement/problem.en.pdf"
        for path in (attachment, statement):
            assert as_user(served, "team001").get(path).status == 404
            assert Client(base).get(path).status == 404
            assert as_user(served, "jury").get(path).status == 200
