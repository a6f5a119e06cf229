"""Drafts and specs of an older schema_version open, migrated in memory, one step per version.

Schema 1 is the only published layout so far, so the mechanism is tested on a
pretend schema 3; the first real layout change adds its step and a sample file.
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
