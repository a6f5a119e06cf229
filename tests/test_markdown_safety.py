"""User text never changes the document's skeleton.

Names and code are data: shown literally, whatever they hold. Prose and one-line text
are the author's Markdown: it renders as Markdown, but inside its own part. Each test
renders a document full of hostile text and its plain twin (the same document with
every word replaced by a harmless one) and requires the same skeleton (the title and
every section heading, in order, and the owner lines last), no HTML, only safe links,
every name and piece of code visible as typed, and every heading an author wrote nested
below the heading of the part it belongs to.
"""

import itertools
import re
from typing import Any
from urllib.parse import urlsplit

import pytest
from hypothesis import given, settings
from markdown_it import MarkdownIt
from markdown_it.token import Token
from pymarkdown.api import PyMarkdownApi
from strategies import NASTY, collapse, documents, examples, plain_twin, typed_text

from wizard.markdown import render_markdown
from wizard.model import Document
from wizard.sections import SECTIONS, FieldKind, fields_of
from wizard.text import TextKind

PARSER = MarkdownIt("commonmark").enable(["table", "strikethrough"])
_TEXTUAL = {"text", "text_special", "softbreak"}


def structure(markdown: str) -> list[tuple[Any, ...]]:
    """Block tokens with their level, and the non-text parts of each inline run."""
    shape: list[tuple[Any, ...]] = []
    for token in PARSER.parse(markdown):
        if token.type == "inline":
            children = token.children or []
            shape.append(("inline", tuple(child.type for child in children if child.type not in _TEXTUAL)))
        else:
            shape.append((token.type, token.tag, token.level, token.info))
    return shape


def visible_text(markdown: str) -> str:
    pieces: list[str] = []

    def walk(tokens: list[Token]) -> None:
        for token in tokens:
            if token.children:
                walk(token.children)
            elif token.type in ("text", "text_special", "code_inline", "fence"):
                pieces.append(token.content)
            elif token.type == "softbreak":
                pieces.append(" ")

    walk(PARSER.parse(markdown))
    return collapse(" ".join(pieces))


def links(markdown: str) -> list[str]:
    found = []
    for token in PARSER.parse(markdown):
        for child in token.children or []:
            if child.type == "html_inline":
                raise AssertionError(f"raw HTML in the page: {child.content!r}")
            if child.type == "link_open":
                found.append(str(child.attrs["href"]))
            if child.type == "image":
                found.append(str(child.attrs["src"]))
    return found


_TEMPLATE_TITLES = {sec.title for sec in SECTIONS} | {"High-Level Architecture", "Detailed Design"}


def skeleton(markdown: str) -> list[tuple[str, str]]:
    """The template's headings at the top two levels, in order, and the owner lines."""
    tokens = PARSER.parse(markdown)
    heads = [
        (token.tag, tokens[index + 1].content if token.tag == "h2" else "")
        for index, token in enumerate(tokens)
        if token.type == "heading_open" and token.tag in ("h1", "h2")
    ]
    heads = [(tag, text) for tag, text in heads if tag == "h1" or text in _TEMPLATE_TITLES]
    # The owner lines close the template: still a paragraph of their own, not swallowed.
    owner = any(
        token.type == "inline" and token.content.startswith("**Architecture Owner:**") for token in tokens
    )
    return [*heads, ("owner", str(owner))]


_UNESCAPED_PIPE = re.compile(r"(?<!\\)(?:\\\\)*\|")


def our_table_rows(markdown: str) -> list[tuple[str, int, int]]:
    """(header, cells wanted, cells found) for every row of the tables archwiz writes, as GFM
    splits a row: at every "|" not escaped, code spans or not."""
    found = []
    lines = markdown.split("\n")
    for index, line in enumerate(lines):
        if line in _OUR_HEADERS and index + 1 < len(lines) and lines[index + 1].startswith("| ---"):
            wanted = len(_UNESCAPED_PIPE.findall(line))
            for row in itertools.takewhile(lambda text: text.startswith("|"), lines[index + 2 :]):
                found.append((line, wanted, len(_UNESCAPED_PIPE.findall(row))))
    return found


