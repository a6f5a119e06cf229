"""The model's rules for free text, formats and lists, and its field metadata."""

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError
from strategies import text_for

from wizard.model import Document
from wizard.sections import SECTIONS, FieldKind, fields_of
from wizard.text import LINE_MAX, NAME_MAX, TextKind


def errors(data: dict[str, Any]) -> list[tuple[tuple[Any, ...], str]]:
    with pytest.raises(ValidationError) as raised:
        Document.model_validate(data)
    return [(tuple(error["loc"]), error["msg"]) for error in raised.value.errors()]


@pytest.mark.parametrize(
    ("char", "named"),
    [
        ("\x1b", "an ESC"),
        ("\x00", "a NUL byte"),
        ("\x9b", "U+009B"),
        ("\u202e", "RIGHT-TO-LEFT OVERRIDE"),
        ("\u2066", "LEFT-TO-RIGHT ISOLATE"),
        ("\u2028", "LINE SEPARATOR"),
        ("\x7f", "U+007F"),
        ("\udce9", "a byte that is not UTF-8 (0xE9)"),  # how Python keeps a byte it could not decode
    ],
)
def test_control_characters_are_refused_everywhere_with_their_name(char: str, named: str) -> None:
    for data in (
        {"header": {"title": f"ab{char}c"}},
        {"summary": {"text": f"ab{char}c"}},
        {"reliability": {"error_handling": f"ab{char}c"}},
        {"components": [{"name": "x", "technologies": [f"ab{char}c"]}]},
    ):
        ((_loc, message),) = errors(data)
        assert named in message and "column 3" in message, message


def test_single_line_fields_refuse_line_breaks_and_tabs_multi_line_fields_do_not() -> None:
    ((_, message),) = errors({"components": [{"name": "two\nlines"}]})
    assert "a line break" in message and "single line" in message
    ((_, message),) = errors({"review": {"owner": "a\tb"}})
    assert "a tab" in message
    # Markdown indents with tabs, so prose keeps them (the page gets spaces), as code does.
    doc = Document.model_validate({"summary": {"text": "a\n\tb"}, "reliability": {"error_handling": "\tx"}})
    assert doc.summary.text == "a\n\tb" and doc.reliability.error_handling == "\tx"


def test_text_is_normalised_once_and_stays_so() -> None:
    doc = Document.model_validate(
        {
            "header": {"title": "  Name  "},
            "summary": {"text": "\r\n\r\n  a  \r\nb\r\n\r\n"},
            "reliability": {"error_handling": "\n\n    x = 1   \n\n"},
        }
    )
    assert doc.header.title == "Name"
    assert doc.summary.text == "  a\nb"  # indentation is the user's; only the page trims it
    assert doc.reliability.error_handling == "    x = 1"
    assert Document.model_validate(doc.model_dump()) == doc


def test_lengths_are_limited() -> None:
    ((loc, message),) = errors({"components": [{"name": "x" * (NAME_MAX + 1)}]})
    assert loc == ("components", 0, "name") and str(NAME_MAX) in message
    ((_, message),) = errors({"review": {"owner": "x" * (LINE_MAX + 1)}})
    assert str(LINE_MAX) in message


def test_list_items_need_a_name() -> None:
    locs = {loc for loc, _ in errors({"goals": [{"target": "x"}], "decisions": [{"title": "  "}]})}
    assert locs == {("goals", 0, "name"), ("decisions", 0, "title")}


@pytest.mark.parametrize("version", ["1", "1.2", "v1.2.3", "1.2.3.4", "one"])
def test_versions_must_look_like_x_y_z(version: str) -> None:
    ((loc, message),) = errors({"header": {"version": version}})
    assert loc == ("header", "version") and "X.Y.Z" in message


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "file:///etc/passwd", "data:text/html,x", "vbscript:x"]
)
def test_links_refuse_dangerous_schemes(url: str) -> None:
    ((_, message),) = errors({"references": {"internal": [{"title": "x", "url": url}]}})
    assert "http, https or mailto" in message


@pytest.mark.parametrize("url", ["//evil.example/x", "\\\\evil.example", "/\\evil.example"])
def test_links_to_another_host_need_a_scheme(url: str) -> None:
    ((_, message),) = errors({"references": {"internal": [{"title": "x", "url": url}]}})
    assert "a link to another host needs https:// (or http://); a relative path starts otherwise" in message


