# Helpers that make submissions for the grader's scripts (sourced, not run).
# Needs KIT (the kit's root).

# solved_labs DIR: DIR/labs/ch11-state holds the reference solution as a student's lab.
solved_labs() {
  mkdir -p "$1/labs/ch11-state"
  cp "$KIT"/solutions/ch11-state/*.swift "$1/labs/ch11-state/"
  cp "$KIT/labs/ch11-state/README.md" "$1/labs/ch11-state/"
}

# starter_labs DIR: DIR/labs/ch11-state holds the pristine starter.
starter_labs() {
  mkdir -p "$1/labs"
  cp -R "$KIT/labs/ch11-state" "$1/labs/"
}

# solved_lab02 DIR: DIR/labs/lab02-tools holds lab 02's reference solution: a second chapter
# that must keep its full marks beside a hostile chapter 11.
solved_lab02() {
  mkdir -p "$1/labs/lab02-tools"
  cp "$KIT"/solutions/lab02-tools/*.swift "$1/labs/lab02-tools/"
  cp "$KIT/labs/lab02-tools/README.md" "$1/labs/lab02-tools/"
}

# hostile_labs DIR SNIPPET: the solution, with SNIPPET's code at the top of executeWithRetry,
# beside a solved lab 02.
hostile_labs() {
  solved_labs "$1"
  solved_lab02 "$1"
  python3 - "$1/labs/ch11-state/Retry.swift" "$2" <<'PY'
import sys
path, snippet = sys.argv[1], open(sys.argv[2]).read()
source = open(path).read()
marker = ") async throws -> T {\n"
assert marker in source, "executeWithRetry's opening line moved: update scripts/lib/grade-submissions.sh"
indented = "".join("    " + line if line.strip() else line for line in snippet.splitlines(True))
source = source.replace(marker, marker + indented, 1)
source = "#if canImport(Glibc)\nimport Glibc\n#endif\n" + source
open(path, "w").write(source)
PY
}

# kit_copy DIR: DIR is a copy of the kit's committed files (no .build).
kit_copy() {
  mkdir -p "$1"
  (cd "$KIT" && git ls-files -z | xargs -0 tar cf -) | (cd "$1" && tar xf -)
}
