"""Finds the places in a Swift file where a mutant can be switched in, each type-preserving.

Kinds of site (and of mutant):
  operator  `+`↔`-`, `*`↔`/`, `<`↔`<=`, `>`↔`>=`, `==`↔`!=`, `&&`↔`||`, and the compound
            assignments `+=`↔`-=`, `*=`↔`/=`
  constant  an integer literal n → n+1, n-1, 0; `true`↔`false`
  drop      an assignment, a call statement (`try await store.save(task)`, `group.cancelAll()`),
            a `throw` where control may go on after it
  swap      two adjacent simple statements (assignments or calls) in the same block
  negate    the condition of an `if` or a `guard`
  return    `return x` → `return ""` / `0` / `[]` / `nil` / `!x` (by the declared return type);
            the expression still runs, its value is thrown away
"""

import re
from dataclasses import dataclass, field

from swift_blocks import COMPOUND_ASSIGN, SourceFile, Statement
from swift_operands import operand_extent
from swift_tokens import Token

BINARY_SWAPS = {"+": "-", "-": "+", "*": "/", "/": "*", "<": "<=", "<=": "<", ">": ">=",
                ">=": ">", "==": "!=", "!=": "==", "&&": "||", "||": "&&"}
COMPOUND_SWAPS = {"+=": "-=", "-=": "+=", "*=": "/=", "/=": "*="}
# Site kinds, outermost first when two sites cover the same tokens.
RANK = {"swap": 0, "drop": 1, "compound": 2, "return": 2, "negate": 3, "operator": 4, "constant": 5}


@dataclass
class Mutant:
    id: int
    kind: str
    description: str
    file: str
    line: int
    function: str
    key: str = ""


@dataclass(eq=False)
class Site:
    kind: str
    start: int  # first token
    end: int  # one past the last token
    mutants: list[Mutant] = field(default_factory=list)
    # operator/compound: the operator's token and its replacement; constant: the literal's token
    # and the replacement per mutant; swap: per mutant the statement that takes this place;
    # return: the expression's first token, the replacement value and (in `values`) the declared
    # return type; negate: the condition's
    # first token after any `try`/`await`.
    token: int = -1
    replacement: str = ""
    values: list[str] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    statement: Statement | None = None

    @property
    def order(self):
        return (self.start, -self.end, RANK[self.kind])


