"""A small Swift tokenizer: enough to find mutation sites without touching comments or strings.

Every token keeps the trivia (whitespace and comments) before it, so joining `trivia + text` of
all tokens gives the file back byte for byte. String literals (plain, multi-line, raw, with
interpolations) are one token each, so nothing inside a string is ever mutated.
"""

from dataclasses import dataclass, field

OPERATOR_CHARS = set("/=-+!*%<>&|^~?")
PUNCTUATION = set("()[]{},:;@#\\`")
OPENERS = {"(": ")", "[": "]", "{": "}"}
CLOSERS = {")": "(", "]": "[", "}": "{"}

KEYWORDS = {
    "as", "associatedtype", "async", "await", "break", "case", "catch", "class", "continue",
    "default", "defer", "deinit", "do", "else", "enum", "extension", "fallthrough", "false",
    "fileprivate", "for", "func", "guard", "if", "import", "in", "init", "inout", "internal",
    "is", "let", "nil", "open", "operator", "private", "protocol", "public", "repeat",
    "rethrows", "return", "self", "Self", "static", "struct", "subscript", "super", "switch",
    "throw", "throws", "true", "try", "typealias", "var", "where", "while", "actor",
}


class TokenizeError(Exception):
    """The file is not Swift this tokenizer understands (an unterminated string or comment)."""


@dataclass
class Token:
    kind: str  # "ident", "keyword", "int", "float", "string", "op", "punct", "directive", "eof"
    text: str
    start: int  # offset of the text (after the trivia)
    trivia: str  # whitespace and comments before the token
    line: int  # 1-based line of the text
    index: int = 0
    newline_before: bool = False
    space_before: bool = False
    space_after: bool = False
    extra: dict = field(default_factory=dict)

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    def is_op(self, *texts: str) -> bool:
        return self.kind == "op" and (not texts or self.text in texts)

    def is_punct(self, *texts: str) -> bool:
        return self.kind == "punct" and self.text in texts

    def is_keyword(self, *texts: str) -> bool:
        return self.kind == "keyword" and (not texts or self.text in texts)

    @property
    def binary(self) -> bool:
        """An operator written with whitespace on both sides: Swift reads it as infix."""
        return self.kind == "op" and self.space_before and self.space_after


def tokenize(source: str) -> list[Token]:
    tokens: list[Token] = []
    i = 0
    n = len(source)
    while True:
        trivia_start = i
        i = _skip_trivia(source, i)
        trivia = source[trivia_start:i]
        if i >= n:
            tokens.append(Token("eof", "", i, trivia, source.count("\n", 0, i) + 1))
            break
        start = i
        c = source[i]
        if c == '"' or (c == "#" and _raw_string_start(source, i)):
            i = _scan_string(source, i)
            kind = "string"
        elif c == "#" and i + 1 < n and (source[i + 1].isalpha() or source[i + 1] == "_"):
            i += 1
            while i < n and (source[i].isalnum() or source[i] == "_"):
                i += 1
            kind = "directive"
        elif c.isdigit():
            i, kind = _scan_number(source, i)
        elif c.isalpha() or c == "_" or c == "$" or ord(c) > 127:
            i += 1
            while i < n and (source[i].isalnum() or source[i] in "_$" or ord(source[i]) > 127):
                i += 1
            kind = "keyword" if source[start:i] in KEYWORDS else "ident"
        elif c == "`":
            end = source.find("`", i + 1)
            if end < 0:
                raise TokenizeError(f"unterminated backquoted name at offset {i}")
            i = end + 1
            kind = "ident"
        elif c == "." and not (i + 1 < n and source[i + 1] == "."):
            i += 1
            kind = "punct"
        elif c in OPERATOR_CHARS or c == ".":
            dots = c == "."
            i += 1
            while i < n and (source[i] in OPERATOR_CHARS or (dots and source[i] == ".")):
                # `//` or `/*` starts a comment, not more operator.
                if source[i] == "/" and i + 1 < n and source[i + 1] in "/*":
                    break
                i += 1
            kind = "op"
        elif c in PUNCTUATION:
            i += 1
            kind = "punct"
        else:
            raise TokenizeError(f"unexpected character {c!r} at offset {i}")
        text = source[start:i]
        tokens.append(Token(kind, text, start, trivia, source.count("\n", 0, start) + 1))
    for index, token in enumerate(tokens):
        token.index = index
        token.newline_before = "\n" in token.trivia or index == 0
        token.space_before = bool(token.trivia) or index == 0
    for token, following in zip(tokens, tokens[1:]):
        token.space_after = following.space_before or following.kind == "eof"
    _mark_prefixed_keywords(tokens)
    return tokens