def _headers() -> set[str]:
    from wizard.markdown.blocks import table
    from wizard.model.delivery import TestEnvironment
    from wizard.model.quality import Alert, CoreTechnology, Metric, PerformanceTarget

    models = (CoreTechnology, PerformanceTarget, Metric, Alert, TestEnvironment)
    return {
        table([spec.label for spec in fields_of(model)], [["x"] * len(fields_of(model))]).split("\n")[0]
        for model in models
    }


_OUR_HEADERS = _headers()


def assert_safe(doc: Document) -> None:
    markdown = render_markdown(doc)
    assert skeleton(markdown) == skeleton(render_markdown(plain_twin(doc)))
    # The tables archwiz writes keep their columns: a "|" in a cell never splits it.
    for header, wanted, cells in our_table_rows(markdown):
        assert cells == wanted, (header, cells)
    html = [token for token in PARSER.parse(markdown) if token.type == "html_block"]
    assert not html, html
    shown = visible_text(markdown)
    for text in typed_text(doc):
        assert collapse(text) in shown, f"{text!r} is not visible as typed"
    for href in links(markdown):
        assert urlsplit(href).scheme in ("", "http", "https", "mailto"), href
        assert not href.startswith("//"), href


@settings(max_examples=examples(60))
@given(documents)
def test_random_documents_keep_their_structure_and_text(doc: Document) -> None:
    assert_safe(doc)


def filled(model: type, text: str) -> dict[str, Any]:
    """Every text field of ``model`` holding ``text``, every list holding one item."""
    data: dict[str, Any] = {}
    for spec in fields_of(model):
        if spec.key in ("url", "image"):
            data[spec.key] = "https://example.com/)](javascript:alert(1))"
        elif spec.text is not None and spec.text.detail:
            continue  # a fence language: a word, tested on its own
        elif spec.kind is FieldKind.TEXT_LIST and spec.text is None:
            continue  # numbers of other decisions
        elif spec.key == "version":
            data[spec.key] = "1.0.0"
        elif spec.kind is FieldKind.TEXT:
            data[spec.key] = text
        elif spec.kind is FieldKind.TEXT_LIST:
            data[spec.key] = [text]
        elif spec.kind is FieldKind.GROUP:
            data[spec.key] = filled(spec.model, text)  # type: ignore[arg-type]
        elif spec.kind is FieldKind.ITEMS:
            data[spec.key] = [filled(spec.model, text)]  # type: ignore[arg-type]
    return data


@pytest.mark.parametrize("text", NASTY)
def test_hostile_text_in_every_field_at_once(text: str) -> None:
    assert_safe(Document.model_validate(filled(Document, text)))


@pytest.mark.parametrize(
    "text",
    ["line\n---", "line\n===", "a\n\n    code", "a\n- b", "a\n1. b", "ends with\\\nb", "a\n> b", "a\n<div>"],
)
def test_multi_line_text_stays_in_its_paragraphs_and_blocks(text: str) -> None:
    doc = Document.model_validate({"summary": {"text": text}, "reliability": {"error_handling": text}})
    assert_safe(doc)


def test_a_javascript_link_target_is_refused_by_the_model() -> None:
    with pytest.raises(ValueError, match="http, https or mailto"):
        Document.model_validate({"references": {"external": [{"title": "x", "url": "javascript:alert(1)"}]}})


