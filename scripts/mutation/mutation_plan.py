"""The mutants of a chapter's reference solution: every file's sites, numbered, and their keys."""

from dataclasses import dataclass
from pathlib import Path

from mutation_sites import Mutant, Site, SiteFinder
from swift_blocks import SourceFile
from swift_tokens import Token, tokenize
from switch_render import Renderer

BINDING_FILE = "Exercises.swift"  # builds the contract value from the functions: never mutated


@dataclass
class FilePlan:
    name: str  # path relative to the solution folder
    source: str
    tokens: list[Token]
    sites: list[Site]

    def render(self, enabled: set[int]):
        return Renderer(self.tokens, self.sites, enabled).render()


def plan_file(name: str, source: str) -> FilePlan:
    tokens = tokenize(source)
    sites = SiteFinder(SourceFile(tokens), name).find()
    return FilePlan(name, source, tokens, sites)


def plan_chapter(solution_dir: Path) -> tuple[list[FilePlan], list[Mutant]]:
    """Plans every mutable file of the solution and numbers the mutants from 1, file by file."""
    plans = []
    for path in sorted(solution_dir.rglob("*.swift")):
        if path.name == BINDING_FILE:
            continue
        name = path.relative_to(solution_dir).as_posix()
        plans.append(plan_file(name, path.read_text(encoding="utf-8")))
    mutants = number(plans)
    return plans, mutants


def number(plans: list[FilePlan]) -> list[Mutant]:
    mutants: list[Mutant] = []
    seen_keys: dict[str, int] = {}
    for plan in plans:
        unique: list[Mutant] = []
        for site in plan.sites:
            for mutant in site.mutants:
                if all(mutant is not u for u in unique):
                    unique.append(mutant)
        unique.sort(key=lambda m: (m.line, _kind_order(m.kind)))
        for mutant in unique:
            mutant.id = len(mutants) + 1
            key = f"{mutant.file} {mutant.function}: {mutant.description}"
            seen_keys[key] = seen_keys.get(key, 0) + 1
            mutant.key = key if seen_keys[key] == 1 else f"{key} #{seen_keys[key]}"
            mutants.append(mutant)
    return mutants


def _kind_order(kind: str) -> int:
    return ["drop", "swap", "return", "negate", "compound", "operator", "constant"].index(kind)
