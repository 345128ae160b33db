#!/usr/bin/env python3
"""Mutation testing of a chapter's checks: how many small faults in the reference solution do
the checks catch?

    python3 scripts/mutation/mutate.py ch11-state [--json report.json] [--timeout 20] [--jobs 1]

Every mutant of solutions/<chapter>/ is switched into one scratch build (.build-mutation/); then
`<chapter> check --solution --json` runs once per mutant with LAB_MUTANT=N. See README.md here.
Exit status: 0 when the run completed (survivors are a finding, not an error), 1 on a tool error,
2 on a usage error.
"""

import argparse
import json
import signal
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from check_runs import Verdict, check_ids, run_checks  # noqa: E402
from equivalents import load_equivalents  # noqa: E402
from mutation_plan import plan_chapter  # noqa: E402
from mutation_sites import Mutant  # noqa: E402
from scratch_package import SWITCH_FILE, ScratchPackage, ToolError, compile_errors, swift_available  # noqa: E402
from swift_tokens import TokenizeError  # noqa: E402
from switch_render import mutant_at, switch_file_text  # noqa: E402

HERE = Path(__file__).resolve().parent
REPOSITORY = HERE.parent.parent
MAX_BUILDS = 20
WRAPPER_KINDS = ("drop", "swap", "return")
# Errors about the flow of control: reported where the flow ends, not at the mutant's code.
FLOW_ERRORS = ("before being initialized", "initialized once", "missing return", "must not fall through",
               "captured by a closure before", "used before", "is not initialized")


def main(argv: list[str]) -> int:
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `mutate.py --list | head` ends quietly
    args = parse_arguments(argv)
    try:
        return run(args)
    except (ToolError, TokenizeError, OSError) as error:
        print(f"mutate: {error}", file=sys.stderr)
        return 1


def parse_arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="mutate.py",
        description="Mutation testing of a chapter's checks. Makes small faults (mutants) in the "
                    "reference solution solutions/CHAPTER/, builds them all into one binary behind "
                    "a switch, runs `CHAPTER check --solution --json` once per mutant, and prints "
                    "which mutants the checks killed and which survived.",
        epilog="Survivors that cannot be told apart from the solution by any correct check go in "
               "scripts/mutation/equivalent-CHAPTER.txt (`key => reason`, one a line); they do not "
               "count against the score. Exit status: 0 when the run completed, whatever the score; "
               "1 when the tool itself failed; 2 for a usage error.",
    )
    parser.add_argument("chapter", help="the chapter, as in solutions/CHAPTER/ and the executable CHAPTER, "
                                        "such as ch11-state")
    parser.add_argument("--json", metavar="FILE", type=Path, help="also write the results as JSON to FILE")
    parser.add_argument("--timeout", metavar="SECONDS", type=float, default=20.0,
                        help="real-time limit for one mutant's check run; a run killed at the limit "
                             "counts as killed (timeout). Default: 20")
    parser.add_argument("--jobs", metavar="N", type=int, default=1,
                        help="check runs at once (default 1: the checks have real-time limits of their own)")
    parser.add_argument("--only", metavar="IDS", help="run only these mutants, such as 3,17,40-45 "
                                                      "(all are still built)")
    parser.add_argument("--list", action="store_true", help="list the mutants and stop (no build)")
    parser.add_argument("--package", metavar="DIR", type=Path, default=REPOSITORY,
                        help="the package to mutate (default: the repository holding this script)")
    parser.add_argument("--scratch", metavar="DIR", type=Path,
                        help="where the switched copy is built (default: PACKAGE/.build-mutation)")
    parser.add_argument("--equivalents", metavar="FILE", type=Path,
                        help="the equivalent-mutant file (default scripts/mutation/equivalent-CHAPTER.txt)")
    args = parser.parse_args(argv)
    if args.jobs < 1 or args.timeout <= 0:
        parser.error("--jobs and --timeout must be positive")
    return args


