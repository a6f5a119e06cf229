"""Mermaid diagrams drawn from the answers parse with mermaid's own parser (under node, with
jsdom), whatever the names hold; a user draws one on a diagram list with a key (or a
plain-mode choice) and it is theirs to edit, and to undo."""

import json
import random
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import COMPLETE, REPO
from hypothesis import given, settings
from hypothesis import strategies as st
from textual.widgets import DataTable
from tui import drive, load_document

from wizard.cli import main
from wizard.diagrams import GENERATORS, component_flowchart, entity_diagram, flow_sequence, label
from wizard.model import Document
from wizard.session import Session

MERMAID_VERSION = "11.4.1"
JSDOM_VERSION = "25.0.1"
_CACHE = REPO / ".cache" / "mermaid"
# mermaid.parse needs a DOM (DOMPurify): jsdom gives it one. Reads a JSON list of sources
# on stdin; writes, for each, whether it parsed and, if not, mermaid's message.
_SCRIPT = """\
import { JSDOM } from "jsdom";
const dom = new JSDOM("<!DOCTYPE html><body></body>");
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import("mermaid");
mermaid.initialize({ startOnLoad: false });
let text = "";
for await (const chunk of process.stdin) text += chunk;
const results = [];
for (const source of JSON.parse(text)) {
  try {
    const parsed = await mermaid.parse(source);
    results.push({ ok: true, type: parsed.diagramType });
  } catch (error) {
    results.push({ ok: false, error: String((error && error.message) || error).slice(0, 400) });
  }
}
process.stdout.write(JSON.stringify(results));
"""


