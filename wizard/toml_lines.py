"""Find the line of a TOML file where a value lives, for error messages.

``tomllib`` returns plain dicts with no positions, so this reads the text once
more, line by line, and notes where each table, array-of-tables entry, key and
one-per-line array element starts. It is a locator, not a parser: it only ever
decides which line number an error message shows, and it falls back to the
nearest enclosing table when it cannot tell.
"""

import re
from collections.abc import Sequence

Path = tuple[str | int, ...]

_BARE_OR_QUOTED = r'(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|\'[^\']*\')'
_DOTTED = rf"{_BARE_OR_QUOTED}(?:\s*\.\s*{_BARE_OR_QUOTED})*"
_TABLE = re.compile(rf"^\s*(\[\[?)\s*({_DOTTED})\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(rf"^\s*({_DOTTED})\s*=\s*(.*)$")
_KEY_PART = re.compile(_BARE_OR_QUOTED)
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"|\'[^\']*\'')
_ELEMENT_START = re.compile(r"""^\s*["'{\[0-9tf+-]""")
# The tokens of a key outside strings (which _code_only has emptied to ""), one at a time.
_DEEP_TOKEN = re.compile(r"""[A-Za-z0-9_-]+|""|''|[ \t]+|.""")


# No path of the model is nearly this deep. Deeper headers or keys are cut here, so a
# crafted `[a.a.a...]` of 40,000 parts costs time and memory linear in its size: every
# prefix of a path is stored, which would be quadratic in its depth.
MAX_DEPTH = 32


def _key_parts(dotted: str) -> list[str]:
    if "." not in dotted and '"' not in dotted and "'" not in dotted:
        return [dotted.strip()]  # a bare key, as almost every key of a sidecar is
    parts = []
    for part in _KEY_PART.finditer(dotted):
        text = part.group()
        parts.append(text[1:-1] if text[:1] in "\"'" else text)
        if len(parts) == MAX_DEPTH:
            break
    return parts


def too_deep(text: str) -> int | None:
    """The first line holding a table header or key of more than MAX_DEPTH dotted parts.

    tomllib's time and memory grow with the square of such a key's depth (40,000
    parts: 30 s and 6 GB), so a spec is screened before it is parsed. Only lines with
    that many dots are looked at, so an ordinary spec costs one count of its dots.
    """
    if text.count(".") <= MAX_DEPTH:
        return None
    for number, line in enumerate(text.splitlines(), start=1):
        # Anywhere on the line, not only at its start: "x = {a.a.a... = 1}" is as costly.
        if line.count(".") >= MAX_DEPTH - 1 and _has_deep_key(_code_only(line)):
            return number
    return None


def _has_deep_key(code: str) -> bool:
    """Whether ``code`` holds MAX_DEPTH dotted parts in a row; one pass over its tokens
    (a regex for the run backtracks quadratically on long parts)."""
    run, after_dot = 0, False
    for token in _DEEP_TOKEN.finditer(code):
        text = token.group()
        if text[0] in " \t":
            continue
        if text == ".":
            run, after_dot = (0 if after_dot else run), True
        elif text[0] in "\"'" or text[0].isalnum() or text[0] in "_-":
            run, after_dot = (run + 1 if after_dot else 1), False
            if run >= MAX_DEPTH:
                return True
        else:
            run, after_dot = 0, False
    return False


def _opens_multiline_string(rest: str) -> str | None:
    """The closing delimiter if ``rest`` starts a multi-line string left open on this line."""
    for quote in ('"""', "'''"):
        if rest.startswith(quote) and rest.count(quote) == 1:
            return quote
    return None


def _code_only(text: str) -> str:
    """The line with its strings and comment removed, so brackets and commas can be counted."""
    return _STRING.sub('""', text).split("#", 1)[0].rstrip()


def _bracket_depth(text: str) -> int:
    if "[" not in text and "]" not in text:
        return 0  # no bracket anywhere, so none outside strings either
    code = _code_only(text)
    return code.count("[") - code.count("]")


class TomlLines:
    """Line numbers (1-based) of the tables, keys and array elements in a TOML text."""

    def __init__(self, text: str) -> None:
        self._lines: dict[Path, int] = {}
        self._last_index: dict[Path, int] = {}
        self._scan(text.splitlines())

    def line_of(self, path: Sequence[str | int]) -> int | None:
        """The line of ``path``, or of its nearest known ancestor."""
        key = tuple(path)
        while key:
            if key in self._lines:
                return self._lines[key]
            key = key[:-1]
        return None

    def _concrete(self, parts: list[str]) -> Path:
        """Resolve a dotted header against arrays of tables seen so far."""
        path: Path = ()
        for part in parts:
            path = (*path, part)
            if path in self._last_index:
                path = (*path, self._last_index[path])
        return path

    def _scan(self, lines: list[str]) -> None:
        table: Path = ()
        number = 0
        while number < len(lines):
            line = lines[number]
            number += 1
            header = _TABLE.match(line)
            if header:
                parts = _key_parts(header.group(2))
                if header.group(1) == "[[":
                    parent = (*self._concrete(parts[:-1]), parts[-1])
                    index = self._last_index.get(parent, -1) + 1
                    self._last_index[parent] = index
                    self._lines.setdefault(parent, number)
                    table = (*parent, index)
                else:
                    table = self._concrete(parts)
                # [a.b.c] also opens a and a.b, which may be where an error lies.
                for depth in range(1, len(table) + 1):
                    self._lines.setdefault(table[:depth], number)
                continue
            assignment = _KEY.match(line)
            if not assignment:
                continue
            path = table + tuple(_key_parts(assignment.group(1)))
            self._lines.setdefault(path, number)
            rest = assignment.group(2).strip()
            closing = _opens_multiline_string(rest)
            if closing:
                while number < len(lines) and closing not in lines[number]:
                    number += 1
                number += 1
            elif rest.startswith("[") and _bracket_depth(rest) > 0:
                number = self._scan_array(lines, number, path, _bracket_depth(rest))

    def _scan_array(self, lines: list[str], number: int, path: Path, depth: int) -> int:
        """Note one-per-line array elements; return the line after the array."""
        index = 0
        while number < len(lines) and depth > 0:
            line = lines[number]
            number += 1
            if depth == 1 and _ELEMENT_START.match(line):
                # One plain string and its comma, as sidecar arrays are written: no regex.
                simple = line.strip()
                plain = simple.endswith('",') and simple.count('"') == 2 and "\\" not in simple
                code = '"",' if plain else _code_only(line)
                count = code.count(",") + (0 if code.endswith(",") else 1)
                for element in range(index, index + count):
                    self._lines.setdefault((*path, element), number)
                index += count
            depth += _bracket_depth(line)
        return number
