"""User Markdown made safe to stand inside the document: GitHub shows what the author meant,
and nothing the author wrote can change the document's skeleton.

``safe_prose(text, min_heading_level)`` keeps the author's source verbatim and edits only
what breaks a rule (the research and measurements behind this are in
docs/research/markdown-prose.md):

- a heading is nested below the part it belongs to (never at or above its level);
- raw HTML shows as text; a link or image whose scheme is not http, https, mailto or a
  relative path shows as text; footnotes and reference definitions (document-wide in
  Markdown, so one field's would reach into another) are inlined or shown as text;
- an unclosed fence ends where the field ends; a ``|`` in a code span stays in its cell.

Cheapest first: a substring prefilter returns ordinary prose untouched (~4 µs); otherwise
cmark-gfm, GitHub's own engine, checks it (~25 µs); only text that breaks a rule is parsed
with markdown-it-pyrs, whose tree carries byte positions, edited span by span and checked
again; if the two parsers still disagree the field is shown as a fenced text block.

The caller places the result at column 0 of its container, with a blank line before and
after (``wizard.markdown.blocks`` does).
"""

import contextlib
import ctypes
import html as _html
import re
import secrets
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from typing import Any

import cmarkgfm
import cmarkgfm._cmark as _cm
from markdown_it_pyrs import MarkdownIt

from wizard.markdown.escape import inline

# cmarkgfm's github_flavored_markdown_to_html never frees the tree nor the HTML (~7 KB a
# call: 440 MB over 60,000 fields). Its cffi surface does not declare cmark_node_free, but
# the library exports it, so it is reached through ctypes; where that fails (another libc,
# another build) the leaking call is used rather than none.
_lib: Any = _cm.lib
_ffi: Any = _cm.ffi
_node_free: Any = None
_libc_free: Any = None
with contextlib.suppress(OSError, AttributeError):
    _node_free = ctypes.CDLL(_cm.__file__).cmark_node_free
    _node_free.argtypes = [ctypes.c_void_p]
    _libc_free = ctypes.CDLL(None).free
    _libc_free.argtypes = [ctypes.c_void_p]
_lib.cmark_gfm_core_extensions_ensure_registered()
_EXTS = [
    _lib.cmark_find_syntax_extension(n)
    for n in (b"table", b"autolink", b"tagfilter", b"strikethrough", b"tasklist")
]
# no CMARK_OPT_UNSAFE: raw HTML -> "<!-- raw HTML omitted -->", javascript:/vbscript:/file:/
# data:(non-image) URLs -> "".  FOOTNOTES on because github.com renders footnotes.
_OPTS = _lib.CMARK_OPT_GITHUB_PRE_LANG | _lib.CMARK_OPT_FOOTNOTES


def gfm_html(text: str, options: int = _OPTS) -> str:
    """The HTML github.com would show for ``text`` (cmark-gfm, its sanitising defaults)."""
    if _node_free is None or _libc_free is None:
        return str(cmarkgfm.github_flavored_markdown_to_html(text, options))
    b = text.encode("utf-8", "surrogatepass")
    p = _lib.cmark_parser_new(options)
    for e in _EXTS:
        _lib.cmark_parser_attach_syntax_extension(p, e)
    _lib.cmark_parser_feed(p, b, len(b))
    root = _lib.cmark_parser_finish(p)
    h = _lib.cmark_render_html(root, options, _lib.cmark_parser_get_syntax_extensions(p))
    try:
        return str(_ffi.string(h).decode("utf-8"))
    finally:
        _libc_free(int(_ffi.cast("uintptr_t", h)))
        _node_free(int(_ffi.cast("uintptr_t", root)))
        _lib.cmark_parser_free(p)


# --------------------------------------------------------------------------------------------
# URL policy
# --------------------------------------------------------------------------------------------
_SAFE_SCHEMES = frozenset(("http", "https", "mailto"))
_SCHEME_RE = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*):")
_STRIP_RE = re.compile(r"[\x00-\x20\x7f]")  # browsers drop these (e.g. "java\tscript:")