def run(args: argparse.Namespace) -> int:
    started = time.monotonic()
    chapter = args.chapter
    package = args.package.resolve()
    solution = package / "solutions" / chapter
    if not solution.is_dir():
        raise ToolError(f"no solution folder solutions/{chapter}/ in {package}: the chapter must be laid out "
                        "as solutions/<chapter>/*.swift")
    plans, mutants = plan_chapter(solution)
    by_id = {m.id: m for m in mutants}
    selected = parse_ids(args.only, by_id) if args.only else set(by_id)
    if args.list:
        for m in (m for m in mutants if m.id in selected):
            print(f"{m.id:4}  {m.file + ':' + str(m.line):24}  {m.kind:8}  {m.key}")
        print(f"{len(mutants)} mutants in {len(plans)} files")
        return 0
    equivalents_path = args.equivalents or HERE / f"equivalent-{chapter}.txt"
    equivalents = load_equivalents(equivalents_path)
    if not swift_available():
        raise ToolError("`swift` is not on PATH")

    scratch = ScratchPackage(package, (args.scratch or package / ".build-mutation").resolve())
    enabled = set(by_id)
    pruned: dict[int, str] = {}
    build_started = time.monotonic()
    builds = build_switched(scratch, chapter, plans, by_id, enabled, pruned)
    build_seconds = time.monotonic() - build_started
    binary = scratch.binary(chapter)

    baseline = run_checks(binary, 0, args.timeout)
    if baseline.status != "survived":
        failed = ", ".join(f"{i} ({s})" for i, s in baseline.failed) or baseline.reason
        raise ToolError(f"the checks do not all pass on the unmutated solution: {failed}")
    total_checks = len(check_ids(binary))

    to_run = [m for m in mutants if m.id in enabled and m.id in selected]
    runs_started = time.monotonic()
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        verdicts = list(pool.map(lambda m: run_checks(binary, m.id, args.timeout), to_run))
    runs_seconds = time.monotonic() - runs_started

    results = summarize(to_run, verdicts, equivalents, pruned, by_id)
    results.update(chapter=chapter, files=len(plans), checks=total_checks, builds=builds,
                   build_seconds=round(build_seconds, 1), run_seconds=round(runs_seconds, 1),
                   wall_seconds=round(time.monotonic() - started, 1))
    print_report(results, equivalents_path)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


def build_switched(scratch, chapter, plans, by_id, enabled, pruned) -> int:
    """Builds the chapter with every enabled mutant switched in; drops mutants that do not compile.

    A type error inside a mutant's own code names that mutant. A control-flow error (a value
    used before it is set, a missing return) is reported where the flow ends, not where the
    mutant is: the wrapping mutants of that function are bisected, a few warm builds of seconds.
    """
    builds = 0
    log = scratch.root / "build.log"

    def attempt(active: set[int]):
        nonlocal builds
        if builds >= MAX_BUILDS:
            raise ToolError(f"the switched build still fails after {MAX_BUILDS} builds; see {log}")
        builds += 1
        rendered = write_switched(scratch, chapter, plans, active)
        print(f"building {chapter} with {len(active)} mutants switched in (build {builds}) …",
              file=sys.stderr, flush=True)
        ok, output = scratch.build(chapter, log)
        return ok, ([] if ok else attributed_errors(compile_errors(output), rendered, scratch, active, log))

    ok, errors = attempt(enabled)
    while not ok:
        culprits = {m: e.message for m, e, flow in errors if m is not None and not flow}
        if not culprits:
            first = next(e for _, e, _ in errors)
            culprits = bisect_flow_error(first, errors, by_id, enabled, attempt)
        for mutant, message in culprits.items():
            enabled.discard(mutant)
            pruned[mutant] = message
            print(f"  not compiling, dropped: {by_id[mutant].key} ({message})", file=sys.stderr)
        ok, errors = attempt(enabled)
    return builds


def write_switched(scratch, chapter, plans, active: set[int]) -> dict:
    overlay, rendered = {}, {}
    for plan in plans:
        relative = f"solutions/{chapter}/{plan.name}"
        text, regions = plan.render(active)
        overlay[relative] = text
        rendered[relative] = (plan, text, regions)
    overlay[f"solutions/{chapter}/{SWITCH_FILE}"] = switch_file_text()
    scratch.sync(overlay)
    return rendered


def attributed_errors(errors, rendered, scratch, active, log):
    """Each compile error with the mutant whose own code it is in (or None) and whether it is a
    control-flow error."""
    if not errors:
        raise ToolError(f"the switched build failed without a compile error; see {log}")
    result = []
    for error in errors:
        try:
            relative = error.path.resolve().relative_to(scratch.package.resolve()).as_posix()
        except ValueError:
            relative = ""
        if relative not in rendered:
            raise ToolError(f"the switched build failed outside the solution ({error.path}:{error.line}: "
                            f"{error.message}); see {log}")
        plan, text, regions = rendered[relative]
        error.plan = plan
        mutant = mutant_at(regions, offset_of(text, error.line, error.column))
        flow = any(p in error.message for p in FLOW_ERRORS)
        result.append((mutant if mutant in active else None, error, flow))
    return result


