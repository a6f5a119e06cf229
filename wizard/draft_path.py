"""Where drafts live; apart from wizard.drafts so that finding one costs no model import."""

from pathlib import Path

DRAFT_NAME = ".archwiz-draft.toml"


def default_draft(source: Path | None = None) -> Path:
    """Beside the sidecar being edited, else in the current folder."""
    return source.parent / DRAFT_NAME if source else Path(DRAFT_NAME)


def sibling_draft(held: Path) -> Path:
    """A draft path beside ``held`` that no draft uses yet (``.archwiz-draft-2.toml``...), for a
    new document started while another archwiz holds ``held``."""
    number = 2
    while True:
        candidate = held.with_name(f"{held.stem}-{number}{held.suffix}")
        if not candidate.exists() and not candidate.with_name(candidate.name + ".lock").exists():
            return candidate
        number += 1