def url_is_safe(url: str) -> bool:
    u = _STRIP_RE.sub("", _html.unescape(url))
    if not u:
        return False  # empty dest: also what cmark emits for URLs it neutralised
    if u.startswith(("//", "\\\\", "/\\", "\\/")):
        return False  # network-path reference: not a relative path
    m = _SCHEME_RE.match(u)
    if m is None:
        return True  # relative path / #fragment / ?query
    return m.group(1).lower() in _SAFE_SCHEMES


# --------------------------------------------------------------------------------------------
# 1. prefilter: superset of everything that could need a change
# --------------------------------------------------------------------------------------------
_ATX_RE = re.compile(r"^[ \t>*+\-\d.)]*#", re.M)  # ATX heading, also in quote/list
_SETEXT_RE = re.compile(r"^[ \t>]*(?:=+|-+)[ \t]*$", re.M)  # setext underline (or rule)
# GFM bare autolinks with bad schemes (ftp:, xmpp:); char classes instead of (?i:ftp|xmpp)
# because the case-insensitive alternation defeats re's literal scan (8 us vs 1.7 us)
_BARE_RE = re.compile(r"[fFxX][tTmM][pPmM][pP]?:")


def _maybe_unsafe(t: str) -> bool:
    """Cheap superset test: False => nothing in t can need a change.  Plain `in` tests first
    (memchr speed); regexes only run when their key character is present."""
    return (
        "<" in t
        or "](" in t
        or "][" in t
        or "]:" in t
        or "[^" in t
        or "```" in t
        or "~~~" in t
        or ("#" in t and _ATX_RE.search(t) is not None)
        or (("=" in t or "-" in t) and _SETEXT_RE.search(t) is not None)
        or (("p:" in t or "P:" in t) and _BARE_RE.search(t) is not None)
        or ("|" in t and "`" in t)
    )


# --------------------------------------------------------------------------------------------
# 2. authoritative check with cmark-gfm
# --------------------------------------------------------------------------------------------
_SENTINEL = "Zq9SentinelZq9"
_H_RE = re.compile(r"<h([1-6])[ >]")
_URL_RE = re.compile(r'(?:href|src)="([^"]*)"')
# link reference / footnote definitions are document-global: [x] in *another* field or in the
# generated text would resolve to them (first definition wins).  cmark's HTML does not show
# definitions, so candidate labels are probed: "[label]" in the sentinel paragraph must not
# become a link.
# A label may run over several lines ("[evil\nlink]: ..."), as CommonMark allows.
_DEF_LABEL_RE = re.compile(r"^[ \t>*+\-\d.)]*\[((?:[^\]\\]|\\.)+)\]:", re.M)


def gfm_violations(text: str, min_heading_level: int) -> list[str]:
    """What github.com (cmark-gfm) would render that breaks the rules.  Plain `in` tests gate
    each regex (one alternation regex over the HTML cost 8 us, this ~1-2 us)."""
    probe = _SENTINEL
    if "]:" in text:
        probe += "".join(" [" + lb + "]" for lb in _DEF_LABEL_RE.findall(text))
    out = gfm_html(text + "\n\n" + probe + "\n")
    bad = []
    i = out.rfind("<p>" + _SENTINEL)
    tail = out[i:]
    if i < 0 or not tail.endswith("</p>\n") or tail.count("<p>") != 1:
        bad.append("leak: construct not closed at end of field")
    elif "<a " in tail or "<sup" in tail:
        bad.append("global link/footnote definition")
    if "<h" in out:
        bad.extend("heading h" + lv for lv in _H_RE.findall(out) if int(lv) < min_heading_level)
    if "<!-- raw HTML omitted -->" in out:
        bad.append("raw html")
    if 'class="footnotes"' in out:
        bad.append("footnote")
    if '="' in out:
        bad.extend("unsafe url " + u[:40] for u in _URL_RE.findall(out) if not url_is_safe(u))
    return bad


# --------------------------------------------------------------------------------------------
# 2b. many fields in one cmark-gfm call
# --------------------------------------------------------------------------------------------
# Each call above costs ~30 us of setup around a few us of parsing: a document of 10,000
# components and decisions spent a second there. A whole document's fields are parsed
# together instead, each followed by a sentinel paragraph, and each field's stretch of the
# HTML is checked as gfm_violations checks one field alone. The sentinel holds a nonce drawn
# for the batch, so no text (not even through entities) can forge one; a field that swallows
# its sentinel (an unclosed fence or HTML block) ends the batch's verdicts there, and the
# fields from it on are checked alone. Fields that define links or footnotes (document-wide,
# so they would reach into the other fields) are always checked alone.
_BATCH = 400  # fields per call: a field that swallows the rest costs at most this many
_KNOWN: ContextVar[dict[str, int] | None] = ContextVar("known_prose", default=None)
_NOTHING_TO_CHECK = 99  # above any heading level: the prefilter found nothing to look at


