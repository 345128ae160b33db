"""Runs `<chapter> check --solution --json` with one mutant switched on, under a real-time limit."""

import json
import os
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from scratch_package import ToolError
from switch_render import ENVIRONMENT_VARIABLE


@dataclass
class Verdict:
    mutant: int
    status: str  # "killed", "survived"
    reason: str = ""  # "checks", "timeout", "crash"
    failed: list[tuple[str, str]] = field(default_factory=list)  # (check id, status)
    seconds: float = 0.0


def run_checks(binary: Path, mutant: int, limit: float) -> Verdict:
    environment = dict(os.environ, **{ENVIRONMENT_VARIABLE: str(mutant), "NO_COLOR": "1"})
    started = time.monotonic()
    process = subprocess.Popen(
        [str(binary), "check", "--solution", "--json"], env=environment,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )
    try:
        out, err = process.communicate(timeout=limit)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)  # the run's own process group, nothing else
        process.communicate()
        return Verdict(mutant, "killed", "timeout", seconds=time.monotonic() - started)
    seconds = time.monotonic() - started
    if process.returncode < 0:
        name = signal.Signals(-process.returncode).name
        return Verdict(mutant, "killed", f"crash ({name})", seconds=seconds)
    try:
        report = json.loads(out)
        checks = report["checks"]
    except (ValueError, KeyError, TypeError):
        if process.returncode in (0, 1):
            raise ToolError(f"mutant {mutant}: the check command printed no JSON report "
                            f"(exit {process.returncode}): {err.strip()[:300]}")
        return Verdict(mutant, "killed", f"crash (exit {process.returncode})", seconds=seconds)
    failed = [(c["id"], c["status"]) for c in checks if c.get("status") != "pass"]
    if failed:
        return Verdict(mutant, "killed", "checks", failed, seconds)
    if process.returncode != 0:
        return Verdict(mutant, "killed", f"exit {process.returncode}", seconds=seconds)
    return Verdict(mutant, "survived", seconds=seconds)


def check_ids(binary: Path) -> list[str]:
    completed = subprocess.run([str(binary), "check", "--list"], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    if completed.returncode != 0:
        raise ToolError(f"`check --list` failed: {completed.stderr.strip()[:300]}")
    return [line.split("\t")[0] for line in completed.stdout.splitlines() if line.strip()]
