"""Admitting a Docker engine (`podium engine add`): it must judge, and judge like the others.

Timings and verdicts must be comparable whichever engine judges a submission, so a new
engine is judged against the reference engine (the first registered one, else the local
engine): the version line of every language's toolchain, run in a sandbox on each, must be
the same, and a hello world must be accepted on the new one. Sandboxes bind-mount this
machine's /usr, blob folder and runner, so an engine that does not share this machine's
files fails the hello world, and is refused with that reason.
"""

from __future__ import annotations

import concurrent.futures
from collections.abc import Sequence
from dataclasses import dataclass

from appliance.config import Config
from appliance.judging.engines import engines, toolchain_mismatches
from appliance.store import Store
from judge.blobs import BlobStore
from judge.engines import engine_client
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
    with open_pool(config.sandbox, config.blobs_dir, CHECK_SLOTS, client) as pool:
        hello = check_language(pool, blobs, languages[0])
        if not hello.works:
            why = hello.judgement.error or hello.judgement.verdict.value
            raise AdmissionError(
                f"{url} cannot judge: a {languages[0].name} hello world got "
                f"{hello.judgement.verdict.value} ({why}). An engine must see this machine's "
                "toolchains (/usr), blob folder and runner at the same paths")
        versions = toolchain_versions(pool, blobs, languages)
    if reference[0] != url:
        with open_pool(config.sandbox, config.blobs_dir, CHECK_SLOTS,
                       engine_client(*reference)) as pool:
            expected = toolchain_versions(pool, blobs, languages)
        problems = toolchain_mismatches(expected, versions)
        if problems:
            raise AdmissionError(f"{url} is refused: its toolchains differ from those of "
                                 f"{reference[0]}, so timings would not be comparable:\n  "
                                 + "\n  ".join(problems))
    return Admission(url, slots or ncpu, versions)