def test_a_date_that_names_no_real_day_says_which_part_is_wrong() -> None:
    from wizard.problems import describe

    def message(value: str) -> str:
        with pytest.raises(ValidationError) as raised:
            Document.model_validate({"header": {"last_updated": value}})
        return describe(raised.value.errors()[0])[1]

    day, month = message("2026-02-30"), message("2026-13-01")
    assert day.endswith("got a string '2026-02-30': that month has no such day")
    assert month.endswith("got a string '2026-13-01': months go from 01 to 12")


def test_duplicate_entities_and_endpoints_are_refused() -> None:
    found = errors(
        {
            "entities": [{"name": "Payment"}, {"name": "Payment"}],
            "endpoints": [
                {"method": "GET", "path": "/a"},
                {"method": "POST", "path": "/a"},
                {"method": "GET", "path": "/a"},
            ],
        }
    )
    assert [loc for loc, _ in found] == [("entities",), ("endpoints",)]
    assert "Payment" in found[0][1] and "GET /a" in found[1][1]


def test_unknown_keys_are_refused() -> None:
    ((loc, _),) = errors({"components": [{"name": "x", "nmae": "y"}]})
    assert loc == ("components", 0, "nmae")


def test_yes_no_answers_are_strict() -> None:
    ((loc, _),) = errors({"security": {"checklist": [{"item": "x", "done": "no"}]}})
    assert loc == ("security", "checklist", 0, "done")


def _all_models() -> list[type[BaseModel]]:
    seen: list[type[BaseModel]] = [Document]
    for model in seen:
        for spec in fields_of(model):
            if spec.model is not None and spec.model not in seen:
                seen.append(spec.model)
    return seen


@pytest.mark.parametrize("model", _all_models(), ids=lambda model: model.__name__)
def test_every_field_has_a_label_help_and_a_valid_example(model: type[BaseModel]) -> None:
    for spec in fields_of(model):
        assert spec.label and spec.help, f"{model.__name__}.{spec.name} needs a label and help"
        if spec.kind in (FieldKind.GROUP, FieldKind.ITEMS):
            continue
        assert spec.example is not None, f"{model.__name__}.{spec.name} needs an example"
        value = [spec.example] if spec.kind is FieldKind.TEXT_LIST else spec.example
        required = {other.key: other.example for other in fields_of(model) if other.required}
        model.model_validate({**required, spec.key: value})


def test_the_registry_has_the_template_sections_in_order() -> None:
    assert [section.key for section in SECTIONS] == [
        "header",
        "summary",
        "context",
        "goals",
        "diagrams",
        "components",
        "entities",
        "endpoints",
        "tech_stack",
        "scalability",
        "performance",
        "security",
        "reliability",
        "observability",
        "deployment",
        "testing",
        "operations",
        "decisions",
        "future",
        "references",
        "review",
        "notes",
        "extra_sections",
    ]
    assert [section.number for section in SECTIONS] == list(range(1, len(SECTIONS) + 1))
    # The template's sections are counted for progress; an author's additions are not.
    assert [section.key for section in SECTIONS if not section.in_template] == ["notes", "extra_sections"]
    assert all(section.title and section.help for section in SECTIONS)


@given(text_for(TextKind.LINE))
def test_accepted_single_line_text_is_stable(text: str) -> None:
    doc = Document.model_validate({"review": {"owner": text}})
    assert doc.review.owner == text.strip()
    assert Document.model_validate(doc.model_dump()) == doc


@given(st.text(max_size=30))
def test_any_text_is_either_accepted_or_refused_with_a_message(text: str) -> None:
    try:
        Document.model_validate({"summary": {"text": text}})
    except ValidationError as error:
        assert all(item["msg"] for item in error.errors())


def test_printable_spells_out_what_a_terminal_would_obey() -> None:
    from wizard.chars import printable

    assert printable("a\x1b[31mb\x07c\nd\u202ee\tf") == "a\\x1b[31mb\\x07c\\nd\\u202ee\\tf"
    assert printable("plain ünïcödé ✓") == "plain ünïcödé ✓"
