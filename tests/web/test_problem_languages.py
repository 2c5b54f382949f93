"""A problem whose problem.yaml names its `languages`: the submit form offers only those
(the page's `offered` list, as for a function problem), and a submission in another is
refused at once with the rule, never with the server's paths."""

from __future__ import annotations

import json
import re
import shutil
import urllib.parse
from collections.abc import Iterator

import pytest

from tests.webserver import PACKS, Client, make_contest, server_thread


@pytest.fixture(scope="module")
def contest(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict]]:
    packs = tmp_path_factory.mktemp("packs")
    only_cpp = packs / "onlycpp"
    shutil.copytree(PACKS / "sum", only_cpp)
    yaml = only_cpp / "problem.yaml"
    yaml.write_text(yaml.read_text().replace("problem_format_version: 2023-07-draft",
                                             "problem_format_version: 2023-07")
                    + "languages: [cpp]\n")
    data = tmp_path_factory.mktemp("problem-languages")
    logins = make_contest(data, problems=("sum", str(only_cpp)), teams=1)
    with server_thread(data) as base:
        yield base, logins


def test_the_form_offers_only_the_languages_problem_yaml_names(contest) -> None:
    base, logins = contest
    team = Client(base)
    assert team.login("team001", logins["team001"]).status == 303
    page = team.get("/submit").text
    offered = json.loads(re.search(r'id="offered">([^<]*)<', page).group(1))
    assert offered == {"onlycpp": ["cpp", "cpp17"]}  # sum takes every language: not listed


def test_another_language_is_refused_naming_the_rule_not_a_path(contest) -> None:
    base, logins = contest
    team = Client(base)
    assert team.login("team001", logins["team001"]).status == 303
    reply = team.request("POST", "/submit", urllib.parse.urlencode(
        {"csrf": team.csrf(), "problem": "onlycpp", "language": "python3",
         "code": "print(sum(map(int, input().split())))\n"}
    ).encode(), {"Content-Type": "application/x-www-form-urlencoded"})
    assert reply.status == 400
    said = re.search(r'id="submit-error">([^<]*)<', reply.text).group(1)
    assert said == ("submission refused: problem.yaml: languages: this problem takes cpp, "
                    "not &#39;python3&#39;")
