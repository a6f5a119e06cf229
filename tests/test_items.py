"""An item made from raw values follows the model's rules, whichever front end typed it."""

from wizard.items import EMPTY_ENTRY, item_from
from wizard.model.design import Component
from wizard.sections import SECTIONS, fields_of

COMPONENTS = next(section for section in SECTIONS if section.key == "components").spec
TECHNOLOGIES = next(spec for spec in fields_of(Component) if spec.name == "technologies")


def test_an_item_is_validated_by_its_model_with_located_problems() -> None:
    item, problems = item_from(COMPONENTS, {"name": "Api", "responsibility": "Routes"})
    assert problems == [] and item.name == "Api"
    item, problems = item_from(COMPONENTS, {"name": ""})
    assert item is None and problems and problems[0][0] == ("name",)


def test_an_edit_keeps_the_marks_that_still_hold() -> None:
    before = Component(name="Api", not_applicable={"output": "returns nothing"})
    item, problems = item_from(COMPONENTS, {"name": "Api v2"}, before)
    assert problems == [] and item.not_applicable == {"output": "returns nothing"}
    item, _ = item_from(COMPONENTS, {"name": "Api v2", "output": "Events"}, before)
    assert item.not_applicable == {}  # answering the part takes its mark back


def test_an_entry_of_a_text_list_is_refused_when_empty_or_invalid() -> None:
    assert item_from(TECHNOLOGIES, "  ") == (None, [((), EMPTY_ENTRY)])
    item, problems = item_from(TECHNOLOGIES, "Go 1.23")
    assert (item, problems) == ("Go 1.23", [])
    item, problems = item_from(TECHNOLOGIES, "x" * 401)
    assert item is None and "at most 400" in problems[0][1]
