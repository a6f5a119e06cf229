"""Drafts and specs of an older schema_version open, migrated in memory, one step per version.

The chain itself is tested on a pretend schema 3; the real step from schema 1 to 2
(Markdown prose, ADR decisions, lists of diagrams) has its sample file and its own tests.
"""

from pathlib import Path

import pytest

from wizard import migrations
from wizard.drafts import DRAFT_NAME, Draft, open_draft
from wizard.model import SCHEMA_VERSION
from wizard.session import Session
from wizard.spec import load_spec

SAMPLES = Path(__file__).parent / "migrations"


def test_every_older_version_has_a_migration_and_a_sample_that_opens() -> None:
    # A layout change without its migration, or without an old file to prove it, fails here.
    assert set(migrations.MIGRATIONS) == set(range(1, SCHEMA_VERSION))
    samples = sorted(path.name for path in SAMPLES.glob("v*.toml"))
    assert samples == [f"v{version}.toml" for version in range(1, SCHEMA_VERSION)]
    for sample in samples:
        document, _ = load_spec(str(SAMPLES / sample))
        assert document.schema_version == SCHEMA_VERSION


def test_a_current_file_is_not_touched() -> None:
    data = {"schema_version": SCHEMA_VERSION, "header": {"title": "Ledger"}}
    assert migrations.migrate(data) is data


def _rename_title(data: migrations.Raw) -> migrations.Raw:
    """A made-up layout change: schema 1 stored the system name as header.name."""
    header = dict(data.get("header", {}))
    if "name" in header:
        header["title"] = header.pop("name")
    return {**data, "header": header}


steps_seen: list[int] = []


def _record(data: migrations.Raw) -> migrations.Raw:
    steps_seen.append(data["schema_version"])
    return data


@pytest.fixture
def schema_3(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pretend archwiz is at schema 3, after two layout changes."""
    steps_seen.clear()
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", 3)
    monkeypatch.setattr(migrations, "MIGRATIONS", {1: _rename_title, 2: _record})


OLD_DRAFT = (
    b"# archwiz draft: not published. section=summary saved=2026-11-20T09:30:05+00:00\n"
    b'schema_version = 1\n\n[header]\nname = "Ledger"\n'
)


def test_an_older_draft_is_migrated_in_memory_step_by_step(tmp_path: Path, schema_3: None) -> None:
    path = tmp_path / DRAFT_NAME
    path.write_bytes(OLD_DRAFT)
    found = open_draft(path)
    assert isinstance(found, Draft), found
    assert found.document.header.title == "Ledger"  # step 1 ran
    assert steps_seen == [2]  # then step 2, on the layout step 1 made
    assert found.document.schema_version == 3
    assert found.section == "summary"
    assert path.read_bytes() == OLD_DRAFT  # in memory: the file changes only when saved


def test_a_migrated_draft_is_saved_in_the_new_layout(tmp_path: Path, schema_3: None) -> None:
    path = tmp_path / DRAFT_NAME
    path.write_bytes(OLD_DRAFT)
    found = open_draft(path)
    assert isinstance(found, Draft)
    session = Session.resumed(found)
    session.update("summary", {"text": "Moves money."})
    assert session.save()
    saved = path.read_text()
    assert "schema_version = 3" in saved and 'title = "Ledger"' in saved and "name =" not in saved


def test_a_newer_draft_is_still_set_aside(tmp_path: Path, schema_3: None) -> None:
    path = tmp_path / DRAFT_NAME
    path.write_text('schema_version = 4\n\n[header]\ntitle = "Ledger"\n')
    found = open_draft(path)
    assert not isinstance(found, Draft)
    assert "4 is newer than this archwiz understands (3)" in str(found)


def test_schema_1_text_still_shows_literally_after_migration() -> None:
    """Schema 1 showed every text as typed; schema 2 reads prose as Markdown. The migration
    escapes the old text, so a v1 file still shows what its author saw."""
    import cmarkgfm

    from wizard.markdown import render_markdown
    from wizard.model import Document

    literal = "# Not a heading <b>bold</b> *stars* [link](https://example.com) `tick` 1. x"
    data = {
        "schema_version": 1,
        "summary": {"text": f"{literal}\n\n- not a list"},
        "goals": [{"name": "G", "target": literal}],
        "scalability": {"horizontal": {"api_tier": literal}},
        "decisions": [
            {"title": "D", "rationale": literal, "options": [{"name": "O", "pros": literal, "cons": ""}]}
        ],
        "review": {"owner": literal},
    }
    doc = Document.model_validate(migrations.migrate(data))
    page = cmarkgfm.github_flavored_markdown_to_html(render_markdown(doc))
    for tag in ("<b>", "<em>stars", '<a href="https://example.com"', "<code>tick", "<h1>Not"):
        assert tag not in page, tag
    shown = page.replace("&lt;", "<").replace("&gt;", ">")
    assert shown.count("# Not a heading <b>bold</b> *stars* [link](https://example.com) `tick` 1. x") == 6
    assert "- not a list" in shown
    assert doc.decisions[0].options[0].pros and not doc.decisions[0].options[0].cons


def test_schema_1_layout_changes_keep_their_meaning() -> None:
    from wizard.model import Document

    data = {
        "schema_version": 1,
        "header": {"title": "X"},
        "diagrams": {
            "high_level": "A -> B",
            "high_level_format": "mermaid",
            "interactions": "sequenceDiagram",
        },
        "decisions": [{"title": "First"}, {"title": "Second", "status": "Accepted"}],
    }
    doc = Document.model_validate(migrations.migrate(data))
    assert [(d.format, d.source) for d in doc.diagrams.high_level] == [("mermaid", "A -> B")]
    assert [(d.format, d.source) for d in doc.diagrams.interactions] == [("mermaid", "sequenceDiagram")]
    # Schema 1 numbered decisions by place; a status it never asked for is not invented.
    assert [(d.number, d.status) for d in doc.decisions] == [(1, None), (2, "Accepted")]
    assert doc.header.status is None
