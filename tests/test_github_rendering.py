"""What readers on GitHub see: the safety checks again, through GitHub's own engine.

cmark-gfm (via cmarkgfm) is the renderer GitHub uses, with the extensions it
enables: tables, strikethrough, task lists and autolinks. markdown-it in
test_markdown_safety checks CommonMark; this adds what only GFM does, such as
turning a bare www. address into a link.
"""

import html
import re

import cmarkgfm
import pytest
from hypothesis import given, settings
from strategies import NASTY, collapse, documents, examples, plain_twin, typed_text
from test_markdown_safety import filled

from wizard.markdown import render_markdown
from wizard.model import Document

EXTENSIONS = ["autolink", "table", "strikethrough", "tasklist"]
_TAG = re.compile(r"<(/?[a-z0-9]+)[^>]*>")
_EMAIL_LINK = re.compile(r'<a href="mailto:([^"]*)">([^<]*)</a>')
_LINK = re.compile(r'<a href="([^"]*)"')


_INLINE = {"a", "em", "strong", "code", "del", "input"}


def _text_break(tag: re.Match[str]) -> str:
    """Block tags separate words; inline tags (a link, emphasis) sit inside them."""
    return "" if tag.group(1).lstrip("/") in _INLINE else " "


def github(markdown: str) -> str:
    return cmarkgfm.markdown_to_html_with_extensions(markdown, extensions=EXTENSIONS)


def _unwrap_autolinks(page: str) -> str:
    """Drop GitHub's e-mail autolinks: anchors that show exactly the address they open."""

    def unwrap(match: re.Match[str]) -> str:
        target, text = match.groups()
        return text if target == text else match.group()

    return _EMAIL_LINK.sub(unwrap, page)


def tags(page: str) -> list[str]:
    """The element structure, with e-mail autolinks (which no escape prevents) unwrapped."""
    return _TAG.findall(_unwrap_autolinks(page))


def assert_github_safe(doc: Document) -> None:
    page = github(render_markdown(doc))
    assert "raw HTML omitted" not in page, "user text passed through as HTML"
    assert tags(page) == tags(github(render_markdown(plain_twin(doc))))
    shown = collapse(html.unescape(_TAG.sub(_text_break, page)))
    for text in typed_text(doc):
        assert collapse(text) in shown, f"{text!r} is not visible on GitHub"
    ours = {link.url for link in _all_links(doc)}
    for href in _LINK.findall(_unwrap_autolinks(page)):
        assert any(html.unescape(href).startswith(url[:8]) for url in ours), f"a link nobody wrote: {href}"


def _all_links(doc: Document) -> list:  # type: ignore[type-arg]
    return [
        *doc.operations.runbooks,
        *doc.references.internal,
        *doc.references.external,
        *doc.references.adrs,
    ]


@settings(max_examples=examples(60))
@given(documents)
def test_random_documents_look_right_on_github(doc: Document) -> None:
    assert_github_safe(doc)


@pytest.mark.parametrize("text", NASTY)
def test_hostile_text_in_every_field_looks_right_on_github(text: str) -> None:
    assert_github_safe(Document.model_validate(filled(Document, text)))


def test_bare_addresses_stay_text_and_the_complete_example_has_only_its_own_links() -> None:
    doc = Document.model_validate({"review": {"owner": "see www.evil.com or https://evil.com"}})
    assert "<a " not in github(render_markdown(doc))
    from conftest import COMPLETE

    from wizard.spec import load_spec

    complete, _ = load_spec(str(COMPLETE))
    page = github(render_markdown(complete))
    assert len(_LINK.findall(_unwrap_autolinks(page))) == len(_all_links(complete))
    assert _EMAIL_LINK.findall(page) == [
        ("payments-core@tillpoint.example", "payments-core@tillpoint.example")
    ]
