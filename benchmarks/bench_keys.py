"""How many keys does a small real document take in the full-screen wizard?

Run from the repository root with the virtualenv active:

    python benchmarks/bench_keys.py

Types the URL-shortener document of issue 13 (header, summary, 2 requirements, 2 goals,
3 components, 1 entity, 1 endpoint, 1 decision, then review and write) into a real
archwiz (Textual's Pilot, headless, 80x24), the way a user who knows the keys would, and
counts the command keys: every key that is not a character of the content (Tab, Enter,
ctrl+s, "a" on a list, ...). Nothing is recovered from: the script checks, after every
step, that focus is where a user would expect it, and at the end that the document holds
exactly what was typed. Target: at most 110 command keys (189 when issue 13 was filed).

Nothing is written inside the repository: the document goes to a temporary folder.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

TARGET = 110

DOCUMENT: dict[str, Any] = {
    "title": "URL Shortener",
    "version": "0.1.0",
    "summary": "Turns long URLs into short codes and redirects visitors to the original.",
    "requirements": ["Create a short code for any valid URL", "Redirect in under 50 ms at p99"],
    "goals": [("Latency", "p99 redirect < 50 ms"), ("Availability", "99.95% monthly")],
    "components": [
        ("API", "Creates codes and validates URLs", "Go"),
        ("Redirector", "Looks up codes and redirects", "Go"),
        ("Store", "Keeps codes and their URLs", "PostgreSQL"),
    ],
    "entity": ("Link", "A short code and its target URL"),
    "endpoint": ("/links", "Create a short code"),
    "decision": ("Codes are random, not sequential", "Sequential codes can be guessed"),
}


class Typist:
    """Presses keys through Pilot, counting content characters and command keys apart."""

    def __init__(self, pilot: Any) -> None:
        self.pilot = pilot
        self.commands = 0
        self.characters = 0
        self.log: list[str] = []

    async def type(self, text: str) -> None:
        self.characters += len(text)
        await self.pilot.press(*text)

    async def keys(self, *keys: str) -> None:
        self.commands += len(keys)
        self.log.extend(keys)
        for key in keys:
            await self.pilot.press(key)
            await self.pilot.pause()


def _expect(condition: bool, what: str) -> None:
    if not condition:
        raise SystemExit(f"bench_keys: the script lost its way: {what}")


async def _scenario(app: Any, typist: Typist, out: Path) -> None:
    from textual.widgets import DataTable, TextArea

    from screens.tui.dialogs import ItemDialog
    from screens.tui.review import ReviewScreen

    doc = DOCUMENT
    pilot = typist.pilot
    await pilot.pause()
    await typist.keys("enter")  # start a new document
    # 1 Header: the title has focus; Enter walks to the next field (status is left open).
    await typist.type(doc["title"])
    await typist.keys("enter", "tab")
    await typist.type(doc["version"])
    await typist.keys("ctrl+n")
    # 2 Executive summary: one Markdown editor, focused.
    _expect(isinstance(app.focused, TextArea), "summary editor focused")
    await typist.type(doc["summary"])
    await typist.keys("ctrl+n")
    # 3 Context: the first list has focus; "a" opens a one-field dialog, ctrl+s adds.
    _expect(isinstance(app.focused, DataTable), "requirements list focused")
    for requirement in doc["requirements"]:
        await typist.keys("a")
        await typist.type(requirement)
        await typist.keys("ctrl+s")
    await typist.keys("ctrl+n")
    # 4 Goals.
    for name, target in doc["goals"]:
        await typist.keys("a")
        await typist.type(name)
        await typist.keys("enter")
        await typist.type(target)
        await typist.keys("ctrl+s")
    await typist.keys("ctrl+n", "ctrl+n")  # past Diagrams
    # 6 Components: name, responsibility, one technology.
    for name, responsibility, technology in doc["components"]:
        await typist.keys("a")
        _expect(isinstance(app.screen, ItemDialog), "component dialog open")
        await typist.type(name)
        await typist.keys("enter")
        await typist.type(responsibility)
        await typist.keys("tab", "a")  # to the technologies list, add one
        await typist.type(technology)
        await typist.keys("enter")  # a one-field dialog: Enter adds it
        await typist.keys("ctrl+s")
    await typist.keys("ctrl+n")
    # 7 Data models: one entity, name and description.
    name, description = doc["entity"]
    await typist.keys("a")
    await typist.type(name)
    await typist.keys("enter")
    await typist.type(description)
    await typist.keys("ctrl+s", "ctrl+n")
    # 8 API contracts: one endpoint; the method stays GET... so POST is chosen from its list.
    path, description = doc["endpoint"]
    await typist.keys("a", "enter", "down", "enter", "tab")  # open the method list, POST, on
    await typist.type(path)
    await typist.keys("enter")
    await typist.type(description)
    await typist.keys("ctrl+s")
    await typist.keys(*["ctrl+n"] * 10)  # to 18 Trade-offs & Decisions
    title, rationale = doc["decision"]
    await typist.keys("a")
    await typist.type(title)
    for _ in range(7):  # number, status, date, context, options, decision: to the rationale
        await typist.keys("tab")
    await typist.type(rationale)
    await typist.keys("ctrl+s")
    # Review and write.
    await typist.keys("ctrl+r")
    _expect(isinstance(app.screen, ReviewScreen), "review open")
    await typist.keys("ctrl+u")  # clear the offered path
    await typist.type(str(out))
    await typist.keys("enter")
    await pilot.pause()


def _check(session: Any) -> list[str]:
    """What differs between the document and what the script typed ([] when nothing)."""
    doc, got = DOCUMENT, session.document
    wrong = []
    pairs = [
        (got.header.title, doc["title"]),
        (got.header.version, doc["version"]),
        (got.summary.text, doc["summary"]),
        (got.context.business_requirements, doc["requirements"]),
        ([(goal.name, goal.target) for goal in got.goals], doc["goals"]),
        (
            [(c.name, c.responsibility, c.technologies) for c in got.components],
            [(n, r, [t]) for n, r, t in doc["components"]],
        ),
        ([(e.name, e.description) for e in got.entities], [doc["entity"]]),
        ([(e.method, e.path, e.description) for e in got.endpoints], [("POST", *doc["endpoint"])]),
        ([(d.title, d.rationale) for d in got.decisions], [doc["decision"]]),
    ]
    for value, expected in pairs:
        if value != expected:
            wrong.append(f"{value!r} != {expected!r}")
    return wrong


def main() -> int:
    from screens.tui.app import ArchwizApp

    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "URL-SHORTENER.md"
        app = ArchwizApp(draft_path=Path(folder) / ".archwiz-draft.toml")
        typist: Typist | None = None

        async def run() -> None:
            nonlocal typist
            async with app.run_test(size=(80, 24)) as pilot:
                typist = Typist(pilot)
                await _scenario(app, typist, out)

        start = time.perf_counter()
        asyncio.run(run())
        seconds = time.perf_counter() - start
        assert typist is not None and app.session is not None
        wrong = _check(app.session)
        written = out.exists()
    print("URL-shortener document typed into archwiz at 80x24 (Pilot)")
    print(f"  content characters: {typist.characters}")
    print(f"  command keys:       {typist.commands}  (target <= {TARGET}; 189 when issue 13 was filed)")
    as_typed = "yes" if not wrong else "NO"
    print(f"  written:            {'yes' if written else 'NO'}; document as typed: {as_typed}")
    print(f"  wall time:          {seconds:.1f} s")
    for line in wrong:
        print(f"  differs: {line}")
    ok = typist.commands <= TARGET and written and not wrong
    print(f"  verdict: {'PASS' if ok else 'MISS'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