def _prose_paths(model: type, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every Markdown prose field, by its path from the document (lists take one item)."""
    out = []
    for spec in fields_of(model):
        if spec.kind is FieldKind.TEXT and spec.text is not None and spec.text.kind is TextKind.PROSE:
            out.append((*path, spec.key))
        elif spec.kind is FieldKind.TEXT_LIST and spec.text is not None and spec.text.kind is TextKind.PROSE:
            out.append((*path, spec.key, "[]"))
        elif spec.kind in (FieldKind.GROUP, FieldKind.ITEMS):
            step = (spec.key,) if spec.kind is FieldKind.GROUP else (spec.key, "[]")
            out.extend(_prose_paths(spec.model, (*path, *step)))  # type: ignore[arg-type]
    return out


def _holding(path: tuple[str, ...], text: str) -> dict[str, Any]:
    """The smallest document data with ``text`` at ``path``; items get their required names."""

    def build(model: type, rest: tuple[str, ...]) -> Any:
        if not rest:
            return text
        key, tail = rest[0], rest[1:]
        data: dict[str, Any] = {
            spec.key: ("/x" if spec.key == "path" else "Name")
            for spec in fields_of(model)
            if spec.required and spec.kind is FieldKind.TEXT
        }
        spec = next(spec for spec in fields_of(model) if spec.key == key)
        if tail[:1] == ("[]",):
            data[key] = [build(spec.model, tail[1:]) if spec.model else text]
        else:
            data[key] = build(spec.model, tail) if spec.model else text
        return data

    return build(Document, path)  # type: ignore[no-any-return]


@pytest.mark.parametrize("path", _prose_paths(Document), ids=".".join)
def test_a_heading_in_any_prose_field_nests_below_its_part(path: tuple[str, ...]) -> None:
    doc = Document.model_validate(_holding(path, "# Zqhead one\n\ntext\n\n## Zqhead two"))
    tokens = PARSER.parse(render_markdown(doc))
    levels = []
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            levels.append((int(token.tag[1]), "Zqhead" in tokens[index + 1].content))
    mine = [position for position, (_, user) in enumerate(levels) if user]
    assert len(mine) == 2, (path, levels)  # both headings are shown, as headings
    # Notes and extra sections belong to a whole section (##), the header's notes to the
    # title (#); other prose to the part it is in.
    whole_section = path[0] in ("notes", "extra_sections")
    for position in mine:
        parent = [
            level for level, user in levels[:position] if not user and (level <= 2 or not whole_section)
        ][-1]
        assert levels[position][0] > parent, (path, levels)
    # The author's outline is kept: their "##" stays below their "#" (unless both hit h6).
    first, second = (levels[position][0] for position in mine)
    assert second > first or first == second == 6, (path, levels)


def test_a_code_fence_in_code_is_outfenced() -> None:
    doc = Document.model_validate({"reliability": {"error_handling": "```\nrm -rf /\n````"}})
    markdown = render_markdown(doc)
    assert "`````python\n```\nrm -rf /\n````\n`````" in markdown
    assert_safe(doc)


# md013/md036 are off as the lint command has them. The others listed judge the
# author's own words and Markdown, not the structure archwiz writes, so random text can
# trip them and only the author could fix them (the README lists them): a name ending in
# ".,;:!" heading a section (md026), two headings of the same name (md024), code lines
# all starting with "$" (md014); and in the author's Markdown its heading, list, emphasis,
# fence, rule and code block styles (md003, md004, md035, md046, md048, md049, md050),
# a bare URL (md034), "#text" (md018), "(text)[x]" (md011), an image without alt text (md045),
# a fence without a language (md040), an ordered list's numbering (md029), a heading level
# it skipped (md001) or indented (md023), "#C#" (md020), spaces inside its link text (md039), blank lines
# it doubled (md012) or left out around its own lists, headings and fences (md022, md031, md032). The golden examples and
# the real documents are linted with far fewer off (test_golden, test_real_documents).
AUTHOR_RULES = (
    "md001", "md003", "md004", "md011", "md020", "md012", "md014", "md018", "md022", "md023", "md024", "md026",
    "md029", "md031", "md032", "md034", "md035", "md039", "md040", "md045", "md046", "md048", "md049",
    "md050",
)  # fmt: skip
LINT = PyMarkdownApi()
for _rule in ("md013", "md036", *AUTHOR_RULES):
    LINT.disable_rule_by_identifier(_rule)


@settings(max_examples=examples(15))
@given(documents)
def test_random_documents_are_lint_clean(doc: Document) -> None:
    failures = LINT.scan_string(render_markdown(doc)).scan_failures
    report = [
        f"{item.line_number}:{item.column_number} {item.rule_id} {item.rule_description}" for item in failures
    ]
    assert not failures, "\n".join(report)


def test_an_entity_like_name_is_written_so_the_linter_can_read_it() -> None:
    """'\\>\\&copy;:' in a heading crashed pymarkdown's link-fragment rule (MD051) in a CI run
    of the property above; "&" is written as "&amp;" (as "<" is "&lt;"), which GitHub shows
    the same."""
    doc = Document.model_validate({"header": {"title": ">&copy;:emoji:"}})
    markdown = render_markdown(doc)
    assert markdown.startswith("# \\>&amp;copy;:emoji: Architecture\n")
    assert LINT.scan_string(markdown).scan_failures == []
    assert_safe(doc)
