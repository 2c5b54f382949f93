"""The samples a statement shows and offers for download: a sample's input beside its
answer, or the package's `.interaction` transcript where it gives one. An interactive
problem shows transcripts only: its inputs are the interactor's secrets (the number to
guess), so they are never shown nor served; only its `.in.download` / `.ans.download`
files, which the package writes for solvers, are offered.

Which file shows and which downloads (problem package format 2025-09, "Displaying test
cases" and "Downloading test cases"), beside a sample's `<name>.in`:
- shown: the input `.in.statement`, else `.in`; the answer `.ans.statement`, else `.out`,
  else `.ans`; a `.interaction` transcript instead of both;
- downloaded: the input `.in.download`, else `.in`; the answer `.ans.download`, else `.out`,
  else `.ans` (an interactive problem: the `.download` files alone).
Older formats have none of these files, so their samples show as before.

The transcript format ("Samples for interactive and multi-pass problems"): lines starting
with `<` are the judge's output to the submission, lines starting with `>` the submission's
output; a line `---` separates the passes of a multi-pass problem."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from appliance.problems.load import Problem
from appliance.problems.report import V2025

JUDGE, PROGRAM, NEXT_PASS = "judge", "program", "pass"
_SPEAKERS = {"<": JUDGE, ">": PROGRAM}
KINDS = ("in", "ans")  # what a sample offers for download: its input, its answer
# Per part, the files that may replace it for display: the format allows at most one.
_SHOWN_INSTEAD = {"in": (".in.statement", ".interaction"),
                  "ans": (".out", ".ans.statement", ".interaction")}
_DOWNLOADED_INSTEAD = {"in": (".in.download",), "ans": (".out", ".ans.download")}


@dataclass(frozen=True)
class Exchange:
    """What one side said in a row (its lines joined), or a pass boundary (`NEXT_PASS`)."""

    speaker: str
    text: str = ""


@dataclass(frozen=True)
class Sample:
    """One sample as a statement shows it: a transcript (`exchanges`) or `given` beside
    `expected`; `index` numbers its downloads, `downloads` names the ones it has ("in",
    "ans"; none: nothing to download)."""

    name: str
    given: str = ""
    expected: str = ""
    exchanges: tuple[Exchange, ...] = ()
    index: int | None = None
    downloads: tuple[str, ...] = ()


def read_interaction(text: str) -> tuple[Exchange, ...]:
    """A `.interaction` file as exchanges, consecutive lines of one side joined. A line
    that starts with neither `<` nor `>` continues the side before it (the judge's first)."""
    exchanges: list[Exchange] = []
    for line in text.splitlines():
        if line.strip() == "---":
            exchanges.append(Exchange(NEXT_PASS))
            continue
        speaker = _SPEAKERS.get(line[:1])
        said = line[1:] if speaker else line
        if speaker is None:
            if not line.strip():
                continue
            speaker = exchanges[-1].speaker if exchanges and exchanges[-1].speaker != \
                NEXT_PASS else JUDGE
        if exchanges and exchanges[-1].speaker == speaker:
            exchanges[-1] = Exchange(speaker, exchanges[-1].text + "\n" + said)
        else:
            exchanges.append(Exchange(speaker, said))
    return tuple(exchanges)


def statement_samples(package: Problem) -> list[Sample]:
    """The samples the statement shows, in the package's order: per sample its transcript
    if the package gives one, else its input and answer as shown (`.statement` files
    first); an interactive problem's transcripts alone, those without a test case too.
    Each offers what `sample_download` gives."""
    samples = []
    for index, (name, stem) in enumerate(_samples(package)):
        downloads = tuple(k for k in KINDS if _download(package, stem, k) is not None)
        interaction = _beside(stem, ".interaction")
        if interaction.is_file():
            samples.append(Sample(name, exchanges=read_interaction(_text(interaction)),
                                  index=index, downloads=downloads))
        else:
            samples.append(Sample(name, _text(_shown(stem, "in")), _text(_shown(stem, "ans")),
                                  index=index, downloads=downloads))
    return samples


def sample_download(package: Problem, index: int, kind: str) -> tuple[str, Path] | None:
    """The `index`-th sample's input (`kind` "in") or answer ("ans") to download, as (the
    sample's name, its file); None when there is none to give: no such sample, or an
    interactive problem's without a `.download` file (its input is the interactor's
    secret)."""
    samples = _samples(package)
    if not 0 <= index < len(samples) or kind not in KINDS:
        return None
    name, stem = samples[index]
    path = _download(package, stem, kind)
    return None if path is None else (name, path)


def sample_file_problems(package: Problem) -> list[str]:
    """What the format calls an error among the samples' display and download files: two
    files replacing one part, or a part replaced for display but not for download (or the
    other way round). Older formats have no such rule (nor `.download` files)."""
    if package.format_version != V2025:
        return []
    problems = []
    for _, stem in _samples(package):
        where = stem.relative_to(package.path).as_posix()
        for kind in KINDS:
            shown = [s for s in _SHOWN_INSTEAD[kind] if _beside(stem, s).is_file()]
            downloaded = [s for s in _DOWNLOADED_INSTEAD[kind] if _beside(stem, s).is_file()]
            for files, what in ((shown, "display"), (downloaded, "download")):
                if len(files) > 1:
                    problems.append(f"{where}: {' and '.join(files)} both replace the "
                                    f"{_PART[kind]} for {what}: keep one")
            if bool(shown) != bool(downloaded):
                has, lacks = ("display", "download") if shown else ("download", "display")
                problems.append(f"{where}: the {_PART[kind]} is replaced for {has} but not "
                                f"for {lacks}")
    return problems


_PART = {"in": "input", "ans": "answer"}


def _samples(package: Problem) -> list[tuple[str, Path]]:
    """(name, path without suffix) per sample the statement shows: an interactive
    problem's transcripts, else the sample tests."""
    if package.interactive:
        return [(path.stem, path.with_suffix("")) for path in package.sample_interactions]
    return [(test.name.rsplit("/", 1)[-1], test.input.with_suffix(""))
            for test in package.tests if test.name.startswith("sample/")]


def _beside(stem: Path, suffix: str) -> Path:
    return stem.with_name(stem.name + suffix)


def _shown(stem: Path, kind: str) -> Path:
    for suffix in _SHOWN_INSTEAD[kind]:
        if suffix != ".interaction" and _beside(stem, suffix).is_file():
            return _beside(stem, suffix)
    return _beside(stem, "." + kind)


def _download(package: Problem, stem: Path, kind: str) -> Path | None:
    instead = [_beside(stem, s) for s in _DOWNLOADED_INSTEAD[kind]]
    if package.interactive:  # the interactor's files are secrets; .out is not for it
        instead = [p for p in instead if p.name.endswith(".download")]
    else:
        instead.append(_beside(stem, "." + kind))
    return next((path for path in instead if path.is_file()), None)


def _text(path: Path) -> str:
    return path.read_text(errors="replace")
