"""A team's location read from teams.json (DOMjudge's `room`, CLICS's `location` object) on
import, kept as the seat the runners and printouts show, and written back on export; a
location Podium cannot read is refused naming the file and key."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from click.testing import CliRunner

from appliance.floor.location import location_fields, location_of, location_refusal
from cli.main import main
from tests.appliance.contest.test_setup import contest_package


def test_a_room_is_kept_as_it_is_and_written_back_as_a_room() -> None:
    assert location_of({"room": " B-12 "}) == "B-12"
    assert location_fields("B-12") == {"room": "B-12"}


def test_clics_coordinates_read_as_text_and_back() -> None:
    kept = location_of({"location": {"x": 12, "y": 3.5, "rotation": 90}})
    assert kept == "x=12 y=3.5 rotation=90"
    assert location_fields(kept) == {"location": {"x": 12.0, "y": 3.5, "rotation": 90.0}}
    assert location_fields(None) == {}


def test_a_location_podium_cannot_read_is_refused() -> None:
    assert location_refusal({"room": 12}) == ("room", "must be a text, not 12")
    assert location_refusal({"location": "B-12"})[0] == "location"
    assert "rotation must be 0 to 360" in location_refusal(
        {"location": {"x": 1, "y": 2, "rotation": 400}})[1]
    assert location_refusal({"location": {"x": 1, "y": 2, "rotation": 0}}) is None


def _teams(package: Path, edit) -> None:
    path = package / "teams.json"
    teams = json.loads(path.read_text())
    edit(teams)
    path.write_text(json.dumps(teams))


def test_import_reads_locations_and_export_writes_them(tmp_path: Path) -> None:
    package = contest_package(tmp_path / "c")

    def seat(teams: list[dict]) -> None:
        teams[0]["room"] = "B-12"
        teams[1]["location"] = {"x": 4, "y": 7, "rotation": 180}
    _teams(package, seat)
    data = tmp_path / "data"
    runner = CliRunner()
    done = runner.invoke(main, ["contest", "import", str(package), "--data", str(data)])
    assert done.exit_code == 0, done.output
    out = tmp_path / "out.zip"
    done = runner.invoke(main, ["export", "spring24", "--out", str(out), "--data", str(data)])
    assert done.exit_code == 0, done.output
    with zipfile.ZipFile(out) as z:
        teams = json.loads(z.read("teams.json"))
    assert [t.get("room") for t in teams] == ["B-12", None]
    assert teams[1]["location"] == {"x": 4.0, "y": 7.0, "rotation": 180.0}


def test_a_bad_location_names_the_file_and_key(tmp_path: Path) -> None:
    package = contest_package(tmp_path / "c")
    _teams(package, lambda teams: teams[0].update(location={"x": 1}))
    done = CliRunner().invoke(main, ["contest", "import", str(package), "--data",
                                     str(tmp_path / "data")])
    assert done.exit_code != 0
    assert "teams.json" in done.output and "location" in done.output