def _batch_levels(texts: list[str]) -> dict[str, int]:
    """For each text found free of violations, the level of its highest heading (7 if none)."""
    nonce = "Zq" + secrets.token_hex(8)
    html = gfm_html("".join(f"{text}\n\n{nonce}{k}\n\n" for k, text in enumerate(texts)))
    levels: dict[str, int] = {}
    pos = 0
    for k, text in enumerate(texts):
        marker = f"<p>{nonce}{k}</p>\n"
        end = html.find(marker, pos)
        if end < 0:
            break
        segment = html[pos:end]
        pos = end + len(marker)
        if (
            segment.startswith("</")  # the sentinel sat inside a container the field left open
            or "<!-- raw HTML omitted -->" in segment
            or "<sup" in segment
            or ('="' in segment and not all(url_is_safe(u) for u in _URL_RE.findall(segment)))
        ):
            continue
        levels[text] = min((int(lv) for lv in _H_RE.findall(segment)), default=7) if "<h" in segment else 7
    return levels


@contextlib.contextmanager
def checked_together(texts: Iterable[str]) -> Iterator[None]:
    """Within this block, safe_prose answers for ``texts`` from one check of them all."""
    levels: dict[str, int] = {}
    candidates: dict[str, None] = {}
    for text in texts:
        if not _maybe_unsafe(text):
            levels[text] = _NOTHING_TO_CHECK
        elif "]:" not in text and "[^" not in text:
            candidates[text] = None
    batch = list(candidates)
    for start in range(0, len(batch), _BATCH):
        levels.update(_batch_levels(batch[start : start + _BATCH]))
    token = _KNOWN.set(levels)
    try:
        yield
    finally:
        _KNOWN.reset(token)


def _codespan_pipes(line: str) -> list[int]:
    """Indexes of unescaped '|' that lie inside a backtick code span on one table row."""
    res: list[int] = []
    i, n = 0, len(line)
    while i < n:
        c = line[i]
        if c == "\\":
            i += 2
            continue
        if c == "`":
            j = i
            while j < n and line[j] == "`":
                j += 1
            run = j - i
            k = j
            while k < n:  # find closing run of exactly `run` backticks
                if line[k] == "`":
                    e = k
                    while e < n and line[e] == "`":
                        e += 1
                    if e - k == run:
                        res.extend(p for p in range(j, k) if line[p] == "|" and line[p - 1] != "\\")
                        i = e
                        break
                    k = e
                else:
                    k += 1
            else:
                i = j
            continue
        i += 1
    return res


# --------------------------------------------------------------------------------------------
# 3. slow path: markdown-it-pyrs positions -> span edits
# --------------------------------------------------------------------------------------------
_MD = MarkdownIt("commonmark").enable_many(
    # no "footnote" plugin: with it, unreferenced footnote definitions vanish from the tree
    # (no srcmap to fix) - without it "[^1]: x" is a plain `definition` node we can escape
    # No "autolink_ext" either: markdown-it-pyrs 0.4.0 panics on "www.x.org/é" (it slices
    # UTF-8 inside a character). GitHub's bare links are http(s), safe; the unsafe bare
    # schemes (ftp://, xmpp:) are found in text nodes instead (_fix_inline_text).
    ["table", "strikethrough", "tasklist"]
)
# tight list items hold inline nodes directly (no paragraph node) in markdown-it-pyrs
_INLINE_PARENTS = frozenset(("paragraph", "heading", "lheading", "tcell", "list_item"))
_INLINE_WRAPPERS = frozenset(("em", "strong", "strikethrough", "link", "image"))
_LINKY_RE = re.compile(rb"\]\(|\]\[|\]:|<[A-Za-z][A-Za-z0-9+.\-]{1,31}:|\[\^")
_BARE_SCHEME_RE = re.compile(rb"(?<![A-Za-z0-9+.\-])([A-Za-z][A-Za-z0-9+.\-]*)(?=://)")
_XMPP_RE = re.compile(rb"xmpp:[^\s<>`]+")
_LIST_MARK_RE = re.compile(rb"[-+*]|\d{1,9}[.)]")


