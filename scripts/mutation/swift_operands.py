"""Where the operands of a binary operator begin and end, by Swift's precedence groups.

`a + b * c < d`: the operands of `*` are `b` and `c`, those of `+` are `a` and `b * c`, those
of `<` are `a + b * c` and `d`. A scan stops at what ends an expression (a comma, a colon, an
unmatched bracket, `=`, `?` of a ternary, a keyword such as `else` or `try`, a new line that
does not go on, the brace of a control statement's body).
"""

from swift_blocks import COMPOUND_ASSIGN, STOP_WORDS, SourceFile
from swift_tokens import Token

PRECEDENCE = {
    "<<": 160, ">>": 160, "*": 150, "/": 150, "%": 150, "&*": 150, "&": 150,
    "+": 140, "-": 140, "&+": 140, "&-": 140, "|": 140, "^": 140, "..<": 135, "...": 135,
    "as": 132, "is": 132, "??": 131, "<": 130, "<=": 130, ">": 130, ">=": 130, "==": 130,
    "!=": 130, "===": 130, "!==": 130, "~=": 130, "&&": 120, "||": 110,
}
RIGHT_ASSOCIATIVE = {"??"}


def operand_extent(source: SourceFile, i: int) -> tuple[int, int] | None:
    """The tokens of `left op right` around the binary operator at `i`, by precedence."""
    tokens, match = source.tokens, source.match
    op = tokens[i].text
    precedence = PRECEDENCE.get(op, 105)
    start = i
    j = i - 1
    while j >= 0:
        t = tokens[j]
        if tokens[j + 1].newline_before and not _joins(t, tokens[j + 1]):
            break
        if t.kind == "punct" and t.text in ")]}":
            start = match[j]
            j = start - 1
            continue
        if _ends_operand(t):
            break
        if t.binary or t.is_keyword("as", "is"):
            p = PRECEDENCE.get(t.text, 105)
            if p < precedence or (p == precedence and op in RIGHT_ASSOCIATIVE):
                break
        start = j
        j -= 1
    end = i + 1
    j = i + 1
    while j < len(tokens) and tokens[j].kind != "eof":
        t = tokens[j]
        if j > i + 1 and t.newline_before and not _joins(tokens[j - 1], t):
            break
        if t.kind == "punct" and t.text in "([{":
            if t.text == "{" and j in source.control_braces:
                break
            j = match[j]
        elif _ends_operand(t):
            break
        elif t.binary or t.is_keyword("as", "is"):
            p = PRECEDENCE.get(t.text, 105)
            if p < precedence or (p == precedence and op not in RIGHT_ASSOCIATIVE):
                break
        end = j + 1
        j += 1
    if start == i or end == i + 1:
        return None
    return start, end


def _ends_operand(t: Token) -> bool:
    if t.kind == "punct" and t.text in "([{)]},;:":
        return True
    if t.kind == "keyword" and t.text in STOP_WORDS:
        return True
    if t.kind == "directive" or t.extra.get("keyword_suffix"):
        return True
    if t.kind == "op" and (t.text == "=" or t.text in COMPOUND_ASSIGN or t.text == "->"
                           or (t.text == "?" and t.binary)):
        return True
    return t.kind == "eof"


def _joins(previous: Token, token: Token) -> bool:
    return token.text.startswith(".") or previous.binary or token.binary
