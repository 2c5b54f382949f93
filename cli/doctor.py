"""`podium doctor`: what on this machine makes timings untrustworthy, each with what to do,
then a calibration of how much the same program's CPU time varies, sandboxed and bare."""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

import click

from appliance.config import Config
from appliance.doctor.calibration import calibrate, slot_pools
from appliance.doctor.findings import FAIL
from appliance.doctor.machine import examine, pool_cpus
from cli.errors import failures
from cli.options import data_option, json_option, pool_size_option
from cli.report import print_calibration, print_findings, stdout_console
from judge.blobs import BlobStore
from judge.languages import load_languages


@click.command("doctor")
@json_option("Print one JSON object: the findings and the calibration.")
@click.option("--runs", type=click.IntRange(2, 100), default=5, show_default=True,
              help="Runs of the busy loop per slot and language.")
@click.option("--no-calibration", is_flag=True, help="Only the findings (a second or so).")
@pool_size_option
@data_option
def doctor_command(as_json: bool, runs: int, no_calibration: bool, pool_size: int | None,
                   data_dir: Path | None) -> None:
    """Check this machine for what makes timings untrustworthy, then calibrate. Exit 1 when
    a finding puts judging itself at risk (the engine, cgroups, the disk), else 0."""
    config = Config.build(data_dir=data_dir, pool_size=pool_size)
    findings = examine(config)
    calibration = None
    engine_ok = not any(f.key == "docker" and f.level == FAIL for f in findings)
    if not no_calibration and engine_ok:
        blobs = BlobStore(config.blobs_dir)
        with failures(), slot_pools(config.sandbox, config.blobs_dir,
                                    pool_cpus(config.pool_size)) as pools, \
                tempfile.TemporaryDirectory(prefix="podium-doctor-") as work:
            calibration = calibrate(pools, blobs, load_languages(), runs, Path(work))
    if as_json:
        click.echo(json.dumps({"findings": [f.to_json() for f in findings],
                               "calibration": calibration.to_json() if calibration else None}))
    else:
        console = stdout_console()
        print_findings(console, findings)
        if calibration is not None:
            print_calibration(console, calibration)
    if any(f.level == FAIL for f in findings):
        sys.exit(1)
