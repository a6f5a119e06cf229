"""Characters that must never reach a document or a terminal raw, and how to name them.

Kept free of other imports: the CLI needs ``printable`` before it knows whether
it will load the model at all.
"""

import re
import unicodedata

# Characters that never belong in a document: C0/C1 controls, Unicode line and
# paragraph separators, and the bidirectional controls used in "Trojan Source"
# attacks, which reorder what a reader sees. A stray BOM is refused for the same
# reason, and so are lone surrogates: a terminal that sends bytes that are not
# UTF-8 arrives as those, and no UTF-8 file can hold one. Tab and newline are
# allowed only where the kind allows them.
ALWAYS_FORBIDDEN = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff"
)
_CHAR_NAMES = {"\t": "a tab", "\n": "a line break", "\x00": "a NUL byte", "\x1b": "an ESC"}


_UNPRINTABLE = re.compile(f"[\t\n{ALWAYS_FORBIDDEN}]")
_FORBIDDEN = re.compile(f"[{ALWAYS_FORBIDDEN}]")


def printable(text: str) -> str:
    """``text`` safe for a terminal: controls, line breaks and bidi overrides spelled out.

    File names and values reach error messages; an ESC in one must not recolour,
    clear or retitle the user's terminal, nor a newline forge another message line.
    """
    return _UNPRINTABLE.sub(lambda match: repr(match.group())[1:-1], text)


def without_forbidden(text: str) -> str:
    """``text`` less the characters no text field accepts (tabs and line breaks stay)."""
    return _FORBIDDEN.sub("", text)


def describe_char(char: str) -> str:
    """Name a character for an error message, never printing it raw."""
    if char in _CHAR_NAMES:
        return _CHAR_NAMES[char]
    if "\udc80" <= char <= "\udcff":  # how Python carries a byte it could not decode
        return f"a byte that is not UTF-8 (0x{ord(char) - 0xDC00:02X})"
    name = unicodedata.name(char, "")
    code = f"U+{ord(char):04X}"
    return f"the control character {code} {name}".rstrip() if name else f"the control character {code}"