def bisect_flow_error(error, errors, by_id, enabled, attempt) -> dict[int, str]:
    """Finds the wrapping mutant behind a control-flow error by building with halves of the
    suspects switched off."""
    function = function_at(error.plan, error.line)
    suspects = sorted(m.id for m in by_id.values() if m.id in enabled and m.file == error.plan.name
                      and m.function == function and m.kind in WRAPPER_KINDS)
    if not suspects:
        raise ToolError(f"cannot tell which mutant breaks the build ({error.path.name}:{error.line}: "
                        f"{error.message})")

    def fails_with(subset: list[int]) -> bool:
        ok, found = attempt((enabled - set(suspects)) | set(subset))
        return not ok and any(e.message == error.message for _, e, _ in found)

    remaining = suspects
    while len(remaining) > 1:
        half = remaining[: len(remaining) // 2]
        remaining = half if fails_with(half) else remaining[len(half):]
    return {remaining[0]: f"{error.message} (found by bisection)"}


def offset_of(text: str, line: int, column: int) -> int:
    lines = text.split("\n")
    return sum(len(x) + 1 for x in lines[: line - 1]) + column - 1


def function_at(plan, line: int) -> str:
    """The top-level function around `line` (switched lines match the original ones closely)."""
    best = "top level"
    for site in plan.sites:
        for m in site.mutants:
            if m.line <= line:
                best = m.function
    return best


def parse_ids(text: str, by_id: dict[int, Mutant]) -> set[int]:
    ids: set[int] = set()
    for part in text.split(","):
        part = part.strip()
        try:
            low, _, high = part.partition("-")
            ids.update(range(int(low), int(high or low) + 1))
        except ValueError:
            raise ToolError(f"--only: {part!r} is not a mutant id or range") from None
    unknown = sorted(i for i in ids if i not in by_id)
    if unknown:
        raise ToolError(f"--only: no mutant {unknown[0]} (there are {len(by_id)})")
    return ids


def summarize(mutants, verdicts: list[Verdict], equivalents: dict[str, str], pruned, by_id) -> dict:
    rows = []
    counts = {"killed": 0, "survived": 0, "equivalent": 0}
    keys = {m.key for m in mutants}
    for m, v in zip(mutants, verdicts):
        status = v.status
        reason = equivalents.get(m.key)
        if status == "survived" and reason is not None:
            status = "equivalent"
        counts[status] += 1
        rows.append({
            "id": m.id, "file": m.file, "line": m.line, "function": m.function, "kind": m.kind,
            "mutation": m.description, "key": m.key, "status": status, "how": v.reason,
            "killed_by": [{"id": i, "status": s} for i, s in v.failed],
            "equivalent_reason": reason, "seconds": round(v.seconds, 2),
        })
    considered = len(rows) - counts["equivalent"]
    score = counts["killed"] / considered if considered else 1.0
    return {
        "mutants": len(rows), "killed": counts["killed"], "survived": counts["survived"],
        "equivalent": counts["equivalent"], "score": round(score, 4),
        "not_compiling": [{"id": i, "key": by_id[i].key, "error": e} for i, e in sorted(pruned.items())],
        "stale_equivalents": sorted(k for k in equivalents if k not in keys),
        "killed_but_marked_equivalent": [r["key"] for r in rows if r["status"] == "killed"
                                         and r["equivalent_reason"] is not None],
        "results": rows,
    }


def print_report(results: dict, equivalents_path: Path) -> None:
    print(f"Mutation testing of {results['chapter']}'s checks ({results['checks']} checks) on "
          f"solutions/{results['chapter']}/ ({results['files']} files)")
    print()
    for row in results["results"]:
        where = f"{row['file']}:{row['line']}"
        if row["status"] == "killed":
            if row["how"] == "checks":
                ids = [f"{k['id']} ({k['status']})" for k in row["killed_by"]]
                shown = ", ".join(ids[:3]) + (f", +{len(ids) - 3} more" if len(ids) > 3 else "")
                verdict = f"killed by {shown}"
            else:
                verdict = f"killed: {row['how']}"
        elif row["status"] == "equivalent":
            verdict = f"survived, equivalent: {row['equivalent_reason']}"
        else:
            verdict = "SURVIVED"
        print(f"{row['id']:4}  {where:22}  {row['mutation']}")
        print(f"{'':28}{verdict}")
    survivors = [r for r in results["results"] if r["status"] == "survived"]
    print()
    if results["not_compiling"]:
        print(f"Not compiling in the switched build, left out ({len(results['not_compiling'])}):")
        for row in results["not_compiling"]:
            print(f"  {row['id']:4}  {row['key']}  ({row['error']})")
    if survivors:
        print(f"Survivors ({len(survivors)}): give each a check, or if no correct check can tell it from the "
              f"solution, add its key to {equivalents_path.name} as `key => reason`:")
        for row in survivors:
            print(f"  {row['key']}")
    for key in results["stale_equivalents"]:
        print(f"warning: {equivalents_path.name} names no current mutant: {key}")
    for key in results["killed_but_marked_equivalent"]:
        print(f"warning: {equivalents_path.name} calls a killed mutant equivalent: {key}")
    considered = results["mutants"] - results["equivalent"]
    print()
    print(f"mutants: {results['mutants']}, killed: {results['killed']}, survived: {results['survived']}, "
          f"equivalent: {results['equivalent']}, not compiling: {len(results['not_compiling'])}")
    print(f"score: {results['killed']}/{considered} = {100 * results['score']:.1f}%  (killed / (mutants − equivalent))")
    print(f"time: {results['wall_seconds']} s in all; {results['builds']} build(s) {results['build_seconds']} s; "
          f"{results['mutants']} check runs {results['run_seconds']} s")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
