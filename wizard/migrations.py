"""Older layouts of a spec or draft, brought up to the current ``schema_version`` in memory.

A draft written by an older archwiz must still open: its data is migrated step by
step (1 -> 2 -> 3 ...) before the model validates it, and the file itself is only
rewritten, in the new layout, by the next save. Each change to the layout adds one
step here, and ``tests/test_migrations.py`` requires a sample file of the old
layout for every step, so no version can be skipped by accident.
"""

from collections.abc import Callable
from typing import Any

from wizard.markdown.escape import inline, paragraphs
from wizard.model.base import SCHEMA_VERSION

Raw = dict[str, Any]
Migration = Callable[[Raw], Raw]

# Schema 1's free text that was shown literally: one-line text (L) and paragraphs (P),
# by where it lived ("[]" is each item of a list). Schema 2 reads these as Markdown, so
# they are escaped into Markdown that shows exactly the old text. Names and code were
# literal then and stay literal now; they are not listed. Frozen: this is schema 1.
_V1_TEXT: dict[str, str] = {
    "summary.text": "P",
    "context.business_requirements.[]": "L",
    "context.technical_constraints.[]": "L",
    "context.assumptions.[]": "L",
    "goals.[].target": "L",
    "goals.[].why": "L",
    "diagrams.data_flow.[]": "L",
    "components.[].responsibility": "P",
    "components.[].input": "L",
    "components.[].output": "L",
    "entities.[].primary_index": "L",
    "entities.[].unique_indexes.[]": "L",
    "entities.[].indexes.[]": "L",
    "tech_stack.core.[].version": "L",
    "tech_stack.core.[].rationale": "L",
    "tech_stack.supporting.[].why": "L",
    "scalability.horizontal.*": "L",
    "scalability.vertical.*": "L",
    "scalability.load_distribution.*": "L",
    "performance.targets.[].latency": "L",
    "performance.targets.[].throughput": "L",
    "performance.strategies.[].implementation": "L",
    "performance.strategies.[].impact": "L",
    "security.authentication.*": "L",
    "security.data_protection.*": "L",
    "security.checklist.[].item": "L",
    "reliability.availability.*": "L",
    "reliability.disaster_recovery.*": "L",
    "observability.metrics.[].purpose": "L",
    "observability.alerts.[].condition": "L",
    "observability.alerts.[].severity": "L",
    "observability.alerts.[].action": "L",
    "deployment.infrastructure.*": "L",
    "deployment.strategy.*": "L",
    "deployment.pipeline.[]": "L",
    "testing.pyramid.*": "L",
    "testing.environments.[].purpose": "L",
    "testing.environments.[].data": "L",
    "operations.maintenance.*": "L",
    "decisions.[].decision": "L",
    "decisions.[].rationale": "P",
    "decisions.[].options.[].pros": "L",
    "decisions.[].options.[].cons": "L",
    "future.improvements.[].timeline": "L",
    "future.limitations.[].impact": "L",
    "future.limitations.[].mitigation": "L",
    "future.limitations.[].fix": "L",
    "review.owner": "L",
    "review.cycle": "L",
}


def _literal(text: str, kind: str) -> str:
    """Markdown showing ``text`` as schema 1 showed it."""
    if kind == "P":
        return "\n\n".join(paragraphs(text))
    return inline(text)


def _escape_at(node: Any, path: list[str], kind: str) -> Any:
    if not path:
        return _literal(node, kind) if isinstance(node, str) else node
    step, rest = path[0], path[1:]
    if step == "[]":
        return [_escape_at(item, rest, kind) for item in node] if isinstance(node, list) else node
    if not isinstance(node, dict):
        return node
    keys = [key for key in node if step == "*" or key == step]
    return {**node, **{key: _escape_at(node[key], rest, kind) for key in keys}}


def _diagram(source: Any, form: Any) -> list[Any]:
    if source in (None, ""):
        return []
    return [{"format": form, "source": source} if form is not None else {"source": source}]


def _v1_to_v2(data: Raw) -> Raw:
    """Schema 2: prose is Markdown, diagrams are lists, decisions are ADRs, pros and cons lists."""
    for where, kind in _V1_TEXT.items():
        top, *path = where.split(".")
        if top in data:
            data[top] = _escape_at(data[top], path, kind)
    diagrams = data.get("diagrams")
    if isinstance(diagrams, dict):
        diagrams = dict(diagrams)
        high, form = diagrams.pop("high_level", None), diagrams.pop("high_level_format", "text")
        interactions = diagrams.pop("interactions", None)
        if high is not None:
            diagrams["high_level"] = _diagram(high, form)
        if interactions is not None:
            diagrams["interactions"] = _diagram(interactions, "mermaid")
        data["diagrams"] = diagrams
    decisions = data.get("decisions")
    if isinstance(decisions, list):
        # Schema 1 numbered decisions by their place; the numbers are now the decisions' own.
        data["decisions"] = [
            {"number": number, **_v1_decision(item)} if isinstance(item, dict) else item
            for number, item in enumerate(decisions, 1)
        ]
    return data


def _v1_decision(decision: Raw) -> Raw:
    options = decision.get("options")
    if isinstance(options, list):
        decision = {
            **decision,
            "options": [
                {
                    **{key: value for key, value in item.items() if key not in ("pros", "cons")},
                    **{key: [item[key]] for key in ("pros", "cons") if item.get(key, "") != ""},
                }
                if isinstance(item, dict)
                else item
                for item in options
            ],
        }
    return decision


# Version N -> the step that turns a version-N layout into version N + 1.
MIGRATIONS: dict[int, Migration] = {1: _v1_to_v2}


def version_of(data: Raw) -> int | None:
    """The layout version a file declares (absent: the current one); None if it is not a number."""
    version = data.get("schema_version", SCHEMA_VERSION)
    return version if isinstance(version, int) and not isinstance(version, bool) else None


class TooNew(Exception):
    """The file comes from a newer archwiz; reading it anyway could drop what it added."""

    def __init__(self, version: int) -> None:
        super().__init__(
            f"{version} is newer than this archwiz understands ({SCHEMA_VERSION}); upgrade archwiz to read it"
        )


def migrate(data: Raw) -> Raw:
    """``data`` in the current layout; raises TooNew for a newer one. A version that is not a
    number, or below 1, is left for the model to refuse with its usual message."""
    version = version_of(data)
    if version is not None and version > SCHEMA_VERSION:
        raise TooNew(version)
    if version is None or not 1 <= version < SCHEMA_VERSION:
        return data
    for step in range(version, SCHEMA_VERSION):
        data = MIGRATIONS[step](dict(data))
        data["schema_version"] = step + 1
    return data
