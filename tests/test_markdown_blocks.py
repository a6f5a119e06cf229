"""Each mdutils fault the renderer works around, pinned by a direct example."""

from wizard.markdown import render_markdown
from wizard.markdown.blocks import bullets, checklist, code, numbered, table
from wizard.markdown.escape import code_or_text, inline
from wizard.markdown.fields import cell_text
from wizard.model import Document


def test_a_checklist_item_starting_with_x_stays_unticked() -> None:
    # mdutils' MDCheckbox ticks any item whose text starts with "x".
    assert checklist([(False, "xss prevention"), (True, "x")]) == "- [ ] xss prevention\n- [x] x"
    doc = Document.model_validate({"security": {"checklist": [{"item": "XSS prevention", "done": False}]}})
    assert "- [ ] XSS prevention\n" in render_markdown(doc)


def test_items_that_look_marked_still_get_their_marker() -> None:
    # mdutils' MDList leaves an item starting with a digit and "." bare.
    assert bullets(["1.5 GB of RAM", "2. step"]) == "- 1\\.5 GB of RAM\n- 2\\. step"
    assert numbered(["1.5 GB", "b"]) == "1. 1\\.5 GB\n2. b"


def test_table_pipes_are_escaped_once_and_line_breaks_cannot_split_a_row() -> None:
    # The table writes cells as given; a cell's text is escaped for a cell once, "|" included.
    cell = cell_text(inline("a | b\nc", table_cell=True))
    assert table(["H"], [[cell]]) == "| H |\n| --- |\n| a \\| b c |"
    assert cell_text("a \\| b") == "a \\| b"  # an escaped pipe is not escaped again


def test_fences_outgrow_the_code_they_hold() -> None:
    # mdutils' insert_code always uses three backticks.
    assert code("```\nx\n````", "text") == "`````text\n```\nx\n````\n`````"
    assert code("", "json") == "_TBD_"


def test_code_that_cannot_be_inline_code_falls_back_to_text() -> None:
    assert code_or_text("a``b") == "```a``b```"
    assert code_or_text("x\\|y", table_cell=True) == "x\\\\|y"  # mdutils adds the pipe's escape
    assert code_or_text("(a)[b]") == "(a)\\[b\\]"


def test_the_document_ends_with_one_newline_and_no_double_blank_lines() -> None:
    text = render_markdown(Document())
    assert text.endswith("\n") and not text.endswith("\n\n")
    assert "\n\n\n" not in text
