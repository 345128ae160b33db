"""Tests of the mutation tool itself (no Swift toolchain needed).

    python3 -m unittest discover -s scripts/mutation
"""

import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from equivalents import load_equivalents  # noqa: E402
from mutation_plan import number, plan_chapter, plan_file  # noqa: E402
from mutation_sites import SiteFinder  # noqa: E402
from scratch_package import ToolError, compile_errors  # noqa: E402
from swift_blocks import SourceFile  # noqa: E402
from swift_tokens import tokenize  # noqa: E402
from switch_render import mutant_at, switch_file_text  # noqa: E402

REPOSITORY = Path(__file__).resolve().parents[2]

SAMPLE = '''import Foundation

/// Sums `values`: a + b, 1 and true in a doc comment stay as they are.
func sample(values: [Int], flag: Bool) throws -> Int {
    // a comment with x - 1 and true
    var total = 0
    let strict = true
    for value in values {
        total += value
        if value > 10 && flag == strict {
            throw SampleError.tooBig("value \\(value + 1) > 10")
        }
    }
    guard total >= 1 else { return -1 }
    log("done")
    record(total)
    return total * 2
}
'''

# The switched sample, line by line where a line changes (mutant ids are numbered by line).
SWITCHED_LINES = {
    6: "    var total = (__mutant == 1 ? 1 : __mutant == 2 ? -1 : 0)",
    7: "    let strict = (__mutant == 3 ? false : true)",
    9: "        if __mutant != 4 { if __mutant == 5 { total -= value } else { total += value } }",
    10: "        if (__mutant == 6) != ((__mutant == 7 ? (__mutant == 8 ? value >= (__mutant == 10 ? 11 : "
        "__mutant == 11 ? 9 : __mutant == 12 ? 0 : 10) : value > (__mutant == 10 ? 11 : __mutant == 11 ? 9 : "
        "__mutant == 12 ? 0 : 10)) || (__mutant == 9 ? flag != strict : flag == strict) : (__mutant == 8 ? "
        "value >= (__mutant == 10 ? 11 : __mutant == 11 ? 9 : __mutant == 12 ? 0 : 10) : value > (__mutant == "
        "10 ? 11 : __mutant == 11 ? 9 : __mutant == 12 ? 0 : 10)) && (__mutant == 9 ? flag != strict : flag "
        "== strict))) {",
    11: '            if __mutant != 13 { throw SampleError.tooBig("value \\(value + 1) > 10") }',
    14: "    guard (__mutant == 15) != ((__mutant == 16 ? total > (__mutant == 17 ? 2 : __mutant == 18 ? 0 : 1) : "
        "total >= (__mutant == 17 ? 2 : __mutant == 18 ? 0 : 1))) else { if __mutant == 14 { let _: Int = "
        "-(__mutant == 19 ? 2 : __mutant == 20 ? 0 : 1); return 0 }; return -(__mutant == 19 ? 2 : __mutant == "
        "20 ? 0 : 1) }",
    15: '    if __mutant == 22 { if __mutant != 23 { record(total) } } else { if __mutant != 21 { log("done") } }',
    16: '    if __mutant == 22 { if __mutant != 21 { log("done") } } else { if __mutant != 23 { record(total) } }',
    17: "    if __mutant == 24 { let _: Int = (__mutant == 25 ? total / (__mutant == 26 ? 3 : __mutant == 27 ? 1 : "
        "__mutant == 28 ? 0 : 2) : total * (__mutant == 26 ? 3 : __mutant == 27 ? 1 : __mutant == 28 ? 0 : 2)); "
        "return 0 }; return (__mutant == 25 ? total / (__mutant == 26 ? 3 : __mutant == 27 ? 1 : __mutant == 28 "
        "? 0 : 2) : total * (__mutant == 26 ? 3 : __mutant == 27 ? 1 : __mutant == 28 ? 0 : 2))",
}


def plan(source: str, name: str = "Sample.swift"):
    file_plan = plan_file(name, source)
    mutants = number([file_plan])
    return file_plan, mutants


class TokenizerTests(unittest.TestCase):
    def test_tokens_give_the_file_back_byte_for_byte(self):
        sources = [SAMPLE] + [p.read_text() for p in sorted(REPOSITORY.glob("solutions/*/*.swift"))]
        for source in sources:
            self.assertEqual("".join(t.trivia + t.text for t in tokenize(source)), source)

    def test_strings_with_interpolation_and_raw_strings_are_one_token(self):
        tokens = tokenize('let a = "x \\(f("y)")) z" + #"raw "quote" \\(no)"# + """\n  multi "line"\n  """\n')
        strings = [t.text for t in tokens if t.kind == "string"]
        self.assertEqual(strings, ['"x \\(f("y)")) z"', '#"raw "quote" \\(no)"#', '"""\n  multi "line"\n  """'])

    def test_spacing_decides_which_operators_are_binary(self):
        tokens = tokenize("let x = a < b && !c\nlet y: Array<Int> = []\n")
        binary = [t.text for t in tokens if t.binary]
        self.assertEqual(binary, ["=", "<", "&&", "="])


