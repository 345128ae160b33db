"""The scratch copy of the package in which the switched solution is built.

The copy lives in `.build-mutation/package/` at the repository root (ignored by git, like every
`.build*` folder) and keeps its own `.build`, so a second run only recompiles the solution and
what links it. Files are written only when their content changed, which keeps SwiftPM's
incremental build honest about what to redo.
"""

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

SKIPPED = {".git", ".swiftpm", ".build", "Package.resolved"}
SWITCH_FILE = "__Mutant.swift"
_ERROR = re.compile(r"^(?P<path>/[^:\n]+\.swift):(?P<line>\d+):(?P<column>\d+): error: (?P<message>.*)$", re.M)


class ToolError(Exception):
    """The mutation run itself went wrong (not a survivor): the exit code is non-zero."""


@dataclass
class CompileError:
    path: Path
    line: int
    column: int
    message: str


class ScratchPackage:
    def __init__(self, repository: Path, scratch: Path):
        self.repository = repository
        self.root = scratch
        self.package = scratch / "package"

    def sync(self, overlay: dict[str, str]) -> None:
        """Mirrors the repository's working tree (sources only) into the scratch package, with
        the files of `overlay` (relative path → text) in place of, or beside, the originals."""
        self.package.mkdir(parents=True, exist_ok=True)
        wanted: set[Path] = {Path(p) for p in overlay}
        for relative, text in overlay.items():
            write_if_changed(self.package / relative, text.encode("utf-8"))
        for directory, names, files in os.walk(self.repository):
            here = Path(directory)
            names[:] = [n for n in names if not n.startswith(".") and n not in SKIPPED]
            relative = here.relative_to(self.repository)
            for name in files:
                path = relative / name
                if name in SKIPPED or path in wanted:
                    continue
                wanted.add(path)
                write_if_changed(self.package / path, (here / name).read_bytes())
        resolved = self.repository / "Package.resolved"
        if resolved.exists():
            write_if_changed(self.package / "Package.resolved", resolved.read_bytes())
        wanted.add(Path("Package.resolved"))
        for directory, names, files in os.walk(self.package):
            here = Path(directory)
            names[:] = [n for n in names if not n.startswith(".")]
            relative = here.relative_to(self.package)
            for name in files:
                if relative / name not in wanted:
                    (here / name).unlink()

    def build(self, product: str, log: Path) -> tuple[bool, str]:
        completed = subprocess.run(
            ["swift", "build", "--product", product], cwd=self.package,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )
        log.write_text(completed.stdout, encoding="utf-8")
        return completed.returncode == 0, completed.stdout

    def binary(self, product: str) -> Path:
        completed = subprocess.run(
            ["swift", "build", "--product", product, "--show-bin-path"], cwd=self.package,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        if completed.returncode != 0:
            raise ToolError(f"cannot find the build folder: {completed.stderr.strip()}")
        path = Path(completed.stdout.strip().splitlines()[-1]) / product
        if not path.exists():
            raise ToolError(f"the build did not produce {path}")
        return path


def compile_errors(output: str) -> list[CompileError]:
    return [CompileError(Path(m["path"]), int(m["line"]), int(m["column"]), m["message"])
            for m in _ERROR.finditer(output)]


def write_if_changed(path: Path, data: bytes) -> None:
    if path.exists() and path.read_bytes() == data:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def swift_available() -> bool:
    return shutil.which("swift") is not None
