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
from wizard.sections import SECTIONS

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


_HEADING = re.compile(r"<h([1-6])>(.*?)</h\1>")
_SRC = re.compile(r'<img src="([^"]*)"')
_TEMPLATE_TITLES = {sec.title for sec in SECTIONS} | {"High-Level Architecture", "Detailed Design"}


def skeleton(page: str) -> list[str]:
    """The template's h1 and h2 headings as GitHub shows them, in order."""
    out = []
    for level, text in _HEADING.findall(page):
        title = html.unescape(_TAG.sub("", text))
        if level == "1" or (level == "2" and title in _TEMPLATE_TITLES):
            out.append(f"h{level} {title if level == '2' else ''}")
    return out


def assert_github_safe(doc: Document) -> None:
    page = github(render_markdown(doc))
    assert "raw HTML omitted" not in page, "user text passed through as HTML"
    assert skeleton(page) == skeleton(github(render_markdown(plain_twin(doc))))
    shown = collapse(html.unescape(_TAG.sub(_text_break, page)))
    for text in typed_text(doc):
        assert collapse(text) in shown, f"{text!r} is not visible on GitHub"
    for href in [*_LINK.findall(_unwrap_autolinks(page)), *_SRC.findall(page)]:
        target = html.unescape(href)
        scheme = target.split(":", 1)[0].lower() if re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", target) else ""
        assert scheme in ("", "http", "https", "mailto") and not target.startswith("//"), href


@settings(max_examples=examples(60))
@given(documents)
def test_random_documents_look_right_on_github(doc: Document) -> None:
    assert_github_safe(doc)


@pytest.mark.parametrize("text", NASTY)
def test_hostile_text_in_every_field_looks_right_on_github(text: str) -> None:
    assert_github_safe(Document.model_validate(filled(Document, text)))


def _all_links(doc: Document) -> list:  # type: ignore[type-arg]
    return [
        *doc.operations.runbooks,
        *doc.references.internal,
        *doc.references.external,
        *doc.references.adrs,
    ]


def test_bare_addresses_in_names_stay_text_and_the_complete_example_has_only_its_own_links() -> None:
    # A name is literal: no address in it becomes a link.
    doc = Document.model_validate({"header": {"title": "see www.evil.com or https://evil.com"}})
    assert "<a " not in github(render_markdown(doc))
    from conftest import COMPLETE

    from wizard.spec import load_spec

    complete, _ = load_spec(str(COMPLETE))
    page = github(render_markdown(complete))
    # Its own links: the references and runbooks, the two links its authors wrote in their
    # Markdown, the links between a decision and the one it supersedes (both ways), and the
    # owner's address.
    hrefs = _LINK.findall(page)
    assert len(hrefs) == len(_all_links(complete)) + 5
    assert "#decision-3-events-by-polling-the-ledger" in hrefs and "#decision-2-publishing-events" in hrefs
    assert 'id="decision-3-events-by-polling-the-ledger"' in page or "Decision 3: Events by polling" in page