class RewritingTests(unittest.TestCase):
    def test_the_sample_is_switched_as_expected(self):
        file_plan, mutants = plan(SAMPLE)
        text, _ = file_plan.render({m.id for m in mutants})
        original = SAMPLE.split("\n")
        switched = text.split("\n")
        self.assertEqual(len(switched), len(original), "no wrapper adds a line")
        for number_, line in enumerate(switched, start=1):
            expected = SWITCHED_LINES.get(number_, original[number_ - 1])
            self.assertEqual(line, expected, f"line {number_}")

    def test_every_mutant_kind_appears(self):
        _, mutants = plan(SAMPLE)
        self.assertEqual({m.kind for m in mutants},
                         {"operator", "constant", "drop", "swap", "negate", "return", "compound"})
        self.assertEqual(len(mutants), 28)

    def test_comments_doc_comments_and_strings_are_never_mutated(self):
        file_plan, mutants = plan(SAMPLE)
        text, _ = file_plan.render({m.id for m in mutants})
        self.assertIn("/// Sums `values`: a + b, 1 and true in a doc comment stay as they are.\n", text)
        self.assertIn("// a comment with x - 1 and true\n", text)
        self.assertIn('"value \\(value + 1) > 10"', text)

    def test_the_unmutated_text_comes_back_when_nothing_is_enabled(self):
        file_plan, _ = plan(SAMPLE)
        text, regions = file_plan.render(set())
        self.assertEqual(text, SAMPLE)
        self.assertEqual(regions, [])

    def test_a_disabled_mutant_leaves_no_trace(self):
        file_plan, mutants = plan(SAMPLE)
        text, _ = file_plan.render({m.id for m in mutants} - {4})
        self.assertNotIn("__mutant != 4 ", text)
        self.assertIn("if __mutant == 5 { total -= value } else { total += value }", text)

    def test_operands_follow_precedence(self):
        source = "func f(a: Int, b: Int, c: Int) -> Bool {\n    return a + b * c < c - a\n}\n"
        _, mutants = plan(source)
        operators = [m.description for m in mutants if m.kind == "operator"]
        self.assertEqual(sorted(operators), sorted(["'+' → '-' in 'a + b * c'", "'*' → '/' in 'b * c'",
                                                    "'<' → '<=' in 'a + b * c < c - a'", "'-' → '+' in 'c - a'"]))

    def test_generic_brackets_arrows_and_prefix_operators_are_left_alone(self):
        source = ("func f<T: Sendable>(x: some Clock<Duration>, y: Int) -> [T] {\n"
                  "    let z = -y\n    return !flag ? [] : []\n}\n")
        _, mutants = plan(source)
        self.assertEqual([m.kind for m in mutants if m.kind == "operator"], [])

    def test_throws_that_must_not_fall_through_are_not_dropped(self):
        source = (
            "func f(x: Int?) throws -> Int {\n"
            "    guard let x else { throw E.missing }\n"
            "    while true {\n"
            "        do { return try g(x) } catch let e as E { throw e } catch { log(error) }\n"
            "    }\n"
            "}\n"
            "func h() throws -> String {\n    do { return try g(1) } catch { throw error }\n}\n"
        )
        _, mutants = plan(source)
        drops = [m.description for m in mutants if m.kind == "drop"]
        self.assertEqual(drops, ["drop 'throw e'", "drop 'log(error)'"])

    def test_a_closure_or_body_of_one_expression_is_not_dropped(self):
        source = "func f() -> Int {\n    g { try await work() }\n}\nfunc v() {\n    g { work() }\n    h()\n}\n"
        _, mutants = plan(source)
        self.assertEqual([m.description for m in mutants if m.kind == "drop"],
                         ["drop 'g { work() }'", "drop 'h()'"])

    def test_independent_assignments_are_not_swapped(self):
        source = ("func f(task: inout Task, now: () -> Int) async throws {\n"
                  "    task.state = .running\n    task.attempts += 1\n    task.updatedAt = now()\n"
                  "    try await store.save(task)\n}\n")
        _, mutants = plan(source)
        self.assertEqual([m.description for m in mutants if m.kind == "swap"],
                         ["swap 'task.updatedAt = now()' with 'try await store.save(task)'"])

    def test_a_closure_assigned_is_not_run_so_it_does_not_tie_the_order(self):
        source = ("func f(encoder: JSONEncoder) {\n    encoder.outputFormatting = [.sortedKeys]\n"
                  "    encoder.dateEncodingStrategy = .custom { date, encoder in try encode(date, encoder) }\n"
                  "    encoder.userInfo = info()\n    log(encoder.userInfo)\n}\n")
        _, mutants = plan(source)
        self.assertEqual([m.description for m in mutants if m.kind == "swap"],
                         ["swap 'encoder.userInfo = info()' with 'log(encoder.userInfo)'"])

    def test_a_variable_initialised_later_keeps_its_assignment_and_its_throw(self):
        source = ("func f() throws -> Int {\n    let data: Int\n    do {\n        data = try g()\n"
                  "    } catch {\n        throw E.io\n    }\n    return data\n}\n")
        _, mutants = plan(source)
        self.assertEqual([m for m in mutants if m.kind == "drop"], [])

    def test_a_binding_file_is_not_mutated(self):
        with tempfile.TemporaryDirectory() as folder:
            Path(folder, "Exercises.swift").write_text("let exercises = Exercises(run: { a + b })\n")
            Path(folder, "Sample.swift").write_text(SAMPLE)
            plans, mutants = plan_chapter(Path(folder))
        self.assertEqual([p.name for p in plans], ["Sample.swift"])
        self.assertEqual({m.file for m in mutants}, {"Sample.swift"})

    def test_the_reference_solutions_all_plan(self):
        for solution in sorted(REPOSITORY.glob("solutions/*/")):
            plans, mutants = plan_chapter(solution)
            self.assertTrue(mutants, f"no mutants in {solution.name}")
            for file_plan in plans:
                text, _ = file_plan.render({m.id for m in mutants})
                for mutant in (m for m in mutants if m.file == file_plan.name):
                    self.assertIn(f"__mutant {'!=' if mutant.kind == 'drop' else '=='} {mutant.id}", text)


