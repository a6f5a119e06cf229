"""Turn user text into Markdown that renders as exactly that text.

User text is data, never markup: whatever a field holds, it must not add a
heading, a list, a table cell, a link, HTML, or end a code fence. The rules below
escape only what could start such a construct, so ordinary text (``tenant_id``,
``p95 > 1s``, ``C#``) stays readable in the Markdown source.
"""

import re

# Each rule starts with the character it escapes, so the regex engine can skip
# ordinary text by its first character instead of trying every rule everywhere.
#
# Characters that are markup wherever they stand: backslash, code, emphasis,
# links, HTML and autolinks, tables, strikethrough and (on GitHub) math.
_ANYWHERE = r"[\\`*\[\]~$]"
# "<" opens HTML or an autolink only when something other than a space follows; it is
# written as "&lt;" (see _backslashed).
_ANGLE = r"<(?![ \t]|$)"
# "&" only where it would start an entity reference such as &amp; or &#123;.
_ENTITY = r"&(?=#?[0-9A-Za-z]+;)"
# "_" emphasises only next to a non-alphanumeric: tenant_id is safe, _id_ is not.
_UNDERSCORE = r"_(?:(?<![^\W_]_)|(?![^\W_]))"
# "#" opens a heading at a line start and closes one after a space; linters also
# take a heading ending in "#" ("... in C#") for a closed heading without a space.
_HASH = r"#(?:(?<!\S#)|$)"
# A bare URL is not markup, but linters flag it (MD034); an escaped colon reads the same.
_URL_COLON = r":(?=//)(?:(?<=http:)|(?<=https:)|(?<=ftp:)|(?<=ftps:))"
# GitHub links a bare "www." (after anything but a letter, digit or dot); an escaped
# dot reads the same and keeps user text from becoming a link, as with http above.
# (GitHub also links e-mail addresses, and no escape prevents that; such a link
# points at exactly the address shown.)
_WWW_DOT = r"\.(?:(?<=^www\.)|(?<=[^A-Za-z0-9.]www\.))"
# Block markers that only count at the start of a line: lists, quotes, setext.
_LINE_START = r"[-+=>](?<![^\n][-+=>])"

# An e-mail address is linked by GitHub whatever we do (to exactly the address shown), but
# markdownlint reports a bare one (MD034); an escaped "@" reads the same and satisfies it.
_EMAIL_AT = r"@(?<=[\w.+-]@)(?=\w)"

_INLINE_RULES = (_ANYWHERE, _ANGLE, _ENTITY, _UNDERSCORE, _HASH, _URL_COLON, _WWW_DOT, _EMAIL_AT)
# Where text may begin a block (a list item, a paragraph line), its first
# character could open a list or a quote too; after a label it cannot.
_BLOCK_START = re.compile("|".join((r"\|", *_INLINE_RULES, _LINE_START)), re.MULTILINE)
_MID_LINE = re.compile("|".join((r"\|", *_INLINE_RULES)))
# Table cells hold inline content only, and mdutils escapes their "|" itself.
_TABLE_CELL = re.compile("|".join(_INLINE_RULES))
# "1." or "1)" at a line start, then a space or the end, is an ordered list item.
_ORDERED_MARKER = re.compile(r"^(\d{1,9})([.)])(?=[ \t]|$)", re.MULTILINE)
_BACKTICK_RUN = re.compile(r"`+")
# What markdown linters (MD011) take for a reversed link "(text)[url]", even inside code.
_REVERSED_LINK = re.compile(r"\([^()]*\)\[\s*(?!\^)[^\]\s]*\s*\]")
_BLANK_LINES = re.compile(r"\n\s*\n")


