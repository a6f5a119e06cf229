"""Real, public architecture documents, mapped into specs by hand, render with nothing lost.

Each folder under tests/realdocs holds a document as its authors published it (source,
commit and licence in SOURCE.md), the spec an architect mapped it into (MAPPING.md says
where each part went and why) and nothing else. For each: every sentence of the source
is on the rendered page (as GitHub shows both), the page is lint clean but for the rules
only the authors' own Markdown trips, and the sidecar gives back the same document.
"""

import html
import re
from pathlib import Path

import cmarkgfm
import pytest
from pymarkdown.api import PyMarkdownApi

from wizard.markdown import render_markdown
from wizard.sidecar import dump_toml
from wizard.spec import load_spec, parse, validate

REAL = Path(__file__).parent / "realdocs"
DOCUMENTS = sorted(path.name for path in REAL.iterdir() if (path / "spec.toml").exists())

_TAG = re.compile(r"<[^>]*>")
_BLOCK_TAGS = re.compile(r"</?(?:p|li|td|th|tr|h[1-6]|pre|blockquote|ul|ol|table|thead|tbody|br|hr)\b[^>]*>")
_SENTENCE_END = re.compile(r"(?<=[.!?:;])\s+")
_SPACE = re.compile(r"\s+")


def _source(name: str) -> str:
    folder = REAL / name
    if (folder / "source.md").exists():
        return (folder / "source.md").read_text(encoding="utf-8")
    return "\n\n".join(path.read_text(encoding="utf-8") for path in sorted((folder / "source").glob("*.md")))


_HEADINGS = re.compile(r"<(h[1-6]|th)\b[^>]*>.*?</\1>", re.DOTALL)

# Text the mapping left out on purpose, as MAPPING.md says: a table of contents (its title,
# and list items that only link to the document's own headings).
DROPPED = {"adyen-commercetools-adrs": {"Table of Contents generated with DocToc"}}
_TOC_ENTRY = re.compile(r"^\s*(?:[-*+]|\d+\.) \[[^\]]*\]\(#[^)]*\)\s*$", re.MULTILINE)


def _text(markdown: str, *, headings: bool = True) -> str:
    """What a reader sees on GitHub: the page's text, HTML the page shows as text included,
    tags (shown or not) dropped, so that a sentence reads the same either way."""
    page = cmarkgfm.github_flavored_markdown_to_html(markdown)
    if not headings:
        page = _HEADINGS.sub("\n", page)
    page = _BLOCK_TAGS.sub("\n", page)
    shown = html.unescape(_TAG.sub("", page))
    return html.unescape(_TAG.sub("", shown))  # the source's own tags, now text on our page


def sentences(markdown: str) -> list[str]:
    """The source's sentences. Headings and table headers are left out: a mapping puts the
    template's headings and columns in their place (MAPPING.md says which went where)."""
    out = []
    for block in _text(markdown, headings=False).split("\n"):
        for sentence in _SENTENCE_END.split(block):
            sentence = _SPACE.sub(" ", sentence).strip()
            if len(sentence) > 1:
                out.append(sentence)
    return out


def share_present(name: str) -> tuple[float, list[str]]:
    doc, _ = load_spec(str(REAL / name / "spec.toml"))
    page = _SPACE.sub(" ", _text(render_markdown(doc)))
    source = _TOC_ENTRY.sub("", _source(name))
    wanted = [sentence for sentence in sentences(source) if sentence not in DROPPED.get(name, ())]
    missing = [sentence for sentence in wanted if sentence not in page]
    return 1 - len(missing) / len(wanted), missing


@pytest.mark.parametrize("name", DOCUMENTS)
def test_every_sentence_of_the_source_is_on_the_page(name: str) -> None:
    share, missing = share_present(name)
    assert not missing, f"{share:.1%} present; missing: {missing[:10]}"


@pytest.mark.parametrize("name", DOCUMENTS)
def test_the_sidecar_gives_back_the_same_document(name: str) -> None:
    doc, _ = load_spec(str(REAL / name / "spec.toml"))
    sidecar = dump_toml(doc)
    again = validate(parse(sidecar, "sidecar"), sidecar, "sidecar")
    assert again == doc
    assert render_markdown(again) == render_markdown(doc)


# The rules only the authors' own Markdown trips in these documents (each finding was read:
# a heading with no blank line after it, a list indented by 4, "-   item", a doubled blank
# line, a bare URL, a title ending in "."); the README lists them for users.
AUTHOR_RULES_SEEN = (
    "md001", "md004", "md005", "md007", "md012", "md022", "md024", "md026", "md029", "md030",
    "md031", "md032", "md034", "md035", "md040", "md046", "md049", "md050", "md059",
)  # fmt: skip


@pytest.mark.parametrize("name", DOCUMENTS)
def test_the_page_is_lint_clean_but_for_the_authors_own_markdown(name: str) -> None:
    doc, _ = load_spec(str(REAL / name / "spec.toml"))
    linter = PyMarkdownApi().disable_rule_by_identifier("md013").disable_rule_by_identifier("md036")
    for rule in AUTHOR_RULES_SEEN:
        linter.disable_rule_by_identifier(rule)
    failures = linter.scan_string(render_markdown(doc)).scan_failures
    assert not failures, [f"{item.line_number}: {item.rule_id} {item.rule_description}" for item in failures]
