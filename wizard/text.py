"""Free-text field types: what each kind of text may contain and how it is normalised.

Every string in the document model is one of four kinds. The kind decides which
characters are allowed, the length limit, how the renderer treats it (a name is
literal, a line is inline Markdown, prose is Markdown blocks, code is fenced verbatim)
and (for front ends) which widget edits it. The kind travels with the type as an
``Annotated`` marker, so the TUI and the prompts can ask a field what it is instead of
keeping their own list.
"""

import enum
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any, get_args

from pydantic import AfterValidator, BeforeValidator, StringConstraints

from wizard.chars import ALWAYS_FORBIDDEN, describe_char


class TextKind(enum.Enum):
    NAME = "name"  # short single line, literal: a title, a component name, a table key
    LINE = "line"  # one line of inline Markdown: a target, a table cell
    PROSE = "prose"  # Markdown blocks: paragraphs, lists, fences, tables
    CODE = "code"  # verbatim code or diagram, fenced in Markdown


@dataclass(frozen=True)
class Text:
    """Marker carried in ``Annotated`` metadata.

    ``language`` is the code fence's language when the author names none;
    ``language_field`` names the sibling field where the author may name one.
    """

    kind: TextKind
    language: str = ""
    language_field: str = ""
    detail: bool = False  # has a sensible default (a fence language): progress never asks for it

    @property
    def multiline(self) -> bool:
        return self.kind in (TextKind.PROSE, TextKind.CODE)


# Sized for real documents: a reference title with its subtitle, a table cell holding a
# sentence with a link, a decision of 5,000 characters with three code samples.
NAME_MAX = 400
LINE_MAX = 2_000
PROSE_MAX = 50_000
CODE_MAX = 100_000

_FORBIDDEN_SINGLE_LINE = re.compile(f"[\t\n{ALWAYS_FORBIDDEN}]")
# Prose may hold tabs: real Markdown indents with them; the renderer expands them to spaces.
_FORBIDDEN_PROSE = re.compile(f"[{ALWAYS_FORBIDDEN}]")
_FORBIDDEN_CODE = re.compile(f"[{ALWAYS_FORBIDDEN}]")
_UNDECODED = re.compile("[\ud800-\udfff]")


_HINTS = {
    "\n": "this field is a single line; use a paragraph field for more",
    "\t": "use spaces instead of tabs",
}
_CONTROL_HINT = "remove it: it is invisible, or a terminal control"
_UNDECODED_HINT = "retype it: the terminal sent it in another encoding than UTF-8"


def _check(pattern: re.Pattern[str], value: str) -> str:
    match = pattern.search(value)
    if match is None:
        return value
    line = value.count("\n", 0, match.start()) + 1
    column = match.start() - (value.rfind("\n", 0, match.start()) + 1) + 1
    where = f"line {line}, column {column}" if "\n" in value else f"column {column}"
    hint = _HINTS.get(
        match.group(), _UNDECODED_HINT if "\ud800" <= match.group() <= "\udfff" else _CONTROL_HINT
    )
    raise ValueError(f"contains {describe_char(match.group())} at {where}; {hint}")


def _unify_newlines(value: Any) -> Any:
    if isinstance(value, str):
        return value.replace("\r\n", "\n").replace("\r", "\n")
    return value


