"""Break-outs an adversarial review found, each checked through GitHub's engine (cmark-gfm):
pieces that were safe alone and unsafe together, entities in link targets, a reference
definition whose label spans two lines, a reason splitting a table row, a table taking a
label for its header, and a parser panic."""

import re

import cmarkgfm
import pytest
from pydantic import ValidationError

from wizard.markdown import render_markdown
from wizard.model import Document


def github(doc: Document) -> str:
    return str(cmarkgfm.github_flavored_markdown_to_html(render_markdown(doc)))


@pytest.mark.parametrize(
    "url", ["&#47;/evil.example/login", "jav&#x61;script:alert(1)", "javascript&colon;x"]
)
def test_an_entity_in_a_link_target_is_refused(url: str) -> None:
    with pytest.raises(ValidationError, match="must not contain HTML entities"):
        Document.model_validate({"references": {"external": [{"title": "x", "url": url}]}})


@pytest.mark.parametrize(
    "data",
    [
        {"review": {"owner": "[", "cycle": "](https://evil.example)"}},
        {"review": {"owner": "![", "cycle": "](javascript:alert(1))"}},
        {
            "future": {
                "improvements": [{"item": "x", "timeline": "<img", "description": "src=x onerror=alert(1)>"}]
            }
        },
        {"future": {"improvements": [{"item": "x", "timeline": "[", "description": "](//evil.example)"}]}},
    ],
)
def test_values_that_are_safe_alone_stay_text_side_by_side(data: dict) -> None:
    page = github(Document.model_validate(data))
    # No link or image made of two values: no label swallowed into a link's text, no target
    # from the next value. (A bare https address is linked as written, like any author's.)
    assert "<img" not in page and "raw HTML omitted" not in page, page
    assert not re.search(r"<a [^>]*>[^<]*(?:<strong>|\[)", page), page
    assert 'href=""' not in page and 'href="//' not in page
    assert "<strong>Architecture Owner:</strong>" in page


def test_a_reference_definition_with_a_label_over_two_lines_reaches_no_other_field() -> None:
    doc = Document.model_validate(
        {
            "summary": {"text": "Intro.\n\n[evil\nlink]: https://evil.example/phish"},
            "components": [{"name": "C", "responsibility": "See [evil link] for details."}],
        }
    )
    assert "evil.example" not in github(doc).split("Component 1")[1]


def test_a_reason_in_a_table_cell_stays_in_its_cell() -> None:
    doc = Document.model_validate(
        {
            "tech_stack": {
                "core": [
                    {"component": "S", "technology": "Go", "not_applicable": {"version": "a | b | `x|y`"}}
                ]
            }
        }
    )
    row = next(line for line in render_markdown(doc).splitlines() if line.startswith("| S |"))
    assert row.count("|") - row.count("\\|") == 5, row


def test_a_table_in_prose_never_takes_the_label_for_its_header() -> None:
    doc = Document.model_validate({"decisions": [{"title": "D", "context": "Forces\n|-|\n| x |"}]})
    page = github(doc)
    assert "<th>Forces</th>" in page
    assert "<strong>Context:</strong></p>" in page


def test_a_lone_backtick_before_a_heading_and_a_link_is_rendered_and_prints_nothing(
    capfd: pytest.CaptureFixture[str],
) -> None:
    # markdown-it-pyrs panicked here: a heading ends a paragraph, so the backtick before it
    # pairs with nothing, and the "[`" after it crashed the parser.
    doc = Document.model_validate(
        {
            "components": [
                {"name": "C", "responsibility": "Press ` to toggle.\n# Usage\nSee [`cli.py`](cli.py)."}
            ]
        }
    )
    page = github(doc)
    assert "<h5>Usage</h5>" in page and '<a href="cli.py"><code>cli.py</code></a>' in page
    assert capfd.readouterr().err == ""


def test_notes_on_the_last_section_come_before_the_owner_lines_that_close_the_document() -> None:
    doc = Document.model_validate(
        {
            "review": {"owner": "Team"},
            "notes": {"review": "Reviewed at the architecture guild."},
            "extra_sections": [{"title": "Appendix", "after": "review", "body": "More."}],
        }
    )
    page = render_markdown(doc)
    assert page.index("Reviewed at the architecture guild.") < page.index("## Appendix") < page.index("---\n")
    assert page.rstrip().splitlines()[-1].startswith("**Next Review:**")
