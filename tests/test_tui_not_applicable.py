"""F4 marks the focused part (or a list section) as not applicable, with a reason typed in a
dialog; the mark shows under the field, counts as answered, and typing an answer takes it back."""

from tui import drive, row, screen_text, section, section_screen, static_text

from wizard.session import Session


def _session_at(key: str) -> Session:
    return Session(section=key)


def test_f4_marks_the_focused_field_and_typing_an_answer_takes_the_mark_back() -> None:
    session = _session_at("review")

    async def scenario(app, pilot):
        await pilot.pause()
        assert row(app, "owner").editor.has_focus
        await pilot.press("f4")
        await pilot.pause()
        await pilot.press(*"One person, no team", "enter")
        await pilot.pause()
        assert session.document.review.not_applicable == {"owner": "One person, no team"}
        assert "Not applicable: One person, no team (F4 to" in screen_text(app)
        await pilot.press(*"Ada")  # the focus is back in the field: an answer after all
        await pilot.pause()
        assert session.document.review.owner == "Ada"
        assert session.document.review.not_applicable == {}
        assert "Not applicable" not in screen_text(app)

    drive(scenario, session)


def test_f4_on_a_filled_field_refuses_and_keeps_the_answer() -> None:
    session = _session_at("review")
    session.document.review.owner = "Ada"

    async def scenario(app, pilot):
        await pilot.pause()
        await pilot.press("f4")
        await pilot.pause()
        await pilot.press(*"nope", "enter")
        await pilot.pause()
        assert session.document.review.owner == "Ada"
        assert session.document.review.not_applicable == {}
        told = [note.message for note in app._notifications]
        assert told == [
            "Architecture Owner was not marked: it has an answer; clear it first: a part that does not apply has none"
        ]

    drive(scenario, session)


def test_f4_in_a_list_section_marks_the_whole_section_and_it_applies_again_on_request() -> None:
    session = _session_at("entities")

    async def scenario(app, pilot):
        await pilot.pause()
        assert section_screen(app).section == section("entities")
        await pilot.press("f4")
        await pilot.pause()
        await pilot.press(*"No data of its own", "enter")
        await pilot.pause()
        assert session.document.not_applicable == {"entities": "No data of its own"}
        assert "This section does not apply: No data of its own" in static_text(app, "#section-gap")
        await pilot.press("f4")
        await pilot.pause()
        await pilot.click("#clear")
        await pilot.pause()
        assert session.document.not_applicable == {}
        assert "does not apply" not in screen_text(app)

    drive(scenario, session)
