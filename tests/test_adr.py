"""Decisions in and out: `archwiz adr export` writes MADR files (only what changed, never
over a file archwiz did not write), `archwiz adr import` reads real ADR folders (Nygard's
adr-tools layout, MADR 1 to 4) without dropping a sentence, and export then import gives
back the same decisions."""

import datetime
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
from conftest import COMPLETE, REPO
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wizard.adr_export import export_files
from wizard.adr_import import read_adr, read_folder
from wizard.cli import main
from wizard.model import Document
from wizard.model.decisions import Decision

REAL = REPO / "tests" / "realdocs"
NYGARD = REAL / "adyen-commercetools-adrs" / "source"
MADR = REAL / "madr-decisions" / "source"


def _load(path: Path) -> Document:
    return Document.model_validate(tomllib.loads(path.read_text()))


# Round trip ----------------------------------------------------------------------------------

_WORD = st.text("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789éß", min_size=1, max_size=8)
_INLINE = st.one_of(
    _WORD,
    _WORD.map(lambda w: f"**{w}**"),
    _WORD.map(lambda w: f"_{w}_"),
    _WORD.map(lambda w: f"`{w}`"),
    _WORD.map(lambda w: f"[{w}](https://example.com/{w})"),
)
_LINE = st.lists(_INLINE, min_size=1, max_size=6).map(" ".join).map(lambda s: s + ".")
_BLOCK = st.one_of(
    _LINE,
    st.lists(_LINE, min_size=1, max_size=3).map(lambda lines: "\n".join(f"- {line}" for line in lines)),
    st.lists(_LINE, min_size=1, max_size=3).map(lambda lines: "\n".join(f"* {line}" for line in lines)),
    st.lists(_LINE, min_size=1, max_size=3).map(
        lambda lines: "\n".join(f"{n}. {line}" for n, line in enumerate(lines, 1))
    ),
    _LINE.map(lambda line: f"```sql\nSELECT 1; -- {line}\n```"),
    _LINE.map(lambda line: f"> {line}"),
)
_PROSE = st.lists(_BLOCK, max_size=3).map("\n\n".join)
# Names are literal: any printable text, Markdown characters included, must come back as typed.
_NAME = (
    st.text(st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs")), min_size=1, max_size=40)
    .map(str.strip)
    .filter(bool)
)
_OPTION = st.fixed_dictionaries(
    {
        "name": _NAME,
        "description": _PROSE,
        "pros": st.lists(_PROSE.filter(bool), max_size=2),
        "cons": st.lists(_PROSE.filter(bool), max_size=2),
    }
)


@st.composite
def _decisions(draw: Any) -> list[dict[str, Any]]:
    count = draw(st.integers(1, 4))
    numbers = sorted(draw(st.sets(st.integers(1, 9999), min_size=count, max_size=count)))
    decisions = []
    for number in numbers:
        decision = {
            "title": draw(_NAME),
            "number": number,
            "status": draw(
                st.sampled_from([None, "Proposed", "Accepted", "Rejected", "Deprecated", "Superseded"])
            ),
            "date": draw(st.none() | st.dates(datetime.date(1990, 1, 1), datetime.date(2100, 1, 1))),
            "context": draw(_PROSE),
            "options": draw(st.lists(_OPTION, max_size=3, unique_by=lambda o: o["name"].casefold())),
            "decision": draw(_PROSE),
            "rationale": draw(_PROSE),
            "consequences": draw(_PROSE),
            "supersedes": draw(st.lists(st.sampled_from(numbers), max_size=2, unique=True)),
            "notes": draw(_PROSE),
        }
        decisions.append({key: value for key, value in decision.items() if value is not None})
    return decisions


def _same_options(decision: Decision) -> bool:
    """Options whose names differ only in case or punctuation are one option to a reader
    (and to the importer, which matches pros-and-cons headings to them that way)."""
    names = [" ".join(re.findall(r"\w+", o.name.lower())) or o.name.strip().lower() for o in decision.options]
    return (
        len(set(names)) == len(names)
        and all(names)
        and not any(a != b and (a.startswith(b + " ") or b.startswith(a + " ")) for a in names for b in names)
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_decisions())
def test_export_then_import_gives_the_same_decisions(
    tmp_path_factory: Any, decisions: list[dict[str, Any]]
) -> None:
    document = Document.model_validate({"decisions": decisions})
    if not all(_same_options(decision) for decision in document.decisions):
        return
    folder = tmp_path_factory.mktemp("adr")
    for path, data in export_files(document, folder).files:
        path.write_bytes(data)
    found = read_folder(folder)
    back = [Decision.model_validate(item.fields) for item in found.decisions]
    assert back == document.decisions
    assert [item.kept for item in found.decisions] == [[] for _ in back]


def test_a_heading_in_prose_is_nested_below_its_part_and_renders_the_same_after_import(
    tmp_path: Path,
) -> None:
    from wizard.markdown import render_markdown

    document = Document.model_validate(
        {"decisions": [{"title": "Ledger", "context": "# Background\n\nMoney moves.\n\n## Detail\n\nMore."}]}
    )
    (path, data), _ = export_files(document, tmp_path).files
    text = data.decode()
    assert "### Background" in text and "#### Detail" in text  # below "## Context and Problem Statement"
    path.write_bytes(data)
    again = Document.model_validate({"decisions": [read_adr(path).fields]})
    assert render_markdown(again) == render_markdown(document)


# Real folders ---------------------------------------------------------------------------------

_STRUCTURE = re.compile(
    r"^(#+ |-{3,}$|\*{0,2}(date|status|deciders?|decision-makers|parent|nav_order|title|layout)\b|"
    r"<!--|-->)",
    re.IGNORECASE,
)


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _text(value: Any) -> str:
    if isinstance(value, dict):
        return "\n".join(_text(item) for item in value.values())
    if isinstance(value, list):
        return "\n".join(_text(item) for item in value)
    return str(value)


def _every_sentence_kept(path: Path, fields: dict[str, Any]) -> list[str]:
    """The lines of an ADR whose words are nowhere in what was imported from it."""
    held = _words(_text(fields))
    lost = []
    for line in path.read_text().splitlines():
        line = re.sub(r"^\s*[*+-]\s+(good|bad), because\s*", "", line, flags=re.IGNORECASE)
        if not line.strip() or _STRUCTURE.match(line.strip()):
            continue
        words = _words(line)
        if words and words not in held:
            lost.append(line)
    return lost


@pytest.mark.parametrize("folder", [NYGARD, MADR], ids=["adr-tools", "madr"])
def test_a_real_adr_folder_is_imported_without_losing_a_sentence(folder: Path) -> None:
    found = read_folder(folder)
    assert len(found.decisions) == len(list(folder.glob("[0-9]*.md")))
    for item in found.decisions:
        assert _every_sentence_kept(item.path, item.fields) == [], item.path.name
        Decision.model_validate(item.fields)  # fits the model


def test_the_nygard_folder_maps_as_an_architect_would() -> None:
    found = {item.path.name[:4]: item for item in read_folder(NYGARD).decisions}
    first = found["0001"].fields
    assert first["title"] == "Record architecture decisions" and first["number"] == 1
    assert (first["status"], first["date"]) == ("Accepted", "2020-12-18")
    assert first["context"] == "We need to record the architectural decisions made on this project."
    assert first["decision"].startswith("We will use Architecture Decision Records")
    assert found["0001"].kept == ["Before the title"]  # the doctoc table of contents
    # "[Approved](pull request)": Accepted, and the link stays in the notes.
    fifth = found["0005"]
    assert fifth.fields["status"] == "Accepted" and "pull/918" in fifth.fields["notes"]
    # Its heading says "# 6." but the file is 0007: the file's number wins.
    assert found["0007"].fields["number"] == 7


def test_the_madr_folder_maps_options_with_their_pros_and_cons() -> None:
    found = {item.path.name[:4]: item for item in read_folder(MADR).decisions}
    options = found["0008"].fields["options"]
    assert [option["name"] for option in options][:2] == ["Use YAML front matter", "Use badge"]
    assert all(option.get("pros") or option.get("cons") for option in options)
    assert options[0]["pros"][0].startswith("")  # each pro without its "Good, because"
    assert not any(pro.startswith("Good") for option in options for pro in option["pros"])
    # Options under "##" beside the list (0013), and a second "# Context" heading (0010).
    assert all(option.get("pros") for option in found["0013"].fields["options"])
    assert found["0010"].fields["context"] and len(found["0010"].fields["options"]) >= 5
    assert "Decision Drivers" in found["0013"].kept
    # "status: on hold" is no status of the model: kept as written, not guessed.
    assert "status" not in found["0003"].fields and "on hold" in found["0003"].fields["notes"]


# The commands ---------------------------------------------------------------------------------


def test_export_writes_only_what_changed_and_never_over_a_hand_edited_file(
    tmp_path: Path, capsys: Any
) -> None:
    markdown = tmp_path / "ARCHITECTURE.md"
    assert main(["-q", "--from", str(COMPLETE), "-o", str(markdown)]) == 0
    sidecar, folder = str(markdown.with_suffix(".toml")), tmp_path / "decisions"
    assert main(["adr", "export", str(folder), sidecar]) == 0
    names = sorted(path.name for path in folder.iterdir())
    assert names == [
        "0001-ledger-database.md",
        "0002-publishing-events.md",
        "0003-events-by-polling-the-ledger.md",
        "README.md",
    ]
    assert "wrote 4 of 4 files" in capsys.readouterr().err
    assert main(["adr", "export", str(folder), sidecar]) == 0
    assert "wrote 0 of 4 files" in capsys.readouterr().err
    index = (folder / "README.md").read_text()
    assert "| 0002 | [Publishing events](0002-publishing-events.md) | Accepted | 2025-03-18 |" in index
    edited = folder / "0001-ledger-database.md"
    edited.write_text(edited.read_text().replace("# Ledger database", "# Ledger database (edited)"))
    sidecar_text = Path(sidecar).read_text().replace('title = "Ledger database"', 'title = "Ledger DB"')
    Path(sidecar).write_text(sidecar_text)
    assert main(["-q", "--from", sidecar, "-o", str(markdown), "--force"]) == 0
    assert main(["adr", "export", str(folder), sidecar]) == 0  # a new name: the edited file is left alone
    err = capsys.readouterr().err
    assert (folder / "0001-ledger-db.md").exists() and "(edited)" in edited.read_text()
    assert "note: 0001-ledger-database.md is no decision of" in err  # edited: named, never removed
    # Renamed once more: the unedited 0001-ledger-db.md is archwiz's own, so it goes.
    Path(sidecar).write_text(
        Path(sidecar).read_text().replace('title = "Ledger DB"', 'title = "Ledger store"')
    )
    assert main(["-q", "--from", sidecar, "-o", str(markdown), "--force"]) == 0
    assert main(["adr", "export", str(folder), sidecar]) == 0
    assert "removed 0001-ledger-db.md: an earlier export" in capsys.readouterr().err
    assert not (folder / "0001-ledger-db.md").exists() and (folder / "0001-ledger-store.md").exists()
    (folder / "0001-ledger-store.md").write_text("# mine\n")
    assert main(["adr", "export", str(folder), sidecar]) == 1
    err = capsys.readouterr().err
    assert "0001-ledger-store.md was not written by archwiz; not replacing it" in err
    assert "or export into another folder" in err
    assert main(["adr", "export", str(folder), sidecar, "--force"]) == 0
    assert (folder / "0001-ledger-store.md.bak").read_text() == "# mine\n"


def test_import_merges_by_number_and_refuses_a_record_that_does_not_fit(tmp_path: Path, capsys: Any) -> None:
    sidecar = tmp_path / "ARCHITECTURE.toml"
    assert main(["adr", "import", str(NYGARD), str(sidecar)]) == 0
    err = capsys.readouterr().err
    assert (
        "0005-adding-line-items.md: decision 5 'Adding line items' (added); kept in its notes: Status" in err
    )
    assert f"wrote {tmp_path / 'ARCHITECTURE.md'} and {sidecar}: 8 decisions added, 0 updated" in err
    assert [d.number for d in _load(sidecar).decisions] == list(range(1, 9))
    # Again: the same numbers are updated in place, none added.
    assert main(["adr", "import", str(NYGARD), str(sidecar)]) == 0
    assert "0 decisions added, 8 updated" in capsys.readouterr().err
    # A record whose title is too long for a name: exit 2, its file and field named, nothing written.
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "0009-long.md").write_text("# " + "x" * 500 + "\n\n## Status\n\nAccepted\n")
    before = sidecar.read_bytes()
    assert main(["adr", "import", str(bad), str(sidecar)]) == 2
    assert f"{bad / '0009-long.md'}: decision.title:" in capsys.readouterr().err
    assert sidecar.read_bytes() == before
    assert main(["adr", "import", str(tmp_path / "none"), str(sidecar)]) == 2


