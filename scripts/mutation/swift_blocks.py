"""Splits tokenized Swift into blocks and statements: just the structure mutation needs.

A block is the inside of a pair of braces (or the whole file) and holds statements. Each block
has a role that says what happens when control falls off its end (`loop`: the loop goes on;
`void-func`: the function returns; `func`/`closure`: it must not, the body returns a value;
`if`/`do`/`catch`/`case`: control goes on after the owning statement; `guard-else`: it must
not). Statements know their kind (`decl`, `control`, `jump`, `assign`, `compound`, `expr`,
`directive`) and the blocks they own.
"""

from dataclasses import dataclass, field

from swift_tokens import Token, matching

MODIFIERS = {
    "public", "private", "fileprivate", "internal", "open", "package", "static", "final",
    "override", "mutating", "nonmutating", "lazy", "weak", "unowned", "required", "convenience",
    "optional", "indirect", "nonisolated", "dynamic", "consuming", "borrowing", "isolated",
}
TYPE_KEYWORDS = {"struct", "class", "enum", "extension", "protocol", "actor"}
FUNC_KEYWORDS = {"func", "init", "deinit", "subscript"}
OTHER_DECLS = {"typealias", "import", "associatedtype", "operator", "precedencegroup", "case"}
CONTROL = {"if", "guard", "while", "for", "repeat", "switch", "do", "defer"}
JUMPS = {"return", "throw", "break", "continue", "fallthrough"}
ACCESSORS = {"get", "set", "willSet", "didSet", "_read", "_modify"}
COMPOUND_ASSIGN = {"+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<=", ">>=", "&+=", "&-=", "&*="}
# Words that end an expression: an operand never reaches past one of them.
STOP_WORDS = {
    "return", "throw", "if", "guard", "while", "else", "case", "where", "in", "let", "var",
    "repeat", "for", "switch", "defer", "do", "catch", "try", "await", "func", "default",
}


@dataclass(eq=False)
class Block:
    role: str
    start: int  # first token inside
    end: int  # the closing brace (or end of file): one past the last token inside
    owner: "Statement | None"
    func_name: str
    return_type: str | None  # of the nearest enclosing function, as written
    statements: list["Statement"] = field(default_factory=list)


@dataclass(eq=False)
class Statement:
    start: int
    end: int  # one past the last token
    kind: str
    keyword: str  # the first word after attributes and modifiers
    parent: Block
    blocks: list[Block] = field(default_factory=list)
    cases: list[tuple[int, int]] = field(default_factory=list)  # (label start, body start)

    @property
    def index(self) -> int:
        return self.parent.statements.index(self)