def inline(text: str, *, table_cell: bool = False, mid_line: bool = False) -> str:
    """Escape one line of user text for a heading, paragraph, list item or table cell.

    By default the text may start a block, so a leading "- ", "> " or "1. " is
    escaped; ``mid_line`` is for text that follows a label on its line. In a
    table cell the ``|`` is left for mdutils, which escapes it itself (and would
    double our escape). A line break cannot live in these places, so it becomes
    a space; the model refuses them in single-line fields anyway.
    """
    line = text.replace("\n", " ")
    if table_cell or mid_line:
        return (_TABLE_CELL if table_cell else _MID_LINE).sub(_backslashed, line)
    return _escape(line, _BLOCK_START)


_SPACED_DASH = re.compile(r"(?<= )-(?= |$)")
_UNESCAPED_COLON = re.compile(r"(?<!\\)((?:\\\\)*):")


def before_colon(escaped: str) -> str:
    """Escaped text followed by ``:`` and more (a link's title without an address, then its
    note): its own colons escaped too, so the first unescaped one is where it ends."""
    return _UNESCAPED_COLON.sub(r"\1\\:", escaped)


def before_dash(text: str) -> str:
    """A name followed by `` - `` and another value ("Tool - why"): its own dashes escaped,
    so the first unescaped one is where it ends, for a reader and for ``archwiz import``."""
    return _SPACED_DASH.sub(r"\\-", inline(text))


def in_list(text: str) -> str:
    """A name in a comma-separated list of names: its own commas escaped (``\\,`` shows as a
    comma), so each name stays one when the list is read back."""
    return inline(text).replace(",", "\\,")


def paragraphs(text: str) -> list[str]:
    """Escape multi-line prose into Markdown paragraphs, one per blank-line-separated block.

    Lines are left-trimmed because indentation is not visible in a paragraph and
    four spaces would turn it into a code block.
    """
    blocks: list[str] = []
    for block in _BLANK_LINES.split(text.strip()):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if lines:
            blocks.append("\n".join(_escape(line, _BLOCK_START) for line in lines))
    return blocks


def _backslashed(match: re.Match[str]) -> str:
    # A function, not the template r"\\\g<0>": a template is re-parsed on every call,
    # a function only runs per match, and ordinary text has few.
    char = match.group()
    # "<" and "&" as entities: "\<" and "\&" are CommonMark too, but pymarkdown's
    # link-fragment rule (MD051) crashes on them in some headings ("\>\&copy;:"); the
    # entities read the same everywhere.
    if char == "<":
        return "&lt;"
    return "&amp;" if char == "&" else "\\" + char


def _escape(line: str, markup: re.Pattern[str]) -> str:
    escaped = markup.sub(_backslashed, line)
    # Only a line starting with a digit can be an ordered-list item; most never are.
    return _ORDERED_MARKER.sub(r"\1\\\2", escaped) if escaped[:1].isdigit() else escaped


def code_span(text: str) -> str:
    """Inline code that shows ``text`` verbatim, however many backticks it holds."""
    text = text.replace("\n", " ")
    longest = max((len(run) for run in _BACKTICK_RUN.findall(text)), default=0)
    ticks = "`" * (longest + 1)
    if text.startswith("`") or text.endswith("`"):
        return f"{ticks} {text} {ticks}"
    return f"{ticks}{text}{ticks}"


def code_or_text(text: str, *, table_cell: bool = False) -> str:
    """Inline code where it can show ``text`` verbatim and lint clean; escaped text elsewhere.

    GFM splits a table row at "\\|" even inside a code span, so a code cell holding
    a backslash cannot be written faithfully; and linters read "(a)[b]" inside code
    as a reversed link. Either way the text stays visible, only not in monospace.
    """
    if (table_cell and "\\" in text) or _REVERSED_LINK.search(text):
        return inline(text, table_cell=table_cell)
    return code_span(text)


def fence(code: str, language: str) -> str:
    """A fenced code block longer than any backtick run inside, so the code cannot close it."""
    longest = max((len(run) for run in _BACKTICK_RUN.findall(code)), default=0)
    ticks = "`" * max(3, longest + 1)
    return f"{ticks}{language}\n{code}\n{ticks}"
