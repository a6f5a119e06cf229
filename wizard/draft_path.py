"""Where drafts live; apart from wizard.drafts so that finding one costs no model import."""

from pathlib import Path

DRAFT_NAME = ".archwiz-draft.toml"


def default_draft(source: Path | None = None) -> Path:
    """Beside the sidecar being edited, else in the current folder."""
    return source.parent / DRAFT_NAME if source else Path(DRAFT_NAME)
