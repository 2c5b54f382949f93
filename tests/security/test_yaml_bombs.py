"""Every YAML file Podium reads goes through one bounded loader: an alias bomb, a deep nesting
or a huge file is one clear error naming the file, and an error never shows a huge value."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from appliance.contest.package import ContestError, load_contest
from appliance.errors import PackageError
from appliance.problems.load import load_problem
from appliance.problems.yaml_files import MAX_CHARACTERS, parse_yaml
from tests.paths import PACKS, REPO

CONTESTS = REPO / "tests" / "fixtures" / "contests"


def alias_bomb(levels: int, key: str = "bomb") -> str:
    """A billion laughs: each level a list of nine aliases to the level before (652 bytes
    at nine levels)."""
    lines = [f'{key}0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for n in range(1, levels):
        lines.append(f"{key}{n}: &a{n} [" + ",".join([f"*a{n - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def test_an_alias_bomb_is_refused_before_it_is_built() -> None:
    with pytest.raises(yaml.YAMLError, match="expands to more than 2,097,152"):
        parse_yaml(alias_bomb(9))


def test_aliases_past_a_small_count_are_refused() -> None:
    text = "base: &b {x: 1}\n" + "".join(f"k{i}: *b\n" for i in range(101))
    with pytest.raises(yaml.YAMLError, match="more than 100 aliases"):
        parse_yaml(text)


def test_ordinary_aliases_and_merge_keys_still_read() -> None:
    text = "base: &b {x: 1}\nother:\n  <<: *b\n  y: 2\nsame: *b\n"
    assert parse_yaml(text) == {"base": {"x": 1}, "other": {"x": 1, "y": 2}, "same": {"x": 1}}


@pytest.mark.parametrize("text, said", [
    ("a: " + "[" * 10_000 + "]" * 10_000, "nested more than 64 deep"),
    ("a: &x [1, *x]", "an alias inside its own anchor"),
    ("a: '" + "x" * MAX_CHARACTERS + "'", "a YAML file may hold at most 1,048,576"),
], ids=["deep", "self", "huge"])
def test_a_hostile_yaml_shape_is_a_yaml_error(text: str, said: str) -> None:
    with pytest.raises(yaml.YAMLError, match=said):
        parse_yaml(text)


def package_with(tmp_path: Path, pack: str, file: str, text: str) -> Path:
    folder = tmp_path / pack
    shutil.copytree(PACKS / pack, folder)
    (folder / file).write_text(text)
    return folder


@pytest.mark.parametrize("pack, file", [
    ("sum", "problem.yaml"),
    ("sum", "data/secret/test_group.yaml"),
    ("reversegroups", "function.yaml"),
])
def test_a_package_file_holding_a_bomb_is_one_error_naming_it(tmp_path: Path, pack: str,
                                                               file: str) -> None:
    folder = package_with(tmp_path, pack, file, alias_bomb(8, key="x"))
    with pytest.raises(PackageError) as refused:
        load_problem(folder)
    message = str(refused.value)
    assert f"{file}: not valid YAML: expands to more than" in message
    assert len(message) < 5_000


def test_a_contest_yaml_holding_a_bomb_is_refused_naming_it(tmp_path: Path) -> None:
    folder = tmp_path / "legacy"
    shutil.copytree(CONTESTS / "legacy", folder)
    (folder / "contest.yaml").write_text(alias_bomb(9, key="name"))
    with pytest.raises(ContestError, match="contest.yaml: not valid YAML: expands to more"):
        load_contest(folder)


def test_an_error_never_shows_a_huge_value_whole(tmp_path: Path) -> None:
    huge = "x" * 200_000
    folder = package_with(tmp_path, "sum", "problem.yaml",
                          (PACKS / "sum" / "problem.yaml").read_text()
                          + f"keywords: [{huge}]\nsource: [{huge}, {huge}]\n")
    with pytest.raises(PackageError) as refused:
        load_problem(folder)
    assert "problem.yaml" in str(refused.value)
    assert len(str(refused.value)) < 5_000