class SiteFinder:
    def __init__(self, source: SourceFile, file: str):
        self.source = source
        self.tokens = source.tokens
        self.file = file
        self.sites: list[Site] = []
        self.slots: dict[int, Site] = {}  # statement start -> its swap site

    def find(self) -> list[Site]:
        for statement in self.source.all_statements():
            if statement.parent.role in ("file", "type", "accessors", "cases"):
                continue
            self._statement_sites(statement)
            self._expression_sites(statement)
        for block in self.source.blocks:
            if block.role not in ("file", "type", "accessors", "cases"):
                self._swap_sites(block)
        return sorted(self.sites, key=lambda s: s.order)

    # Helpers.

    def snippet(self, start: int, end: int, limit: int = 60) -> str:
        joined = "".join(t.text if k == 0 else (" " if t.space_before else "") + t.text
                         for k, t in enumerate(self.tokens[start:end]))
        joined = " ".join(joined.split())
        return joined if len(joined) <= limit else joined[: limit - 1] + "…"

    def _add(self, site: Site, statement: Statement, descriptions: list[str], line: int) -> None:
        function = statement.parent.func_name
        for description in descriptions:
            site.mutants.append(Mutant(0, site.kind, description, self.file, line, function))
        self.sites.append(site)

    def _deferred_names(self, statement: Statement) -> set[str]:
        """Locals declared without a value (`let data: Data`) in the enclosing body."""
        body = self.source.enclosing_body(statement)
        names = set()
        for other in self.source.all_statements():
            if other.kind == "decl" and other.keyword in ("let", "var") and body.start <= other.start < body.end:
                own = list(self.source.own_indices_range(other.start, other.end))
                if not any(self.tokens[i].is_op("=") for i in own):
                    for i in own:
                        if self.tokens[i].is_keyword("let", "var") and i + 1 < other.end:
                            names.add(self.tokens[i + 1].text)
        return names

    def _assigns(self, start: int, end: int, names: set[str]) -> bool:
        return any(t.kind == "ident" and t.text in names and self.tokens[t.index + 1].is_op("=")
                   for t in self.tokens[start:end])

    def _implicit_return(self, statement: Statement) -> bool:
        block = statement.parent
        return (block.role in ("func", "closure") and len(block.statements) == 1
                and statement.kind == "expr")

    def _initializes_later(self, statement: Statement) -> bool:
        """`data = …` for a `let data: Data` declared without a value: Swift checks that it is
        set exactly once on every path, so it can be neither dropped nor moved."""
        if statement.kind != "assign" or not self.tokens[statement.start + 1].is_op("="):
            return False
        return self.tokens[statement.start].text in self._deferred_names(statement)

    def droppable(self, statement: Statement) -> bool:
        if statement.kind in ("assign", "compound", "expr"):
            if self._implicit_return(statement):
                return False
            return not self._initializes_later(statement)
        if statement.kind == "jump" and statement.keyword == "throw":
            if not self.source.falls_through(statement):
                return False
            names = self._deferred_names(statement)
            owner = statement.parent.owner
            while owner is not None and names:
                if self._assigns(owner.start, owner.end, names):
                    return False
                owner = owner.parent.owner
            return True
        return False

    # Statement-level sites.

    def _statement_sites(self, statement: Statement) -> None:
        tokens = self.tokens
        line = tokens[statement.start].line
        text = self.snippet(statement.start, statement.end)
        if self.droppable(statement):
            site = Site("drop", statement.start, statement.end, statement=statement)
            self._add(site, statement, [f"drop '{text}'"], line)
        if statement.kind == "compound":
            for i in self.source.own_indices_range(statement.start, statement.end):
                if tokens[i].kind == "op" and tokens[i].text in COMPOUND_SWAPS:
                    swap = COMPOUND_SWAPS[tokens[i].text]
                    site = Site("compound", statement.start, statement.end, token=i, replacement=swap,
                                statement=statement)
                    self._add(site, statement, [f"'{tokens[i].text}' → '{swap}' in '{text}'"], line)
                    break
        if statement.kind == "jump" and statement.keyword == "return":
            self._return_site(statement, line)

    def _return_site(self, statement: Statement, line: int) -> None:
        value_start = statement.start + 1
        if value_start >= statement.end or self.tokens[value_start].newline_before:
            return
        value = self.snippet(value_start, statement.end)
        replacement = replacement_for(statement.parent.return_type)
        if replacement is None or replacement == value:
            return
        site = Site("return", statement.start, statement.end, token=value_start, replacement=replacement,
                    values=[statement.parent.return_type], statement=statement)
        shown = f"!({value})" if replacement == "!" else replacement
        self._add(site, statement, [f"return {shown} instead of '{value}'"], line)

    def _swap_sites(self, block) -> None:
        simple = [s for s in block.statements if s.kind in ("assign", "compound", "expr")
                  and not self._implicit_return(s) and not self._initializes_later(s)]
        for first, second in zip(block.statements, block.statements[1:]):
            if first not in simple or second not in simple:
                continue
            a, b = self.snippet(first.start, first.end), self.snippet(second.start, second.end)
            if a == b or self.independent(first, second):
                continue
            mutant = Mutant(0, "swap", f"swap '{a}' with '{b}'", self.file, self.tokens[first.start].line,
                            block.func_name)
            for here, there in ((first, second), (second, first)):
                slot = self.slots.get(here.start)
                if slot is None:
                    slot = Site("swap", here.start, here.end, statement=here)
                    self.slots[here.start] = slot
                    self.sites.append(slot)
                slot.mutants.append(mutant)
                slot.statements.append(there)

    def _target(self, statement: Statement) -> str | None:
        """What an assignment writes (`task.state`), or None when it is not an assignment."""
        if statement.kind not in ("assign", "compound"):
            return None
        for i in self.source.own_indices_range(statement.start, statement.end):
            t = self.tokens[i]
            if t.is_op("=") or (t.kind == "op" and t.text in COMPOUND_ASSIGN):
                return self.snippet(statement.start, i)
        return None

    def _outside_closures(self, statement: Statement) -> list[Token]:
        kept, i = [], statement.start
        while i < statement.end:
            if self.tokens[i].is_punct("{"):
                i = self.source.match[i] + 1
                continue
            kept.append(self.tokens[i])
            i += 1
        return kept

    def independent(self, first: Statement, second: Statement) -> bool:
        """Two assignments whose order cannot matter: different targets, neither reads what the
        other writes, no `try`/`await`, at most one call. Swapping them is equivalent unless a
        setter has side effects, so no swap mutant is made for them."""
        targets = (self._target(first), self._target(second))
        if None in targets or targets[0] == targets[1]:
            return False
        calls = 0
        for statement, other_target in ((first, targets[1]), (second, targets[0])):
            # A closure's body does not run when it is assigned: only the code outside counts.
            tokens = self._outside_closures(statement)
            if any(t.is_keyword("try", "await") for t in tokens):
                return False
            calls += any(t.is_punct("(") and not t.space_before and k > 0 and tokens[k - 1].kind == "ident"
                         for k, t in enumerate(tokens))
            text = "".join((" " if k and t.space_before else "") + t.text for k, t in enumerate(tokens))
            own_target = self._target(statement)
            if _mentions(text, other_target) or _mentions(other_target, own_target):
                return False
        return calls <= 1

    # Expression-level sites.

    def _expression_sites(self, statement: Statement) -> None:
        if statement.kind in ("directive", "label"):
            return
        if statement.kind == "decl" and statement.keyword not in ("let", "var"):
            return
        own = list(self._own_tokens(statement))
        if statement.kind == "decl":
            equals = next((n for n, i in enumerate(own) if self.tokens[i].is_op("=")), None)
            own = [] if equals is None else own[equals + 1:]
        for i in own:
            token = self.tokens[i]
            if token.binary and token.text in BINARY_SWAPS:
                self._operator_site(statement, i)
            elif token.kind == "int" and not self.tokens[i - 1].is_punct("."):
                self._integer_site(statement, i)
            elif token.is_keyword("true", "false") and not self.tokens[i - 1].is_keyword("while"):
                flipped = "false" if token.text == "true" else "true"
                site = Site("constant", i, i + 1, token=i, values=[flipped])
                self._add(site, statement, [f"{token.text} → {flipped} in '{self._context(statement, i)}'"],
                          token.line)
            elif token.is_keyword("if", "guard") and statement.kind == "control":
                self._negate_site(statement, i)

    def _own_tokens(self, statement: Statement):
        """The statement's tokens outside the blocks it owns (conditions, operands, arguments)."""
        match = self.source.match
        inside = [(match.get(b.end, b.start - 1), b.end) for b in statement.blocks]
        for i in range(statement.start, statement.end):
            if not any(s <= i <= e for s, e in inside):
                yield i

    def _context(self, statement: Statement, i: int) -> str:
        """The statement's own tokens on the line of token `i`: `if next == 50`, `x = 100`."""
        line = self.tokens[i].line
        own = [k for k in self._own_tokens(statement) if self.tokens[k].line == line]
        own = [k for k in own if not self.tokens[k].is_punct("{", "}")]
        return self.snippet(own[0], own[-1] + 1) if own else self.snippet(i, i + 1)

    def _integer_site(self, statement: Statement, i: int) -> None:
        text = self.tokens[i].text
        try:
            n = int(text.replace("_", ""), 0)
        except ValueError:
            return
        values = []
        for v in (n + 1, n - 1, 0):
            if v != n and str(v) not in values:
                values.append(str(v))
        site = Site("constant", i, i + 1, token=i, values=values)
        context = self._context(statement, i)
        self._add(site, statement, [f"{text} → {v} in '{context}'" for v in values], self.tokens[i].line)

    def _operator_site(self, statement: Statement, i: int) -> None:
        extent = operand_extent(self.source, i)
        if extent is None:
            return
        start, end = extent
        op = self.tokens[i].text
        swap = BINARY_SWAPS[op]
        site = Site("operator", start, end, token=i, replacement=swap)
        self._add(site, statement, [f"'{op}' → '{swap}' in '{self.snippet(start, end)}'"], self.tokens[i].line)

    def _negate_site(self, statement: Statement, i: int) -> None:
        tokens = self.tokens
        keyword = tokens[i].text
        j = i + 1
        while j < statement.end and tokens[j].is_keyword("try", "await"):
            j += 1
        condition_start = j
        top_level_ops = []
        while j < statement.end:
            t = tokens[j]
            if keyword == "guard" and t.is_keyword("else"):
                break
            if keyword == "if" and t.is_punct("{") and j in self.source.control_braces:
                break
            if t.is_punct(",") or t.is_keyword("let", "var", "case") or t.kind == "directive":
                return
            if t.binary:
                top_level_ops.append(t.text)
            j = self.source.match[j] + 1 if t.kind == "punct" and t.text in "([{" else j + 1
        if j >= statement.end or j == condition_start:
            return
        if len(top_level_ops) == 1 and top_level_ops[0] in ("==", "!="):
            return  # the same mutant as flipping that operator
        site = Site("negate", condition_start, j, token=condition_start)
        condition = self.snippet(condition_start, j)
        self._add(site, statement, [f"negate the {keyword} condition '{condition}'"], tokens[i].line)

def _mentions(text: str, path: str) -> bool:
    """Whether `text` reads `path` (`task.state`) or a part of it (`task`)."""
    root = path.split(".")[0]
    whole = re.search(rf"(?<![\w.]){re.escape(path)}(?!\w)", text) is not None
    return whole or (root != path and re.search(rf"(?<![\w.]){re.escape(root)}(?![\w.])", text) is not None)


def replacement_for(return_type: str | None) -> str | None:
    """A value of the declared return type that differs from most real results."""
    if not return_type:
        return None
    t = return_type.replace(" ", "")
    if t.endswith("?"):
        return "nil"
    if t == "String" or t == "Substring":
        return '""'
    if t in ("Int", "Int64", "Int32", "UInt", "UInt64", "Double", "Float"):
        return "0"
    if t == "Bool":
        return "!"
    if t == "Duration":
        return ".zero"
    if t.startswith("[") and t.endswith("]"):
        depth = 0
        for c in t[1:-1]:
            depth += c in "[(<"
            depth -= c in "])>"
            if c == ":" and depth == 0:
                return "[:]"
        return "[]"
    return None