class TypePreservationTests(unittest.TestCase):
    @unittest.skipUnless(shutil.which("swiftc"), "needs swiftc")
    def test_the_switched_fixture_type_checks_with_every_mutant_in(self):
        fixture = Path(__file__).resolve().parent / "fixtures" / "Rich.swift"
        file_plan, mutants = plan(fixture.read_text(), "Rich.swift")
        self.assertGreater(len(mutants), 50)
        text, _ = file_plan.render({m.id for m in mutants})
        with tempfile.TemporaryDirectory() as folder:
            switched = Path(folder, "Rich.swift")
            switched.write_text(text)
            Path(folder, "Switch.swift").write_text(switch_file_text())
            completed = subprocess.run(
                ["swiftc", "-swift-version", "6", "-parse-as-library", "-typecheck", str(switched),
                 str(Path(folder, "Switch.swift"))], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.assertEqual(completed.returncode, 0, completed.stdout[-2000:])


class BuildFeedbackTests(unittest.TestCase):
    def test_a_compile_error_is_traced_to_the_mutant_whose_code_it_is_in(self):
        file_plan, mutants = plan(SAMPLE)
        text, regions = file_plan.render({m.id for m in mutants})
        inside_return = text.index("let _: Int = (__mutant == 25") + 4
        self.assertEqual(mutant_at(regions, inside_return), 24)
        inside_operator = text.index("total / (__mutant == 26")
        self.assertEqual(mutant_at(regions, inside_operator), 25)
        self.assertIsNone(mutant_at(regions, text.index("import Foundation")))

    def test_compiler_errors_are_parsed(self):
        output = ("/tmp/p/solutions/ch/A.swift:12:7: error: cannot convert value of type 'Int' to 'String'\n"
                  "/tmp/p/solutions/ch/A.swift:3:1: warning: unused\n")
        errors = compile_errors(output)
        self.assertEqual([(e.path.name, e.line, e.column) for e in errors], [("A.swift", 12, 7)])

    def test_the_switch_file_reads_the_environment_once(self):
        self.assertIn('let __mutant: Int = ProcessInfo.processInfo.environment["LAB_MUTANT"]', switch_file_text())


class EquivalentsTests(unittest.TestCase):
    def test_entries_comments_and_errors(self):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder, "equivalent-x.txt")
            path.write_text("# a comment\n\nA.swift f: drop 'x()' => x() has no effect\n")
            self.assertEqual(load_equivalents(path), {"A.swift f: drop 'x()'": "x() has no effect"})
            path.write_text("A.swift f: drop 'x()' because\n")
            with self.assertRaises(ToolError):
                load_equivalents(path)
            self.assertEqual(load_equivalents(Path(folder, "missing.txt")), {})


class SiteFinderTests(unittest.TestCase):
    def test_sites_nest_properly(self):
        for solution in sorted(REPOSITORY.glob("solutions/*/*.swift")):
            tokens = tokenize(solution.read_text())
            sites = SiteFinder(SourceFile(tokens), solution.name).find()
            for a in sites:
                for b in sites:
                    crossing = a.start < b.start < a.end < b.end
                    self.assertFalse(crossing, f"{solution.name}: {a.kind} and {b.kind} overlap")


if __name__ == "__main__":
    unittest.main()