@pytest.fixture(scope="session")
def mermaid_parse() -> Any:
    """A function: mermaid sources -> mermaid's verdict on each (one node run for all)."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        pytest.skip("node and npm are needed to run mermaid's own parser; they are not installed here")
    if not (_CACHE / "node_modules" / "mermaid").exists() or not (_CACHE / "node_modules" / "jsdom").exists():
        _CACHE.mkdir(parents=True, exist_ok=True)
        install = [npm, "install", "--no-save", "--no-audit", "--no-fund", "--prefix", str(_CACHE)]
        done = subprocess.run(
            [*install, f"mermaid@{MERMAID_VERSION}", f"jsdom@{JSDOM_VERSION}"],
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert done.returncode == 0, f"npm could not install mermaid and jsdom:\n{done.stderr[-2000:]}"
    script = _CACHE / "parse.mjs"  # beside node_modules, where node resolves the imports
    script.write_text(_SCRIPT)

    def parse(sources: list[str]) -> list[dict[str, Any]]:
        done = subprocess.run(
            [node, str(script)], input=json.dumps(sources), capture_output=True, text=True, timeout=300
        )
        assert done.returncode == 0, done.stderr[-2000:]
        results: list[dict[str, Any]] = json.loads(done.stdout)
        return results

    return parse


# Names that have broken diagram syntaxes: quotes, brackets of every shape, arrows,
# keywords, comments, entity codes, separators, and letters of other scripts.
NASTY = [
    'Say "hi"',
    "a[b]c",
    "(x)",
    "{{y}}",
    "[(db)]",
    "A --> B",
    "A ->> B",
    "end",
    "End",
    "subgraph",
    "participant",
    "%% comment",
    "x; y",
    "a:b",
    "#35;",
    "&amp;",
    "<b>bold</b>",
    "|pipe|",
    "back\\slash",
    "Zahlungsdienst für Händler",
    "支付服务",
    "خدمة الدفع",
    "🚀 Launch",
    "`code`",
    "o{",
    "||--o{",
]


def _named(names: list[str]) -> Document:
    """A document whose components, entities and data flow use ``names``."""
    components = [{"name": name} for name in names]
    entities = [
        {"name": name, "has_many": [names[(i + 1) % len(names)]], "belongs_to": [names[(i + 2) % len(names)]]}
        for i, name in enumerate(names)
    ]
    flow = [
        f"{names[i]} → {names[(i + 1) % len(names)]} ({names[(i + 3) % len(names)]})"
        for i in range(len(names))
    ]
    return Document.model_validate(
        {"components": components, "entities": entities, "diagrams": {"data_flow": flow}}
    )


def _random_names(seed: int, count: int) -> list[str]:
    chars = "abcXYZ019 \"'[](){}<>|;:%#&-=>ox@!?/\\*_`~^.,éß中ع🚀"
    rng = random.Random(seed)
    names: list[str] = []
    while len(names) < count:
        name = "".join(rng.choice(chars) for _ in range(rng.randint(1, 12))).strip()
        if name and name.casefold() not in {n.casefold() for n in names}:
            names.append(name)
    return names


def test_every_generated_diagram_parses_with_mermaid(mermaid_parse: Any) -> None:
    documents = [load_document(COMPLETE), _named(NASTY)]
    documents += [_named(_random_names(seed, 8)) for seed in range(12)]
    sources = [
        draw(doc) for doc in documents for draw in (component_flowchart, entity_diagram, flow_sequence)
    ]
    verdicts = mermaid_parse(sources)
    failed = [
        (source, verdict) for source, verdict in zip(sources, verdicts, strict=True) if not verdict["ok"]
    ]
    assert failed == []
    assert {verdict["type"] for verdict in verdicts} == {"flowchart-v2", "er", "sequence"}
    # A broken diagram is caught: the parser is really parsing.
    assert mermaid_parse(["flowchart LR\n    a -->"])[0]["ok"] is False


def test_the_drawings_say_what_the_answers_say() -> None:
    document = load_document(COMPLETE)
    flowchart = component_flowchart(document)
    assert '    c1["API Gateway"]' in flowchart
    assert '    c1 -->|"gRPC#44; idempotency key checked"| c2' in flowchart  # the data-flow step
    er = entity_diagram(document)
    assert '    e1["Payment"]\n' in er and '    e1 ||--o{ e2 : "has many"' in er
    sequence = flow_sequence(document)
    assert "    participant p2 as API Gateway" in sequence
    assert "    p2->>p3: gRPC#44; idempotency key checked" in sequence
    # "A → B, or C on failure": the words after the target say how.
    assert "    p4->>p5: or Acquirer B on failure" in sequence


_ENTITY = re.compile(r"#(\d+);")


@settings(max_examples=300)
@given(st.text())
def test_a_label_holds_nothing_that_could_end_it_and_reads_back_as_the_name(name: str) -> None:
    shown = label(name)
    # Outside its entity codes, nothing that could close a label, a statement or a line.
    assert not re.search(r"[\"\[\](){}<>|;:%#\n\r\t]", _ENTITY.sub("", shown))
    # Mermaid reads "#NNN;" as the character NNN.
    assert _ENTITY.sub(lambda code: chr(int(code.group(1))), shown) == " ".join(name.split())


def test_g_on_a_diagram_list_draws_one_that_undo_takes_back() -> None:
    session = Session(load_document(COMPLETE), section="diagrams")
    before = list(session.document.diagrams.high_level)

    async def scenario(app, pilot):
        assert isinstance(app.focused, DataTable)  # High-Level Architecture
        await pilot.press("g")
        await pilot.pause()
        from screens.tui.dialogs import ChoiceDialog

        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("down", "enter")  # the second offer: entities and relationships
        await pilot.pause()
        added = session.document.diagrams.high_level[-1]
        assert (added.title, added.format) == ("Entities and relationships", "mermaid")
        assert added.source == entity_diagram(session.document)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert session.document.diagrams.high_level == before

    drive(scenario, session)


def test_a_list_that_is_no_diagram_slot_draws_nothing() -> None:
    session = Session(load_document(COMPLETE), section="goals")

    async def scenario(app, pilot):
        await pilot.press("g")
        await pilot.pause()
        assert type(app.screen).__name__ == "SectionScreen"

    drive(scenario, session)
    assert session.document.goals == load_document(COMPLETE).goals


def test_the_plain_wizard_offers_to_draw(tmp_path: Path) -> None:
    from plain import ENTER, pick, play

    session = Session(load_document(COMPLETE))
    keys = pick("Choose") + pick("Diagrams") + pick("Draw") + pick("Components and") + pick("Done") + ENTER
    _, said = play(keys, session, draft_path=tmp_path / "draft.toml")  # then the keys run out
    assert "Added diagram 4, a mermaid diagram: edit it as your own text." in said
    assert session.document.diagrams.high_level[-1].source == component_flowchart(session.document)


def test_archwiz_diagram_prints_one(tmp_path: Path, capsys: Any) -> None:
    assert main(["diagram", "components", str(COMPLETE)]) == 0
    assert capsys.readouterr().out == component_flowchart(load_document(COMPLETE)) + "\n"
    empty = tmp_path / "empty.toml"
    empty.write_text('[header]\ntitle = "x"\n')
    assert main(["diagram", "entities", str(empty)]) == 2
    assert "has nothing to draw it from: it needs the entities of Data Models" in capsys.readouterr().err
    assert {generator.key for generator in GENERATORS} == {"components", "entities", "data-flow"}
