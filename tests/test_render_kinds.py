"""The renderer writes every value by its field's kind: a field of any kind added to the model
renders with no change to the renderer (the bugs this replaced: a flag raised AttributeError,
a one-line text under a subsection became a bare code fence, an empty date read "None")."""

import datetime
from typing import Annotated

from pydantic import Field

from wizard.markdown.fields import rest_of
from wizard.markdown.pieces import subsections, table_of
from wizard.model.base import Flag, Model, choice, field
from wizard.text import Language, Line, Name, Prose, code


class Inner(Model):
    note: Line = field("Note", "A one-line note.", "x")


class EveryKind(Model):
    name: Name = field("Name", "A literal name.", "x")
    line: Line = field("Line", "Inline Markdown.", "x")
    prose: Prose = field("Prose", "Markdown blocks.", "x")
    snippet: code("python", language_field="snippet_language") = field("Snippet", "Code.", "x")  # type: ignore[valid-type]
    snippet_language: Language = field("Snippet language", "Its language.", "sql")
    flag: Flag = field("Flag", "Yes or no.", True, default=False)
    when: datetime.date | None = field("When", "A date.", "2026-01-01", default=None)
    count: Annotated[int, Field(ge=0)] = field("Count", "A number.", 1, default=0)
    pick: choice("One", "Two") | None = field("Pick", "A choice.", "One", default=None)  # type: ignore[valid-type]
    words: list[Line] = field("Words", "A list.", "x", default_factory=list)
    inner: Inner = field("Inner", "A group.", default_factory=Inner)


def test_every_kind_renders_by_its_kind_with_no_renderer_change() -> None:
    item = EveryKind(
        name="# not a heading",
        line="`code` and *emphasis*",
        prose="# A heading\n\n- a list",
        snippet="SELECT 1;",
        snippet_language="sql",
        flag=True,
        when=datetime.date(2026, 3, 2),
        count=3,
        pick="two",
        words=["one", "two"],
        inner=Inner(note="**bold**"),
    )
    page = "\n\n".join(rest_of(item, (), 3))
    assert "**Name:** \\# not a heading" in page  # a name is literal
    assert "**Line:** `code` and *emphasis*" in page
    assert "#### A heading\n\n- a list" in page  # nested below the level-3 part
    assert "```sql\nSELECT 1;\n```" in page  # the author's language, and no "Snippet language" line
    assert "Snippet language" not in page
    assert "**Flag:** Yes" in page
    assert "**When:** 2026-03-02" in page
    assert "**Count:** 3" in page
    assert "**Pick:** Two" in page
    assert "- one\n- two" in page
    assert "- **Note:** **bold**" in page


def test_a_group_of_every_kind_under_subsections_and_in_a_table_never_reads_none() -> None:
    empty = EveryKind()
    blocks = subsections(empty, 3)
    text = "\n\n".join(blocks)
    assert "None" not in text
    assert "### Flag\n\nNo" in text  # a flag always has an answer
    assert "### When\n\n_TBD_" in text  # an empty date is a gap, not "None"
    assert "### Line\n\n_TBD_" in text  # one-line text is text, not a code fence
    assert "```" not in text.replace("```python", "")  # only a code field is fenced
    row = table_of([empty], EveryKind, 3)[0].splitlines()[2]
    assert "None" not in row and "| No |" in row
