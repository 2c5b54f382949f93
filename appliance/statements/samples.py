"""The samples a statement shows and offers for download: a sample's input beside its
answer, or the package's `.interaction` transcript where it gives one. An interactive
problem shows transcripts only: its inputs are the interactor's secrets (the number to
guess), so they are never shown nor served.

The transcript format (problem package format, "Samples for interactive and multi-pass
problems"): lines starting with `<` are the judge's output to the submission, lines
starting with `>` the submission's output; a line `---` separates the passes of a
multi-pass problem."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from appliance.problems.load import Problem

JUDGE, PROGRAM, NEXT_PASS = "judge", "program", "pass"
_SPEAKERS = {"<": JUDGE, ">": PROGRAM}


@dataclass(frozen=True)
class Exchange:
    """What one side said in a row (its lines joined), or a pass boundary (`NEXT_PASS`)."""

    speaker: str
    text: str = ""


@dataclass(frozen=True)
class Sample:
    """One sample as a statement shows it: a transcript (`exchanges`) or `given` beside
    `expected`; `index` numbers the downloads (None: nothing to download)."""

    name: str
    given: str = ""
    expected: str = ""
    exchanges: tuple[Exchange, ...] = ()
    index: int | None = None


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
    """The samples the statement shows, in the package's order: per sample test its
    transcript if the package gives one, else its input and answer (downloadable); an
    interactive problem's transcripts alone, those without a test case too."""
    interactions = {path.stem: path for path in package.sample_interactions}
    if package.interactive:
        return [Sample(stem, exchanges=read_interaction(_text(path)))
                for stem, path in interactions.items()]
    samples = []
    for index, test in enumerate(_sample_tests(package)):
        name = test.name.rsplit("/", 1)[-1]
        if name in interactions:
            samples.append(Sample(name, exchanges=read_interaction(_text(interactions[name])),
                                  index=index))
        else:
            samples.append(Sample(name, _text(test.input), _text(test.answer), index=index))
    return samples


def sample_download(package: Problem, index: int, kind: str) -> tuple[str, Path] | None:
    """The `index`-th sample's input (`kind` "in") or answer ("ans") to download, as (the
    sample's name, its file); None when there is none to give: no such sample, or an
    interactive problem's (its input is the interactor's secret)."""
    samples = _sample_tests(package)
    if package.interactive or not 0 <= index < len(samples) or kind not in ("in", "ans"):
        return None
    test = samples[index]
    return test.name.rsplit("/", 1)[-1], test.input if kind == "in" else test.answer


def _sample_tests(package: Problem) -> list:
    return [t for t in package.tests if t.name.startswith("sample/")]


def _text(path: Path) -> str:
    return path.read_text(errors="replace")
