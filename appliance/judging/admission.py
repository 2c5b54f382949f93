"""Admitting a Docker engine (`podium engine add`): it must judge, and judge like the others.

Timings and verdicts must be comparable whichever engine judges a submission, so a new
engine is judged against the reference engine (the first registered one, else the local
engine): the version line of every language's toolchain, run in a sandbox on each, must be
the same, and a hello world must be accepted on the new one. The versions found are kept
with the engine; whenever it rejoins (after a restart, a crash, a network cut) it is checked
again the same way (`recheck`: the image, a hello world, every kept toolchain's version), and
refused while any differs. An engine reached over tcp:// or ssh:// shares nothing with this
machine: its sandboxes get the runner in the image and the data over the Docker API
(`judge.shipping`); only its own toolchains are bind-mounted.
"""

from __future__ import annotations

import concurrent.futures
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from appliance.config import Config
from appliance.judging.engines import engines, toolchain_mismatches
from appliance.store import Store
from judge.blobs import BlobStore
from judge.engines import engine_client, shares_files
from judge.errors import JudgeError
from judge.languages import Language
from judge.pool import DOCKER_ERRORS, Pool, open_pool
from judge.selftest import check_language, language_version

CHECK_SLOTS = 2  # sandboxes per engine while checking


class AdmissionError(JudgeError):
    """The engine is refused; the message says why (each differing language and version)."""


@dataclass(frozen=True)
class Admission:
    """An engine that passed: its slots (asked for, else its CPUs) and toolchains."""

    url: str
    slots: int
    versions: dict[str, str]


def toolchain_versions(pool: Pool, blobs: BlobStore,
                       languages: Sequence[Language]) -> dict[str, str]:
    """Each language's version line as the engine's sandboxes report it."""
    with concurrent.futures.ThreadPoolExecutor(pool.size) as workers:
        versions = workers.map(lambda lang: language_version(pool, blobs, lang), languages)
        return {lang.id: version for lang, version in zip(languages, versions, strict=True)}


def reference_engine(config: Config, store: Store) -> tuple[str, str | None]:
    """The engine a new one is compared with (url, certificates): the first registered one,
    else the first the configuration names (the local engine by default)."""
    known = engines(store)
    if known:
        return known[0].url, known[0].cert_path
    return config.engines[0].url, config.engines[0].cert_path


def admit(config: Config, url: str, cert_path: str | None, slots: int | None,
          reference: tuple[str, str | None], languages: Sequence[Language]) -> Admission:
    """Check the engine at `url` against the `reference` engine (url, certificates)."""
    blobs = BlobStore(config.blobs_dir)
    try:
        client = engine_client(url, cert_path)
        ncpu = int(client.info().get("NCPU") or 1)
    except DOCKER_ERRORS as exc:
        raise AdmissionError(f"the Docker engine at {url} does not answer: {exc}") from exc
    with open_pool(config.sandbox, config.blobs_dir, CHECK_SLOTS, client,
                   shipped=not shares_files(url)) as pool:
        problem = hello_problem(pool, blobs, languages[0])
        if problem:
            raise AdmissionError(f"{url} cannot judge: {problem}")
        versions = toolchain_versions(pool, blobs, languages)
    if reference[0] != url:
        with open_pool(config.sandbox, config.blobs_dir, CHECK_SLOTS,
                       engine_client(*reference), shipped=not shares_files(reference[0])
                       ) as pool:
            expected = toolchain_versions(pool, blobs, languages)
        problems = toolchain_mismatches(expected, versions)
        if problems:
            raise AdmissionError(f"{url} is refused: its toolchains differ from those of "
                                 f"{reference[0]}, so timings would not be comparable:\n  "
                                 + "\n  ".join(problems))
    return Admission(url, slots or ncpu, versions)


def hello_problem(pool: Pool, blobs: BlobStore, language: Language) -> str:
    """Why a hello world in `language` is not accepted on the pool's engine ("" if it is)."""
    hello = check_language(pool, blobs, language)
    if hello.works:
        return ""
    judgement = hello.judgement
    why = hello.precompiled or judgement.error or judgement.compile_output or "no error said"
    return (f"a {language.name} hello world got {hello.judgement.verdict.value} "
            f"({why.strip()[:300]}); its toolchains (/usr, as `install.sh --judge-host` sets "
            "them up) must be installed on the engine's host")


def recheck(pool: Pool, blobs: BlobStore, languages: Sequence[Language],
            kept: Mapping[str, str]) -> str | None:
    """Why an engine that rejoins may not judge (None when it may): a hello world must be
    accepted, and every toolchain version kept when it was added must be the same now."""
    checked = [lang for lang in languages if lang.id in kept]
    if not checked:
        return None
    problem = hello_problem(pool, blobs, checked[0])
    if problem:
        return f"refused on rejoining: {problem}"
    now = toolchain_versions(pool, blobs, checked)
    problems = toolchain_mismatches({lang.id: kept[lang.id] for lang in checked}, now,
                                    theirs_is="on the engine now", ours_is="when it was added")
    if problems:
        return ("refused on rejoining: its toolchains changed since it was added, so timings "
                "would not be comparable: " + "; ".join(problems)
                + " (podium engine add it again to accept them)")
    return None