def _strip(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def _tidy_lines(value: Any) -> Any:
    """Drop trailing spaces and blank lines at either end, keep indentation."""
    if not isinstance(value, str):
        return value
    lines = [line.rstrip() for line in _unify_newlines(value).split("\n")]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


def _single_line(value: str) -> str:
    return _check(_FORBIDDEN_SINGLE_LINE, value)


def _prose(value: str) -> str:
    return _check(_FORBIDDEN_PROSE, value)


def _code(value: str) -> str:
    return _check(_FORBIDDEN_CODE, value)


def json_pattern(allowed_whitespace: str) -> str:
    """The JSON Schema ``pattern`` of a text that may hold ``allowed_whitespace`` (of tab and
    newline) and none of the forbidden characters, so that an editor flags what archwiz
    refuses. Written with \\u escapes that ECMA-262, Python and Rust regexes all read;
    surrogates are left out: no UTF-8 file can hold one, and Rust's regex cannot name them."""
    forbidden = ALWAYS_FORBIDDEN.split("\ud800")[0] + "".join(
        char for char in "\t\n" if char not in allowed_whitespace
    )
    escaped = "".join(char if char == "-" else f"\\u{ord(char):04x}" for char in forbidden)
    return f"^[^{escaped}]*$"


def _text_type(
    marker: Text,
    normalise: Callable[[Any], Any],
    limit: int,
    check: Callable[[str], str],
    *,
    required: bool = False,
) -> Any:
    """One kind of text: normalised first, then length-checked, then character-checked.

    The character rule is archwiz's own check (its messages say where and why); the
    JSON Schema states it as a pattern for editors only (``add_text_patterns``).
    """
    # The length constraint comes before the normaliser in this list yet is checked after it:
    # a BeforeValidator runs ahead of everything listed before it. Placed here, the limit is
    # part of pydantic's native string check; listed after the normaliser it would run as a
    # Python function per value. That native check refuses a lone surrogate (a byte the
    # terminal sent undecoded) with a vague message, so such text meets the character rule first.

    def normalised(value: Any) -> Any:
        value = normalise(value)
        if isinstance(value, str) and not value.isascii() and _UNDECODED.search(value):
            check(value)  # raises, naming the first refused character as the later check would
        return value

    return Annotated[
        str,
        marker,
        StringConstraints(min_length=1 if required else 0, max_length=limit),
        BeforeValidator(normalised),
        AfterValidator(check),
    ]


Name = _text_type(Text(TextKind.NAME), _strip, NAME_MAX, _single_line, required=True)
"""A required short name; list items are identified by one."""
OptionalName = _text_type(Text(TextKind.NAME), _strip, NAME_MAX, _single_line)
Line = _text_type(Text(TextKind.LINE), _strip, LINE_MAX, _single_line)
Prose = _text_type(Text(TextKind.PROSE), _tidy_lines, PROSE_MAX, _prose)


def code(language: str, language_field: str = "") -> Any:
    """A verbatim block fenced as ``language`` in Markdown (tabs allowed), or as the language
    the author names in the sibling field ``language_field``."""
    return _text_type(Text(TextKind.CODE, language, language_field), _tidy_lines, CODE_MAX, _code)


_LANGUAGE = re.compile(r"[a-z0-9][a-z0-9_+#.-]{0,39}")


def _check_language(value: str) -> str:
    if value and not _LANGUAGE.fullmatch(value):
        raise ValueError("must be one word naming a language, like sql, yaml, typescript or text")
    return value


Language = Annotated[
    str,
    Text(TextKind.NAME, detail=True),
    BeforeValidator(lambda value: value.strip().lower() if isinstance(value, str) else value),
    StringConstraints(max_length=NAME_MAX),
    AfterValidator(_single_line),
    AfterValidator(_check_language),
]
"""A code fence's language (``sql``, ``yaml``); empty means the field's own default."""


# The whitespace each kind may hold; everything else of ALWAYS_FORBIDDEN is refused in all.
_WHITESPACE = {TextKind.NAME: "", TextKind.LINE: "", TextKind.PROSE: "\t\n", TextKind.CODE: "\t\n"}


def add_text_patterns(schema: dict[str, Any], model: type[Any]) -> None:
    """Give each text property of ``model``'s JSON Schema the pattern of its kind.

    Run by Pydantic only when a schema is generated (``archwiz schema``), not when the
    model is built: a pattern per field in the type itself costs start-up time.
    """
    properties = schema.get("properties", {})
    for name, info in model.model_fields.items():
        prop = properties.get(info.alias or name)
        if prop is None:
            continue
        marker = text_marker(info.metadata)
        if marker is None:
            items = get_args(info.annotation)
            marker = text_marker(list(getattr(items[0], "__metadata__", ()))) if items else None
            prop = prop.get("items", {}) if marker is not None else prop
        if marker is not None and "pattern" not in prop:
            prop["pattern"] = json_pattern(_WHITESPACE[marker.kind])


def text_marker(metadata: list[Any]) -> Text | None:
    """The ``Text`` marker among a field's metadata, if it is a text field."""
    for item in metadata:
        if isinstance(item, Text):
            return item
    return None
