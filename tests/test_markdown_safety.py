"""User text is data, never Markdown structure.

Each test renders a document full of hostile text and its plain twin (the same
document with every word replaced by a harmless one) and requires the same
Markdown structure: the same headings, lists, tables with the same columns,
fences and links, no HTML; and every typed string visible in the rendered text.
"""

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
from wizard.sections import FieldKind, fields_of

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
            if child.type == "link_open":
                found.append(str(child.attrs["href"]))
    return found


def assert_safe(doc: Document) -> None:
    markdown = render_markdown(doc)
    assert structure(markdown) == structure(render_markdown(plain_twin(doc)))
    shown = visible_text(markdown)
    for text in typed_text(doc):
        assert collapse(text) in shown, f"{text!r} is not visible as typed"
    for href in links(markdown):
        assert urlsplit(href).scheme in ("", "http", "https", "mailto"), href


@settings(max_examples=examples(60))
@given(documents)
def test_random_documents_keep_their_structure_and_text(doc: Document) -> None:
    assert_safe(doc)


def filled(model: type, text: str) -> dict[str, Any]:
    """Every text field of ``model`` holding ``text``, every list holding one item."""
    data: dict[str, Any] = {}
    for spec in fields_of(model):
        if spec.key == "url":
            data[spec.key] = "https://example.com/)](javascript:alert(1))"
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


def test_a_code_fence_in_code_is_outfenced() -> None:
    doc = Document.model_validate({"reliability": {"error_handling": "```\nrm -rf /\n````"}})
    markdown = render_markdown(doc)
    assert "`````python\n```\nrm -rf /\n````\n`````" in markdown
    assert_safe(doc)


# md013/md036 are off as the lint command has them. Two more rules judge
# the user's own words, not the structure archwiz writes, so random text can trip
# them and only the user could fix it: md014 (every line of a code block the user
# wrote starts with "$") and md026 (a name the user typed ends in ".,;:!", and it
# heads a section). The golden examples are linted with these on (test_golden).
LINT = PyMarkdownApi()
for _rule in ("md013", "md036", "md014", "md026"):
    LINT.disable_rule_by_identifier(_rule)


@settings(max_examples=examples(15))
@given(documents)
def test_random_documents_are_lint_clean(doc: Document) -> None:
    failures = LINT.scan_string(render_markdown(doc)).scan_failures
    report = [
        f"{item.line_number}:{item.column_number} {item.rule_id} {item.rule_description}" for item in failures
    ]
    assert not failures, "\n".join(report)