Node = tuple[str, Any, Any, list[Any]]  # (name, (start, end) bytes or None, node, children)
Edit = tuple[int, int, bytes]  # replace bytes start:end with these


def _convert(node: Any, headings: list[Node]) -> Node:
    """pyrs Node -> (name, srcmap, node, kids).  Every Node attribute access builds a fresh
    Python object (~0.3 us, .meta ~0.5 us), so read each one exactly once."""
    name = node.name
    kids = [_convert(c, headings) for c in node.children]
    # markdown-it-pyrs 0.4.0 bug: a text node before a hard break ("line  \n") in any but the
    # first paragraph gets end = start + paragraph offset + len, running into later blocks.
    # Clamp each node's end to its next sibling's start.
    for i in range(len(kids) - 1):
        a, b = kids[i][1], kids[i + 1][1]
        if a and b and a[1] > b[0]:
            kids[i] = (kids[i][0], (a[0], b[0]), *kids[i][2:])
    sm = node.srcmap
    if kids and sm and kids[-1][1] and kids[-1][1][1] > sm[1]:
        kids[-1] = (kids[-1][0], (kids[-1][1][0], sm[1]), *kids[-1][2:])
    t = (name, sm, node, kids)
    if name == "heading" or name == "lheading":
        headings.append(t)
    return t


def _inline_src(src: bytes, kids: list[Node]) -> bytes:
    """Source of a heading's inline content on one line (softbreaks -> space)."""
    kids = [c for c in kids if c[1]]
    if not kids:
        return b""
    parts, pos = [], kids[0][1][0]
    for name, (s, e), _, _ in kids:
        parts.append(src[pos:s])
        parts.append(b" " if name in ("softbreak", "hardbreak") else src[s:e])
        pos = e
    return b"".join(parts).strip()


_ESC_RE = re.compile(rb"[\[<]")


def _escape_chars(src: bytes, s: int, e: int, edits: list[Edit], skip: int = 0) -> None:
    for m in _ESC_RE.finditer(src, s + skip, e):
        i = m.start()
        edits.append((i, i, b"\\") if src[i] == 0x5B else (i, i + 1, b"&lt;"))


def _heading_edits(src: bytes, headings: list[Node], min_level: int, edits: list[Edit]) -> None:
    if not headings:
        return
    levels = [h[2].meta["level"] for h in headings]
    bold = min_level > 6
    shift = max(0, min_level - min(levels))
    if not (shift or bold):
        return
    for (name, (s, e), _, kids), level in zip(headings, levels, strict=False):
        new = min(level + shift, 6)
        if bold or name == "lheading" or new != level + shift:
            body = _inline_src(src, kids)
            if body.endswith(b"#"):
                body = body[:-1] + b"\\#"  # else it would become an ATX closing sequence
            if bold:
                rep = b"**" + body + b"**" if body else b""
            else:
                rep = b"#" * new + (b" " + body if body else b"")
            edits.append((s, e, rep))  # overlapping inner edits wait a round
        else:
            edits.append((s, s, b"#" * shift))


