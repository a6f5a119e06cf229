"""One list item from a front end's raw values: the same rules wherever it was typed.

The full-screen wizard's item dialog, text pasted onto a list and any later front end
make an item here; list-wide rules (unique names) are the section's, checked by the
session with the item in place.
"""

from typing import Any

from pydantic import TypeAdapter, ValidationError

from wizard.gaps import keep_marks
from wizard.problems import Loc, describe_all
from wizard.sections import FieldSpec

Problems = list[tuple[Loc, str]]

EMPTY_ENTRY = "an empty entry adds nothing: type a value, or cancel"


def item_from(spec: FieldSpec, raw: Any, before: Any = None) -> tuple[Any, Problems]:
    """The item of the list ``spec`` that ``raw`` describes, or None and the model's problems
    (located inside the item). ``before`` is the item as it was: its not-applicable marks
    that still hold are kept."""
    if spec.model is not None:
        try:
            return spec.model.model_validate(keep_marks(before, raw)), []
        except ValidationError as error:
            return None, describe_all(error)
    if not str(raw).strip():
        return None, [((), EMPTY_ENTRY)]
    try:
        return _adapter(spec).validate_python(raw), []
    except ValidationError as error:
        return None, describe_all(error)


def _adapter(spec: FieldSpec) -> TypeAdapter[Any]:
    # Built once per list field: a paste of many lines validates each with it.
    adapter = spec.__dict__.get("_item_adapter")
    if adapter is None:
        adapter = TypeAdapter(spec.item_type)
        spec.__dict__["_item_adapter"] = adapter
    return adapter