def _mark_prefixed_keywords(tokens: list[Token]) -> None:
    """`try?`, `try!`, `as?`, `as!`: the `?`/`!` belongs to the keyword, not an operator."""
    for token, following in zip(tokens, tokens[1:]):
        if token.is_keyword("try", "as") and following.kind == "op" and not following.space_before:
            if following.text in ("?", "!"):
                token.extra["suffix"] = following.text
                following.extra["keyword_suffix"] = True


def _skip_trivia(source: str, i: int) -> int:
    n = len(source)
    while i < n:
        c = source[i]
        if c in " \t\r\n\f\v":
            i += 1
        elif source.startswith("//", i):
            end = source.find("\n", i)
            i = n if end < 0 else end
        elif source.startswith("/*", i):
            depth = 0
            while i < n:
                if source.startswith("/*", i):
                    depth += 1
                    i += 2
                elif source.startswith("*/", i):
                    depth -= 1
                    i += 2
                    if depth == 0:
                        break
                else:
                    i += 1
            if depth:
                raise TokenizeError("unterminated block comment")
        else:
            break
    return i


def _raw_string_start(source: str, i: int) -> bool:
    j = i
    while j < len(source) and source[j] == "#":
        j += 1
    return j < len(source) and source[j] == '"'


def _scan_string(source: str, i: int) -> int:
    """Returns the offset just past the string literal starting at `i` (raw strings included)."""
    hashes = 0
    while source[i] == "#":
        hashes += 1
        i += 1
    multiline = source.startswith('"""', i)
    quote = '"""' if multiline else '"'
    i += len(quote)
    closing = quote + "#" * hashes
    escape = "\\" + "#" * hashes
    n = len(source)
    while i < n:
        if source.startswith(escape, i):
            j = i + len(escape)
            if j < n and source[j] == "(":
                i = _skip_interpolation(source, j)
                continue
            i = j + 1
            continue
        if source.startswith(closing, i):
            return i + len(closing)
        if source[i] == "\n" and not multiline:
            break
        i += 1
    raise TokenizeError("unterminated string literal")


def _skip_interpolation(source: str, i: int) -> int:
    """`i` is at the `(` of `\\(`; returns the offset past its matching `)`."""
    depth = 0
    n = len(source)
    while i < n:
        c = source[i]
        if c == '"' or (c == "#" and _raw_string_start(source, i)):
            i = _scan_string(source, i)
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    raise TokenizeError("unterminated string interpolation")


def _scan_number(source: str, i: int) -> tuple[int, str]:
    n = len(source)
    if source.startswith(("0x", "0b", "0o"), i):
        i += 2
        while i < n and (source[i].isalnum() or source[i] == "_"):
            i += 1
        return i, "int"
    kind = "int"
    while i < n and (source[i].isdigit() or source[i] == "_"):
        i += 1
    if i + 1 < n and source[i] == "." and source[i + 1].isdigit():
        kind = "float"
        i += 1
        while i < n and (source[i].isdigit() or source[i] == "_"):
            i += 1
    if i < n and source[i] in "eE":
        j = i + 1
        if j < n and source[j] in "+-":
            j += 1
        if j < n and source[j].isdigit():
            kind = "float"
            i = j
            while i < n and (source[i].isdigit() or source[i] == "_"):
                i += 1
    return i, kind


def matching(tokens: list[Token]) -> dict[int, int]:
    """Maps the index of every bracket to the index of its partner."""
    pairs: dict[int, int] = {}
    stack: list[int] = []
    for token in tokens:
        if token.kind != "punct":
            continue
        if token.text in OPENERS:
            stack.append(token.index)
        elif token.text in CLOSERS:
            if not stack or tokens[stack[-1]].text != CLOSERS[token.text]:
                raise TokenizeError(f"unbalanced {token.text!r} on line {token.line}")
            opener = stack.pop()
            pairs[opener] = token.index
            pairs[token.index] = opener
    if stack:
        raise TokenizeError(f"unclosed {tokens[stack[-1]].text!r} on line {tokens[stack[-1]].line}")
    return pairs