class SourceFile:
    """The statement structure of one Swift file."""

    def __init__(self, tokens: list[Token]):
        self.tokens = tokens
        self.match = matching(tokens)
        self.control_braces: set[int] = set()
        self.blocks: list[Block] = []
        eof = len(tokens) - 1
        self.root = self._block("file", 0, eof, None, "top level", None)

    # Blocks and statements.

    def _block(self, role, start, end, owner, func_name, return_type) -> Block:
        block = Block(role, start, end, owner, func_name, return_type)
        self.blocks.append(block)
        if role == "cases":
            self._split_cases(block)
        else:
            for s, e in self._split(start, end):
                block.statements.append(self._statement(s, e, block))
        return block

    def _split(self, start: int, end: int) -> list[tuple[int, int]]:
        tokens, spans, i = self.tokens, [], start
        while i < end:
            if tokens[i].is_punct(";"):
                i += 1
                continue
            first = i
            if tokens[i].kind == "directive":
                i += 1
                while i < end and not tokens[i].newline_before:
                    i = self.match[i] + 1 if tokens[i].text in "([{" and tokens[i].kind == "punct" else i + 1
                spans.append((first, i))
                continue
            attributes_only = True
            while i < end:
                t = tokens[i]
                if i > first and t.newline_before and not attributes_only and not self._continues(tokens[i - 1], t):
                    break
                if t.is_punct(";"):
                    break
                if t.is_punct("@"):
                    i += 2
                    if i < end and tokens[i].is_punct("(") and not tokens[i].space_before:
                        i = self.match[i] + 1
                    continue
                attributes_only = False
                i = self.match[i] + 1 if t.kind == "punct" and t.text in "([{" else i + 1
            spans.append((first, i))
        return spans

    @staticmethod
    def _continues(previous: Token, token: Token) -> bool:
        """Whether a new line starting with `token` goes on with the statement before it."""
        if token.text.startswith(".") or token.is_punct("{", ":"):
            return True
        if token.is_keyword("else", "catch", "where"):
            return True
        if token.kind == "op" and token.space_after and not token.extra.get("keyword_suffix"):
            return True
        if previous.kind == "op" and previous.space_before and not previous.extra.get("keyword_suffix"):
            return True
        if previous.is_punct(",", ".", ":") or previous.is_keyword("try", "await", "as", "is"):
            return True
        return False

    def _head(self, start: int, end: int) -> int:
        """The index of the first token after attributes and modifiers."""
        tokens, i = self.tokens, start
        while i < end:
            t = tokens[i]
            if t.is_punct("@"):
                i += 2
                if i < end and tokens[i].is_punct("(") and not tokens[i].space_before:
                    i = self.match[i] + 1
            elif t.text in MODIFIERS and i + 1 < end and tokens[i + 1].kind in ("keyword", "ident"):
                i += 1
                if i < end and tokens[i].is_punct("(") and not tokens[i].space_before:
                    i = self.match[i] + 1
            else:
                return i
        return i

    def _statement(self, start: int, end: int, parent: Block) -> Statement:
        tokens = self.tokens
        head = self._head(start, end)
        first = tokens[head] if head < end else tokens[start]
        word = first.text
        if first.kind == "directive":
            kind = "directive"
        elif word in ("let", "var") or word in TYPE_KEYWORDS or word in FUNC_KEYWORDS or word in OTHER_DECLS:
            kind = "decl"
        elif parent.role == "accessors" and word in ACCESSORS:
            kind = "decl"
        elif word in CONTROL:
            kind = "control"
        elif word in JUMPS:
            kind = "jump"
        else:
            kind = "expr"
            for i in self.own_indices_range(start, end):
                if tokens[i].is_op("="):
                    kind = "assign"
                    break
                if tokens[i].kind == "op" and tokens[i].text in COMPOUND_ASSIGN:
                    kind = "compound"
                    break
        statement = Statement(start, end, kind, word, parent)
        self._child_blocks(statement, head)
        return statement

    def own_indices_range(self, start: int, end: int):
        """Token indices of [start, end) at bracket depth 0 (groups skipped)."""
        i = start
        while i < end:
            yield i
            t = self.tokens[i]
            i = self.match[i] + 1 if t.kind == "punct" and t.text in "([{" else i + 1

    def _child_blocks(self, statement: Statement, head: int) -> None:
        tokens, word = self.tokens, statement.keyword
        parent = statement.parent
        func_name, return_type = parent.func_name, parent.return_type
        role_at_depth0 = None
        if statement.kind == "decl":
            if word in TYPE_KEYWORDS:
                role_at_depth0 = "type"
            elif word in FUNC_KEYWORDS or word in ACCESSORS:
                if word in ACCESSORS:
                    role_at_depth0 = "func"
                else:
                    func_name = tokens[head + 1].text if word == "func" else word
                    return_type = self._return_type(head, statement.end)
                    role_at_depth0 = "func" if return_type else "void-func"
            elif word in ("let", "var"):
                role_at_depth0 = "accessor"
        roles_seen = 0
        paren_depth = 0
        assigned = False
        i = statement.start
        while i < statement.end:
            t = tokens[i]
            if t.is_op("=") and paren_depth == 0:
                assigned = True
            if t.kind == "punct" and t.text in "([":
                paren_depth += 1
            elif t.kind == "punct" and t.text in ")]":
                paren_depth -= 1
            elif t.is_punct("{"):
                close = self.match[i]
                at_top = paren_depth == 0
                if statement.kind == "control" and at_top:
                    role = self._control_role(statement, i, roles_seen)
                    roles_seen += 1
                    self.control_braces.add(i)
                    if role == "cases":
                        block = self._block("cases", i + 1, close, statement, func_name, return_type)
                    else:
                        block = self._block(role, i + 1, close, statement, func_name, return_type)
                elif role_at_depth0 and at_top and not assigned:
                    self.control_braces.add(i)
                    role = role_at_depth0
                    if role == "accessor":
                        func_name = tokens[head + 1].text  # a computed property: name it
                        inner = tokens[i + 1]
                        is_accessors = inner.text in ACCESSORS
                        role = "accessors" if is_accessors else "func"
                        return_type = self._return_type(head, statement.end, arrow=":")
                    block = self._block(role, i + 1, close, statement, func_name, return_type)
                else:
                    body = self._closure_body(i + 1, close)
                    block = self._block("closure", body, close, statement, func_name, return_type)
                statement.blocks.append(block)
                i = close + 1
                continue
            i += 1

    def _control_role(self, statement: Statement, brace: int, ordinal: int) -> str:
        word = statement.keyword
        if word == "switch":
            return "cases"
        if word in ("while", "for", "repeat"):
            return "loop"
        if word == "guard":
            return "guard-else"
        if word == "defer":
            return "defer"
        if word == "do":
            return "do" if ordinal == 0 else "catch"
        return "if"

    def _return_type(self, head: int, end: int, arrow: str = "->") -> str | None:
        """The return type written after `->` in a function's signature (or `:` of a property)."""
        tokens, i = self.tokens, head
        paren = 0
        while i < end:
            t = tokens[i]
            if t.is_punct("(", "["):
                paren += 1
            elif t.is_punct(")", "]"):
                paren -= 1
            elif t.is_punct("{") and paren == 0:
                return None
            elif paren == 0 and (t.is_op(arrow) if arrow == "->" else t.is_punct(arrow)):
                j = i + 1
                parts = []
                while j < end and not tokens[j].is_punct("{") and not tokens[j].is_keyword("where"):
                    if tokens[j].is_op("=") and arrow == ":":
                        return None
                    parts.append(tokens[j].text)
                    j += 1
                return "".join(parts)
            i += 1
        return None

    def _closure_body(self, start: int, end: int) -> int:
        """Skips a closure's signature (`x in`, `(a, b) async throws -> T in`)."""
        tokens, i = self.tokens, start
        while i < end:
            t = tokens[i]
            if t.is_keyword("in"):
                return i + 1
            if i > start and t.newline_before:
                return start
            if t.kind == "keyword" and t.text in STOP_WORDS:
                return start
            i = self.match[i] + 1 if t.kind == "punct" and t.text in "([{" else i + 1
        return start

    def _split_cases(self, block: Block) -> None:
        """A switch body: one `case` block per clause, each owned by a label statement."""
        tokens, i = self.tokens, block.start
        labels = []
        while i < block.end:
            t = tokens[i]
            if t.is_keyword("case", "default") and (t.newline_before or i == block.start):
                labels.append(i)
            i = self.match[i] + 1 if t.kind == "punct" and t.text in "([{" else i + 1
        for n, label in enumerate(labels):
            j = label + 1
            while j < block.end and not tokens[j].is_punct(":"):
                j = self.match[j] + 1 if tokens[j].kind == "punct" and tokens[j].text in "([{" else j + 1
            stop = labels[n + 1] if n + 1 < len(labels) else block.end
            clause = Statement(label, stop, "label", tokens[label].text, block)
            clause.blocks.append(self._block("case", j + 1, stop, clause, block.func_name, block.return_type))
            block.statements.append(clause)

    # Questions the mutation rules ask.

    def all_statements(self):
        for block in self.blocks:
            yield from block.statements

    def falls_through(self, statement: Statement) -> bool:
        """Whether control may go on after `statement` if it stopped jumping (a dropped throw)."""
        block = statement.parent
        if block.statements[-1] is not statement:
            return True
        if block.role in ("loop", "void-func", "defer"):
            return True
        if block.role == "case" and block.owner is not None:
            return self.falls_through(block.owner.parent.owner)  # off a case: out of the switch
        if block.role in ("if", "do", "catch") and block.owner is not None:
            return self.falls_through(block.owner)
        return False

    def enclosing_body(self, statement: Statement) -> Block:
        block = statement.parent
        while block.role not in ("func", "void-func", "closure", "file") and block.owner is not None:
            block = block.owner.parent
        return block
