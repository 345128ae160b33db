"""The committed list of survivors shown equivalent to the solution, which the score leaves out.

One entry a line: the mutant's key as the report prints it, ` => `, and why no correct check can
tell the mutant from the solution. Blank lines and lines starting with `#` are ignored.
"""

from pathlib import Path

from scratch_package import ToolError

SEPARATOR = " => "


def load_equivalents(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    entries: dict[str, str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, separator, reason = line.partition(SEPARATOR)
        if not separator or not key.strip() or not reason.strip():
            raise ToolError(f"{path.name}:{number}: expected `key{SEPARATOR}reason`")
        entries[key.strip()] = reason.strip()
    return entries