def _walk(src: bytes, node: Node, edits: list[Edit]) -> None:
    name, sm, raw, kids = node
    if name in _INLINE_PARENTS:
        _fix_inline_text(src, kids, edits)
    elif name == "html_block" or name == "html_inline":
        _escape_chars(src, sm[0], sm[1], edits)
        return
    elif name == "link" or name == "image":
        meta = raw.meta
        url = meta.get("url", "")
        s, e = sm
        if not url_is_safe(url) or src[s : s + 2] == b"[^":  # bad scheme / footnote ref
            edits.append((s + (name == "image"), s + (name == "image"), b"\\"))
            return
        if src[e - 1 : e] == b"]":  # reference link: inline it, defs are global
            k = [c for c in kids if c[1]]
            t_end = k[-1][1][1] if k else s + (2 if name == "image" else 1)
            dest = url.replace("(", "%28").replace(")", "%29").replace(" ", "%20").encode()
            title = meta.get("title")
            tpart = b' "' + title.replace("\\", "\\\\").replace('"', '\\"').encode() + b'"' if title else b""
            edits.append((t_end, e, b"](" + dest + tpart + b")"))
    elif name == "autolink":
        url = raw.meta.get("url", "")
        s, e = sm
        if not url_is_safe(url):
            if src[s : s + 1] == b"<":
                edits.append((s, s + 1, b"&lt;"))
            else:  # GFM bare autolink (e.g. xmpp:): code span
                edits.append((s, s, b"`"))
                edits.append((e, e, b"`"))
        return
    elif name == "definition":
        if raw.meta.get("label", "").startswith("^"):
            edits.append((sm[0], sm[0], b"\\"))
        else:
            edits.append((sm[0], sm[1], b""))
        return
    elif name == "footnote_def" or name == "footnote_ref":
        if sm:
            edits.append((sm[0], sm[0], b"\\"))
        if name == "footnote_ref":
            return
    elif name == "fence":
        s, e = sm
        meta = raw.meta
        ch = meta["marker"].encode()
        n = meta["marker_len"]
        lines = src[s:e].rstrip(b"\n").split(b"\n")
        closed = len(lines) >= 2 and re.fullmatch(
            rb"[ \t>]*" + re.escape(ch) + rb"{%d,}[ \t]*" % n, lines[-1]
        )
        if not closed and src[e:].strip() == b"":
            ls = src.rfind(b"\n", 0, s) + 1
            prefix = _LIST_MARK_RE.sub(lambda m: b" " * len(m.group()), src[ls:s])
            nl = b"" if src.endswith(b"\n") else b"\n"
            edits.append((len(src), len(src), nl + prefix + ch * n + b"\n"))
        return
    elif name == "code_inline" or name == "code_block":
        return
    elif name == "table":
        s, e = sm
        pos = s
        for line in src[s:e].split(b"\n"):
            if b"`" in line and b"|" in line:
                t = line.decode("utf-8", "surrogatepass")
                for ci in _codespan_pipes(t):
                    bi = pos + len(t[:ci].encode("utf-8", "surrogatepass"))
                    edits.append((bi, bi, b"\\"))
            pos += len(line) + 1
    for c in kids:
        _walk(src, c, edits)


def _fix_inline_text(src: bytes, kids: list[Node], edits: list[Edit]) -> None:
    """Text nodes: links markdown-it refused (javascript:, data:...) are text here but links
    on GitHub; bare ftp:// is autolinked by GitHub only.  Escape them in place."""
    texts, stack, box_text = [], list(kids), -1
    if kids and kids[0][0] == "todo_checkbox" and len(kids) > 1 and kids[1][1]:
        box_text = kids[1][1][0]  # its srcmap wrongly starts at the "[ ]" marker
    while stack:
        name, sm, _, k = stack.pop()
        if name == "text":
            if sm:
                texts.append(sm)
        elif name in _INLINE_WRAPPERS:
            stack.extend(k)
    suspicious = any(_LINKY_RE.search(src, s, e) for s, e in texts)
    for s, e in texts:
        if suspicious:
            skip = 3 if s == box_text else 0
            _escape_chars(src, s, e, edits, skip)
        if b"xmpp:" in src[s:e]:  # pyrs misses some bare xmpp: autolinks GitHub makes
            for m in _XMPP_RE.finditer(src, s, e):
                edits.append((m.start(), m.start(), b"`"))
                edits.append((m.end(), m.end(), b"`"))
        if b"://" in src[s:e]:
            for m in _BARE_SCHEME_RE.finditer(src, s, e):
                if m.group(1).lower() not in (b"http", b"https"):
                    edits.append((m.end(), m.end(), b"\\"))


def _apply(src: bytes, edits: list[Edit]) -> bytes:
    # replacement before insertions at the same offset: the insertions lie inside the replaced
    # span and are dropped (re-derived next round) instead of being glued in front of it
    edits.sort(key=lambda x: (x[0], -x[1]))
    out, pos = [], 0
    for s, e, rep in edits:
        if s < pos:  # overlapping edit: drop, next round re-parses
            continue
        out.append(src[pos:s])
        out.append(rep)
        pos = e
    out.append(src[pos:])
    return b"".join(out)


