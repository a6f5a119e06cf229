"""The TOML sidecar holds exactly the document: load(dump(doc)) == doc, same Markdown."""

import tomllib

import pytest
from conftest import COMPLETE, MINIMAL
from hypothesis import given, settings
from strategies import documents, examples

from wizard.markdown import render_markdown
from wizard.model import SCHEMA_VERSION, Document
from wizard.sidecar import dump_toml
from wizard.spec import load_spec


def reload(doc: Document) -> Document:
    return Document.model_validate(tomllib.loads(dump_toml(doc)))


@pytest.mark.parametrize("spec", [COMPLETE, MINIMAL], ids=["complete", "minimal"])
def test_examples_round_trip(spec: object) -> None:
    doc, _ = load_spec(str(spec))
    assert reload(doc) == doc
    assert render_markdown(reload(doc)) == render_markdown(doc)


@settings(max_examples=examples(80))
@given(documents)
def test_any_document_round_trips_through_its_sidecar(doc: Document) -> None:
    sidecar = dump_toml(doc)
    again = reload(doc)
    assert again == doc
    assert dump_toml(again) == sidecar  # the layout is canonical: a second pass changes no byte
    assert render_markdown(again) == render_markdown(doc)


def test_an_empty_document_writes_only_its_schema_version() -> None:
    # Nothing is chosen for the author: no status, no metric type, nothing but the version.
    data = tomllib.loads(dump_toml(Document()))
    assert data == {"schema_version": SCHEMA_VERSION}
    assert reload(Document()) == Document()


def test_the_sidecar_starts_with_a_comment_then_the_schema_version() -> None:
    lines = dump_toml(Document()).splitlines()
    assert lines[0].startswith("# ")
    assert (
        next(line for line in lines if line and not line.startswith("#"))
        == f"schema_version = {SCHEMA_VERSION}"
    )


@pytest.mark.parametrize(
    "text",
    [
        'has """ triple quotes',
        "ends with a backslash\\",
        'a "quoted" \\n literal',
        "tab\there",
        "'''",
        "\n\nx",
    ],
)
def test_awkward_strings_survive_the_sidecar(text: str) -> None:
    doc = Document.model_validate(
        {
            "reliability": {"error_handling": text},
            "review": {"owner": text.strip().replace("\n", " ").replace("\t", " ")},
        }
    )
    assert reload(doc) == doc
