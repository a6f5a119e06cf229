"""TOML for one table's plain values, byte for byte what ``tomli_w.dumps`` writes.

The sidecar writes every table under its own header and needs tomli-w only for the
values: strings, numbers, flags, dates and arrays of them. tomli-w escapes a string one
character at a time (2 of the 3 s a 10,000-item sidecar took); here a string that needs
no escape, as nearly every user's text does, is quoted as it is, and one that does is
escaped by a single regex pass. tests/test_toml_format.py holds it to tomli-w's output.
"""

import re
from datetime import date
from typing import Any

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
# What a basic string cannot hold as it is: the quote, the backslash and control
# characters except tab; a multi-line string may also hold a line feed.
_ESCAPE_ONE_LINE = re.compile(r'[\x00-\x08\x0a-\x1f"\\\x7f]')
_ESCAPE_MULTILINE = re.compile(r'[\x00-\x08\x0b-\x1f"\\\x7f]')
_COMPACT = {"\b": "\\b", "\n": "\\n", "\f": "\\f", "\r": "\\r", '"': '\\"', "\\": "\\\\"}
_INDENT = "    "


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return _COMPACT.get(char) or f"\\u{ord(char):04x}"


def string(value: str, *, multiline: bool) -> str:
    """``value`` as a TOML basic string; a multi-line one when allowed and it holds a line feed."""
    if multiline and "\n" in value:
        value = value.replace("\r\n", "\n")
        return '"""\n' + _ESCAPE_MULTILINE.sub(_escape, value) + '"""'
    return '"' + _ESCAPE_ONE_LINE.sub(_escape, value) + '"'


_KEYS: dict[str, str] = {}  # a document has a few dozen distinct keys, written thousands of times


def key(part: str) -> str:
    written = _KEYS.get(part)
    if written is None:
        written = part if _BARE_KEY.fullmatch(part) else string(part, multiline=False)
        if len(_KEYS) < 1024:
            _KEYS[part] = written
    return written


def literal(value: Any, nest_level: int = 0) -> str:
    if type(value) is str:  # nearly every value: tested first
        return string(value, multiline=True)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return string(value, multiline=True)
    if isinstance(value, (int, float, date)):  # datetime is a date: str() writes both as tomli-w does
        return str(value)
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        inner = _INDENT * (nest_level + 1)
        items = ",\n".join(inner + literal(item, nest_level + 1) for item in value)
        return f"[\n{items},\n{_INDENT * nest_level}]"
    raise TypeError(f"{type(value).__qualname__} is not a plain TOML value")


def line(name: str, value: Any) -> str:
    """One ``key = value`` line, as tomli-w writes it."""
    return f"{key(name)} = {literal(value)}\n"