_BACKTICKS = re.compile(r"(?<!\\)(?:\\\\)*(`+)")
_FENCE_LINE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


_BLOCKS = re.compile(
    r"(\n[ \t]*\n|\n(?=[ \t]{0,3}(?:#|>|[-+*][ \t]|\d{1,9}[.)][ \t]|(?:[-*_][ \t]*){3,}$|<)))", re.M
)


def _loose_backtick_runs(text: str) -> list[tuple[int, int]]:
    """(start, end) of every backtick run in ``text`` that opens no code span, outside fences."""
    loose: list[tuple[int, int]] = []
    fence = ""
    start = 0
    # Code spans live inside one block: a blank line ends it, and so does a line that opens
    # another (a heading interrupts a paragraph); splitting too often only hides more.
    for block in _BLOCKS.split(text):
        runs: list[tuple[int, int]] = []
        pos = start
        for line in block.split("\n"):
            marker = _FENCE_LINE.match(line)
            if fence:
                if marker and marker.group(1)[0] == fence[0] and len(marker.group(1)) >= len(fence):
                    fence = ""
            elif marker and not (marker.group(1)[0] == "`" and "`" in line[marker.end() :]):
                fence = marker.group(1)
            else:
                runs.extend((pos + m.start(1), pos + m.end(1)) for m in _BACKTICKS.finditer(line))
            pos += len(line) + 1
        index = 0
        while index < len(runs):
            length = runs[index][1] - runs[index][0]
            close = next((j for j in range(index + 1, len(runs)) if runs[j][1] - runs[j][0] == length), None)
            if close is None:
                loose.append(runs[index])
                index += 1
            else:
                index = close + 1
        start += len(block)
    return loose


def mask_loose_backticks(text: str) -> str:
    """``text`` with every backtick that opens no code span replaced by DEL, byte for byte.

    markdown-it-pyrs 0.4.0 panics (index out of bounds in code_pair.rs) on a backtick run
    without its closing run after a "[" ("a [` b"); such a run is literal text in CommonMark,
    so hiding it changes nothing the walk looks at and keeps every offset. Fenced blocks are
    left alone; code spans do not cross a blank line. Anything this misses is caught as a
    panic by the caller, and the field falls back to a fenced block.
    """
    if "`" not in text or "[" not in text:
        return text
    out = list(text)
    for start, end in _loose_backtick_runs(text):
        out[start:end] = "\x7f" * (end - start)
    return "".join(out)


def _fallback(text: str) -> str:
    runs = [len(m) for m in re.findall(r"`+", text)] or [0]
    fence = "`" * max(3, max(runs) + 1)
    return fence + "text\n" + text.rstrip("\n") + "\n" + fence + "\n"


def safe_prose(text: str, min_heading_level: int) -> str:
    known = _KNOWN.get()
    if known is not None and known.get(text, 0) >= min_heading_level and not _table_pipes(text):
        return text  # checked with the rest of its document (checked_together)
    if not _maybe_unsafe(text):
        return text  # fast path 1
    if not _needs_fix(text, min_heading_level):
        return text  # fast path 2
    return _slow(text, min_heading_level)


def _needs_fix(text: str, min_level: int) -> bool:
    """Pre-check: safety violations (cmark-gfm) or a fidelity fix (pipe in a code span in a
    table row - heuristic, may also hit code blocks; only costs a slow-path run)."""
    return bool(gfm_violations(text, min_level) or _table_pipes(text))


def _table_pipes(text: str) -> bool:
    if "|" not in text or "`" not in text:
        return False
    return any(_codespan_pipes(row) for row in text.split("\n") if "|" in row and "`" in row)


def _slow(text: str, min_level: int) -> str:
    src = text.replace("\r\n", "\n").replace("\r", "\n").encode("utf-8", "surrogatepass")
    for _ in range(4):
        headings: list[Node] = []
        try:
            tree = _convert(_MD.tree(mask_loose_backticks(src.decode("utf-8", "surrogatepass"))), headings)
        except BaseException as error:  # pyo3's PanicException derives from BaseException
            if isinstance(error, KeyboardInterrupt | SystemExit):
                raise
            break
        edits: list[Edit] = []
        _heading_edits(src, headings, min_level, edits)
        _walk(src, tree, edits)
        if not edits:
            break  # nothing (left) that markdown-it-pyrs can locate
        src = _apply(src, edits)
        out = src.decode("utf-8", "surrogatepass")
        if not gfm_violations(out, min_level):
            return out  # verified with cmark-gfm (GitHub's engine)
    out = src.decode("utf-8", "surrogatepass")
    if not gfm_violations(out, min_level):
        return out  # e.g. only the table-pipe heuristic had fired
    return _fallback(text)  # parsers disagree: safe but unformatted


