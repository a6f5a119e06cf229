"""A part that does not apply says so, with its reason, and counts as answered; the mark
survives every edit that does not answer the part, in every front end."""

import pytest
from pydantic import ValidationError

from wizard.answers import SectionAnswers
from wizard.markdown import render_markdown
from wizard.markdown.render import render_section
from wizard.model import Document
from wizard.sections import SECTIONS, SectionState, progress, section_state
from wizard.session import Session
from wizard.sidecar import dump_toml
from wizard.spec import parse, validate

SECTION = {section.key: section for section in SECTIONS}


def _doc() -> Document:
    return Document.model_validate(
        {
            "not_applicable": {"testing": "A one-file script; it is tried by hand."},
            "reliability": {
                "not_applicable": {"disaster_recovery": ""},
                "availability": {"uptime_target": "99%", "not_applicable": {"failover": "One instance."}},
            },
            "entities": [{"name": "Order", "not_applicable": {"has_many": "Orders own nothing."}}],
        }
    )


def test_marked_parts_render_with_their_reason_instead_of_a_gap() -> None:
    page = render_markdown(_doc())
    assert "## Testing Strategy\n\n_Not applicable_: A one-file script; it is tried by hand.\n" in page
    assert "### Disaster Recovery\n\n_Not applicable_.\n" in page
    assert "- **Failover:** _Not applicable_: One instance." in page
    assert "- Has many: _Not applicable_: Orders own nothing." in page


def test_marked_parts_count_as_answered() -> None:
    doc = _doc()
    assert section_state(doc, SECTION["testing"]) is SectionState.COMPLETE
    before = section_state(doc, SECTION["reliability"])
    assert before is SectionState.PARTIAL  # redundancy, error handling... still open
    complete, total = progress(doc)
    assert complete == 1 and total == 21


def test_marks_round_trip_through_the_sidecar() -> None:
    doc = _doc()
    text = dump_toml(doc)
    assert validate(parse(text, "s"), text, "s") == doc


def test_a_part_both_answered_and_marked_is_refused_in_a_spec() -> None:
    with pytest.raises(ValidationError, match="answered and also marked not applicable"):
        Document.model_validate({"review": {"owner": "Team", "not_applicable": {"owner": "x"}}})
    with pytest.raises(ValidationError, match="not a part here; expected one of owner, cycle, next_review"):
        Document.model_validate({"review": {"not_applicable": {"ownr": "x"}}})


def test_an_edit_from_a_form_keeps_the_marks_and_answering_a_part_takes_its_mark_back() -> None:
    session = Session(_doc())
    # A form sends its fields only, never the marks.
    form = {
        "availability": {"uptime_target": "99.9%", "redundancy": "", "failover": ""},
        "disaster_recovery": {"rto": "", "rpo": "", "backup": "", "restore": ""},
        "error_handling": "",
        "error_handling_language": "",
    }
    assert session.update("reliability", form) == []
    reliability = session.document.reliability
    assert reliability.availability.uptime_target == "99.9%"
    assert reliability.availability.not_applicable == {"failover": "One instance."}
    assert reliability.not_applicable == {"disaster_recovery": ""}
    form["availability"]["failover"] = "Automatic, in 30 s"
    assert session.update("reliability", form) == []
    assert session.document.reliability.availability.not_applicable == {}


def test_the_plain_prompts_answering_a_marked_part_takes_its_mark_back() -> None:
    session = Session(_doc())
    answers = SectionAnswers(session, SECTION["reliability"])
    assert answers.answer(("availability", "failover"), "Manual") == []
    assert session.document.reliability.availability.failover == "Manual"
    assert session.document.reliability.availability.not_applicable == {}


def test_the_preview_of_a_marked_section_says_so() -> None:
    assert "_Not applicable_: A one-file script" in render_section(_doc(), "testing")


def test_a_mistaken_mark_is_reported_at_its_own_line_and_a_misspelt_key_gets_a_suggestion(tmp_path) -> None:
    from wizard.errors import InputError
    from wizard.spec import load_spec

    spec = tmp_path / "spec.toml"
    spec.write_text('schema_version = 2\n[header]\ntitle = "x"\nnot_applicable = { versoin = "no" }\n')
    with pytest.raises(InputError) as caught:
        load_spec(str(spec))
    assert f"{spec}:4: header.not_applicable.versoin: not_applicable names 'versoin'" in str(caught.value)
    spec.write_text('schema_version = 2\n[header]\ntitle = "x"\nnot_aplicable = { version = "no" }\n')
    with pytest.raises(InputError, match="did you mean 'not_applicable'"):
        load_spec(str(spec))
