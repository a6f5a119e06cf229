"""Writing a document: the Markdown and its sidecar, stamped, never over a user's own file.

Every front end (``--from``, the full-screen wizard, the plain prompts) writes
through ``write_document``, so one rule decides what may be replaced: archwiz's own
unchanged output, or anything once the user has said so (then the old file is kept
as a backup beside it).
"""

from pathlib import Path

from wizard.atomic import preflight, write_files
from wizard.chars import printable
from wizard.errors import ArchwizError, OutputError
from wizard.lock import holder_of
from wizard.markdown import render_markdown
from wizard.model import Document
from wizard.ownership import Refusal, backup_path, keep_backup, refusals, stamp_markdown, stamp_sidecar
from wizard.sidecar import dump_toml


class WouldReplace(OutputError):
    """Files that are not archwiz's unchanged output stand where the document would go."""

    def __init__(
        self, refused: list[Refusal], elsewhere: str = "write the document elsewhere with -o FILE"
    ) -> None:
        self.refused = refused
        backups = ", ".join(f"{item.path} as {backup_path(item.path).name}" for item in refused)
        advice = (
            f"To replace {'it' if len(refused) == 1 else 'them'} anyway, keeping {backups}, add --force; "
            f"or {elsewhere}."
        )
        super().__init__([*(line for item in refused for line in item.lines()), advice])

    def question(self) -> str:
        """What a wizard asks before replacing them: lines already printable, joined."""
        kept = ", ".join(f"{item.path} as {backup_path(item.path).name}" for item in self.refused)
        lines = [
            *(line for item in self.refused for line in item.lines()),
            f"Replace anyway, keeping {kept}?",
        ]
        return "\n".join(printable(line) for line in lines)


def document_files(
    document: Document, markdown_path: Path, markdown: str | None = None
) -> list[tuple[Path, bytes]]:
    """The Markdown (``markdown``, when the caller has rendered it already) and its sidecar."""
    return [
        (markdown_path, stamp_markdown(render_markdown(document) if markdown is None else markdown)),
        (markdown_path.with_suffix(".toml"), stamp_sidecar(dump_toml(document))),
    ]


def _rewritten(old: bytes) -> bytes | None:
    """What archwiz would write for the sidecar ``old`` (None when it does not load)."""
    from wizard.spec import decode, parse, validate

    try:
        text = decode(old, "sidecar")
        return stamp_sidecar(dump_toml(validate(parse(text, "sidecar"), text, "sidecar", allow_empty=True)))
    except ArchwizError:
        return None


def write_document(
    document: Document,
    markdown_path: Path,
    *,
    source: Path | None = None,
    force: bool = False,
    markdown: str | None = None,
) -> list[Path]:
    """Write both files atomically; the backups kept of replaced files (only with ``force``).

    Raises WouldReplace, writing nothing, when a file in the way is not archwiz's
    unchanged output and ``force`` is not given.
    """
    files = document_files(document, markdown_path, markdown)
    for path, _ in files:
        preflight(path, links_out=True)  # what no answer can fix is said first (read-only, a folder)
        holder = holder_of(path)
        if holder is not None:
            raise OutputError(
                f"cannot write {path}: it is the draft {holder} is editing; close that archwiz first"
            )
    refused = refusals(files, source=source, canonical=_rewritten)
    if refused and not force:
        raise WouldReplace(refused)
    backups = [backup for item in refused if (backup := keep_backup(item.path)) is not None]
    write_files(files, links_out=force)
    return backups