# What would open a block at the start of a one-line text: a heading, a list item, a
# quote, a thematic break, a fence, a reference definition. Escaping its first character
# keeps the line one paragraph, wherever it is placed.
_BLOCK_OPENER = re.compile(
    r"^(?:#{1,6}(?=[ \t]|$)|[-+*](?=[ \t]|$)|>|(?:[-*_][ \t]*){3,}$|`{3,}|~{3,}|=+[ \t]*$|\[[^\]]*\]:)"
)
_ORDERED_OPENER = re.compile(r"^(\d{1,9})([.)])(?=[ \t]|$)")
_PIPE = re.compile(r"(?<!\\)((?:\\\\)*)\|")


def safe_inline(text: str, *, table_cell: bool = False) -> str:
    """One line of the author's inline Markdown (code spans, emphasis, links), made safe.

    Whatever it starts with stays a paragraph's text; HTML and unsafe links show as text;
    in a table cell every ``|`` is escaped so the cell stays one cell (GFM reads ``\\|``
    as a pipe inside code spans too).
    """
    line = text.replace("\n", " ")
    # The opener first: escaped, a "```" at the start is no fence, so its backticks are
    # counted below with the others (the other way round, a second pass would escape them,
    # and a page read back by 'archwiz import' would not render the same).
    if _BLOCK_OPENER.match(line):
        line = "\\" + line
    elif line[:1].isdigit():
        line = _ORDERED_OPENER.sub(r"\1\\\2", line)
    if "`" in line:
        # A backtick that opens no code span is literal text anyway; escaped, no linter
        # pairs it with one in the next table cell.
        for start, end in reversed(_loose_backtick_runs(line)):
            line = line[:start] + "\\`" * (end - start) + line[end:]
    out = safe_prose(line, 7)
    if "\n" in out.strip("\n"):  # the checks gave up and fenced it: show it literally instead
        out = inline(text, table_cell=table_cell)
        return _PIPE.sub(r"\1\\|", out) if table_cell else out
    out = _isolated(out.strip("\n"))
    return _PIPE.sub(r"\1\\|", out) if table_cell else out


def _isolated(line: str) -> str:
    """``line`` with every "[", "]" and "<" that is plain text escaped.

    A one-line value stands beside others: the owner and review lines of one paragraph, a
    timeline before a description. Alone, "[" or "<img" is text; beside the next value's
    "](javascript:...)" or "src=x onerror=...>" it would become a link or HTML. Escaped,
    it reads the same and cannot pair with anything outside its own field.
    """
    if "[" not in line and "]" not in line and "<" not in line:
        return line
    src = line.encode("utf-8", "surrogatepass")
    try:
        tree = _MD.tree(mask_loose_backticks(line))
    except BaseException as error:  # pyo3's PanicException derives from BaseException
        if isinstance(error, KeyboardInterrupt | SystemExit):
            raise
        return inline(line)
    spans: list[tuple[int, int]] = []
    stack = [tree]
    while stack:
        node = stack.pop()
        name = node.name
        if name == "text":
            if node.srcmap:
                spans.append(node.srcmap)
        elif name not in ("code_inline", "autolink", "html_inline"):
            stack.extend(node.children)
    edits: list[Edit] = []
    for start, end in spans:
        # "<" only where it could open a tag ("< 800ms" stays as written).
        for match in re.finditer(rb"(?<!\\)((?:\\\\)*)([\[\]]|<(?=[A-Za-z/!?]|$))", src[start:end]):
            at = start + match.start(2)
            edits.append((at, at + 1, b"&lt;") if src[at] == 0x3C else (at, at, b"\\"))
    return _apply(src, edits).decode("utf-8", "surrogatepass") if edits else line