def test_import_never_replaces_another_decision_silently(tmp_path: Path, capsys: Any) -> None:
    """Decisions 1 to 3 of the example are other decisions than the folder's 1 to 3: nothing is
    written unless --force, which keeps the sidecar as it was."""
    markdown = tmp_path / "ARCHITECTURE.md"
    assert main(["-q", "--from", str(COMPLETE), "-o", str(markdown)]) == 0
    sidecar = markdown.with_suffix(".toml")
    before = sidecar.read_bytes()
    assert main(["adr", "import", str(NYGARD), str(sidecar)]) == 1
    err = capsys.readouterr().err
    assert f"decision 1 is 'Ledger database' in {sidecar} but 'Record architecture decisions'" in err
    assert "Nothing was written" in err and sidecar.read_bytes() == before
    assert main(["adr", "import", str(NYGARD), str(sidecar), "--force"]) == 0
    assert (tmp_path / "ARCHITECTURE.toml.bak").read_bytes() == before
    assert _load(sidecar).decisions[0].title == "Record architecture decisions"


def test_two_records_with_one_number_are_refused(tmp_path: Path, capsys: Any) -> None:
    folder = tmp_path / "adr"
    folder.mkdir()
    (folder / "0001-x.md").write_text("# X\n\n## Status\n\nAccepted\n")
    (folder / "0001-y.md").write_text("# Y\n\n## Status\n\nAccepted\n")
    assert main(["adr", "import", str(folder), str(tmp_path / "A.toml")]) == 2
    assert "0001-x.md, 0001-y.md are all number 1" in capsys.readouterr().err
    assert not (tmp_path / "A.toml").exists()


def test_import_leaves_a_hand_written_spec_alone(tmp_path: Path, capsys: Any) -> None:
    spec = tmp_path / "invoice.toml"
    spec.write_text('# my own notes\n[header]\ntitle = "Invoices"\n')
    assert main(["adr", "import", str(NYGARD), str(spec)]) == 1
    assert "is a spec of your own, not a sidecar archwiz wrote" in capsys.readouterr().err
    assert sorted(path.name for path in tmp_path.iterdir()) == ["invoice.toml"]


def test_unknown_front_matter_is_kept_in_the_notes() -> None:
    found = {item.path.name[:4]: item for item in read_folder(MADR).decisions}
    assert "Front matter" in found["0008"].kept and "nav_order" in found["0008"].fields["notes"]
