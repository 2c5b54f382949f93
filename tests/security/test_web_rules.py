"""Issue 18 item 10's rules, pure: user names (compared case and width aside, refused with
invisible characters), problem colours checked at import, what an account without a team
sees, where a login may go next, which names of the statement folder are files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from appliance.accounts import username_fault, username_key
from appliance.clics.colours import css_colour
from appliance.contest.package import ContestError, load_contest
from appliance.contest.visibility import Owner, Viewer, sees_clarification, sees_owned
from tests import paths
from web.downloads import file_in
from web.pages import local_path

CLICS = paths.FIXTURES / "contests" / "clics"


def faults(tmp_path: Path, name: str, text: str) -> list[str]:
    root = tmp_path / "contest"
    shutil.copytree(CLICS, root)
    (root / name).write_text(text, encoding="utf-8")
    with pytest.raises(ContestError) as caught:
        load_contest(root)
    return list(caught.value.problems)


def test_a_colour_that_is_css_is_refused_at_import(tmp_path: Path) -> None:
    text = (CLICS / "problems.yaml").read_text().replace("'#ff0000'", "'red; position: fixed'")
    (found,) = [p for p in faults(tmp_path, "problems.yaml", text) if "rgb" in p]
    assert "is not a colour" in found
    assert [css_colour(v) for v in ("#ABCDEF", "#fff", "red", "#ff0000;x", None)] == [
        "#ABCDEF", "#fff", "#888", "#888", "#888"]


@pytest.mark.parametrize("second", ["Admin", "ADMIN", "\uff41dmin"])
def test_user_names_differing_in_case_or_width_are_one(tmp_path: Path, second: str) -> None:
    text = (CLICS / "accounts.yaml").read_text() + (
        f"- id: other\n  username: {second}\n  password: x\n  type: judge\n")
    assert any("is given twice" in p for p in faults(tmp_path, "accounts.yaml", text))


@pytest.mark.parametrize("bad", ["ad\u200bmin2", "\u202eadmin2", "admin\u00002", "adm\tin2"])
def test_user_names_with_invisible_or_control_characters_are_refused(
        tmp_path: Path, bad: str) -> None:
    text = (CLICS / "accounts.yaml").read_text() + (
        f'- id: other\n  username: "{bad.encode("unicode_escape").decode()}"\n'
        "  password: x\n  type: judge\n")
    assert any("username" in p and "character (U+" in p
               for p in faults(tmp_path, "accounts.yaml", text))
    assert username_fault(bad)
    assert username_fault("Zoë") is None and username_key("ZOË") == username_key("zoë")


def test_an_account_without_a_team_sees_no_private_clarification_nor_pending_run() -> None:
    analyst = Viewer.account("a", "analyst", None)
    assert not sees_clarification(analyst, None, "t1")  # the jury's answer to one team
    assert not sees_clarification(analyst, "t1", None)  # a team's question
    assert sees_clarification(analyst, None, None)  # to everyone
    assert not sees_owned(analyst, Owner("t1", pending=True))
    assert not sees_owned(analyst, None)
    team = Viewer.account("u", "team", "t1")
    assert sees_clarification(team, None, "t1") and sees_owned(team, Owner("t1"))


@pytest.mark.parametrize("target", ["/\t/evil", "/%09/evil", "//evil", "/\\evil", "/%5cevil",
                                    "/%2F/evil", "http://evil", "evil", "/a\nb", "/a\u202eb"])
def test_a_login_goes_next_only_to_a_local_path(target: str) -> None:
    assert local_path(target) == "/problems"


def test_a_local_path_is_kept() -> None:
    assert [local_path(t) for t in ("/", "/submit?problem=sum", "/problems/sum/")] == [
        "/", "/submit?problem=sum", "/problems/sum/"]


def test_only_a_plain_name_inside_the_folder_is_a_file(tmp_path: Path) -> None:
    folder = tmp_path / "statement"
    folder.mkdir()
    (folder / "a.png").write_bytes(b"x")
    (tmp_path / "b.png").write_bytes(b"x")
    (folder / "link.png").symlink_to(tmp_path / "b.png")
    assert file_in(folder, "a.png") == (folder / "a.png").resolve()
    for name in (str(tmp_path / "b.png"), "../b.png", "link.png", ".a.png", "a.png\0",
                 "..", "", "sub\\a.png"):
        assert file_in(folder, name) is None, name
