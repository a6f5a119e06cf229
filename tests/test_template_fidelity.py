"""The Markdown is a filled-in instance of the shared architecture template.

These tests read ../shared/template/architecture-template.md itself, so a change
to the template that archwiz does not follow fails here.
"""

import itertools
import re

import pytest
from conftest import COMPLETE, SHARED_TEMPLATE, TEMPLATE, TEMPLATE_COPY

from wizard.markdown import render_markdown
from wizard.model import Document
from wizard.model.document import SectionNotes
from wizard.spec import load_spec

_PLACEHOLDER = re.compile(r"\\\[.*?\\\]")


@pytest.fixture(scope="module")
def template() -> str:
    assert TEMPLATE.exists(), f"the shared template is missing at {TEMPLATE}"
    return TEMPLATE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def rendered() -> str:
    """The complete example, less what its authors added to the template (section notes and
    extra sections, which must not count as the template's parts)."""
    doc, _ = load_spec(str(COMPLETE))
    return render_markdown(doc.model_copy(update={"notes": SectionNotes(), "extra_sections": []}))


def _headings(text: str) -> list[tuple[int, str]]:
    out = []
    in_fence = False
    for line in text.splitlines():
        if line.startswith("```"):
            in_fence = not in_fence
        elif not in_fence and (match := re.match(r"(#{1,6}) (.*)", line)):
            out.append((len(match.group(1)), match.group(2)))
    return out


def _pattern(heading: str) -> re.Pattern[str]:
    """A template heading as a pattern: placeholders, numbers and sample endpoints vary."""
    text = _PLACEHOLDER.sub(".+", re.escape(heading))
    text = re.sub(r"\d+", r"\\d+", text)
    text = re.sub(r"`.*`", "`.+`", text)
    return re.compile(text + "$")


def _collapse(items: list[int]) -> list[int]:
    return [item for index, item in enumerate(items) if index == 0 or items[index - 1] != item]


def test_headings_follow_the_template_in_order_and_level(template: str, rendered: str) -> None:
    expected = _headings(template)
    patterns = [(level, _pattern(text)) for level, text in expected]
    matched = []
    for level, text in _headings(rendered):
        index = next(
            (i for i, (lvl, pattern) in enumerate(patterns) if lvl == level and pattern.match(text)), None
        )
        assert index is not None, f"heading {'#' * level} {text} is not in the template"
        matched.append(index)
    # Repeated items (Component 1, 2, ...) collapse to one step, as the template shows two samples.
    assert _collapse(matched) == _collapse([patterns.index(p) for p in patterns])


def _bold_labels(text: str) -> set[str]:
    labels = set(re.findall(r"\*\*([^*\[\]]+?:)\*\*", text))
    return {re.sub(r"\(\d{3} [^)]*\)", "(NNN)", label) for label in labels}


def test_every_bold_label_of_the_template_is_used(template: str, rendered: str) -> None:
    assert _bold_labels(template) <= _bold_labels(rendered)


def test_every_plain_list_label_of_the_template_is_used(template: str, rendered: str) -> None:
    def labels(text: str) -> set[str]:
        return set(re.findall(r"^\s*- ([A-Z][A-Za-z ]+): ", text, re.M))

    assert labels(template) <= labels(rendered)


def test_every_table_of_the_template_has_the_same_columns(template: str, rendered: str) -> None:
    def headers(text: str) -> list[tuple[str, ...]]:
        lines = text.splitlines()
        return [
            tuple(cell.strip() for cell in line.strip("|").split("|"))
            for line, below in itertools.pairwise(lines)
            if line.startswith("|") and re.match(r"\|\s*:?-", below)
        ]

    assert headers(template) == headers(rendered)


def test_checklists_code_blocks_and_the_footer_rule_are_kept(template: str, rendered: str) -> None:
    assert rendered.count("- [x] ") + rendered.count("- [ ] ") >= 2
    assert "\n---\n" in rendered and "\n---\n" in template
    for language in ("mermaid", "python", "json"):
        assert f"```{language}\n" in template and f"```{language}\n" in rendered
    assert "```text\n" in rendered  # the template's bare ``` diagrams, given a language for linters


def test_an_empty_document_keeps_every_heading_of_the_template(template: str) -> None:
    empty = render_markdown(Document())
    repeating = re.compile(r"Component \d|Entity:|Endpoint:|Decision \d")
    wanted = [(level, text) for level, text in _headings(template) if not repeating.match(text)]
    got = [(level, text) for level, text in _headings(empty)]
    assert [level for level, _ in got] == [level for level, _ in wanted]
    assert "_TBD_" in empty


def test_the_tests_copy_of_the_template_matches_the_shared_one() -> None:
    if not SHARED_TEMPLATE.exists():
        pytest.skip("../shared is not beside this clone; the tests use their copy of the template")
    assert TEMPLATE_COPY.read_bytes() == SHARED_TEMPLATE.read_bytes(), (
        "the shared template changed: copy it to tests/template/ and make the renderer follow it"
    )
