"""``archwiz adr export`` and ``archwiz adr import``: decisions between a sidecar and a folder
of ADR files, each way written as carefully as the document itself (atomically, never
over a file archwiz did not write unless told, a backup kept when it is)."""

import sys
from pathlib import Path

from pydantic import ValidationError

from wizard.chars import printable
from wizard.errors import EXIT_OK, InputError, OutputError, Problem
from wizard.model import Document
from wizard.model.decisions import Decision
from wizard.names import same_name
from wizard.problems import describe_all, format_path


def _say(text: str, quiet: bool) -> None:
    if not quiet:
        print(printable(text), file=sys.stderr)


def _load(sidecar: str, *, allow_missing: bool) -> Document:
    from wizard.spec import load_spec

    if allow_missing and not Path(sidecar).exists():
        return Document()
    document, _ = load_spec(sidecar, allow_empty=allow_missing)
    return document


def export(folder: str, sidecar: str, *, force: bool, quiet: bool) -> int:
    """Write the sidecar's decisions into ``folder``; only files whose content changed."""
    from wizard.adr_export import export_files
    from wizard.atomic import preflight, write_files
    from wizard.ownership import keep_backup, refusals
    from wizard.writing import WouldReplace

    document = _load(sidecar, allow_missing=False)
    if not document.decisions:
        raise InputError(f"{sidecar} holds no decisions to export")
    files = export_files(document, Path(folder)).files
    changed = [(path, data) for path, data in files if not (path.is_file() and path.read_bytes() == data)]
    for path, _ in changed:
        preflight(path, links_out=force)
    refused = refusals(changed)
    if refused and not force:
        raise WouldReplace(refused, "export into another folder")
    backups = [backup for item in refused if (backup := keep_backup(item.path)) is not None]
    write_files(changed, links_out=force)
    for backup in backups:
        _say(f"kept the file it replaced as {backup}", quiet)
    # An earlier export of a decision renamed (or removed) since: left beside the new file it
    # would be a second record with the same number. Removed when it is archwiz's own and
    # unedited; named when someone edited it.
    names = {path.name for path, _ in files}
    for path in sorted(Path(folder).glob("[0-9]*.md")):
        if path.name in names:
            continue
        if _ours(path):
            path.unlink()
            _say(f"removed {path.name}: an earlier export, its decision renamed or removed since", quiet)
        else:
            _say(
                f"note: {path.name} is no decision of {sidecar} now (edited, or not archwiz's): left as is",
                quiet,
            )
    _say(
        f"wrote {len(changed)} of {len(files)} files in {folder} ({len(files) - len(changed)} unchanged): "
        f"{len(document.decisions)} decisions and the index",
        quiet,
    )
    return EXIT_OK


def _ours(path: Path) -> bool:
    """archwiz wrote it and nobody edited it since (its stamp still matches)."""
    from wizard.ownership import refusals

    return not refusals([(path, b"")])


def import_folder(folder: str, sidecar: str, *, force: bool, quiet: bool) -> int:
    """Read ``folder``'s ADRs into the sidecar's decisions (merged by number), then write the
    sidecar and its Markdown; nothing is written if any record does not fit the model."""
    from wizard.adr_import import read_folder
    from wizard.checking import markdown_beside
    from wizard.ownership import is_sidecar, keep_backup
    from wizard.writing import write_document

    target = Path(sidecar)
    if target.exists() and not is_sidecar(target):
        raise OutputError(
            f"{sidecar} is a spec of your own, not a sidecar archwiz wrote, so archwiz does not rewrite it; "
            f"import into the sidecar it renders to ({markdown_beside(target).with_suffix('.toml')}) "
            "or into a new file"
        )
    document = _load(sidecar, allow_missing=True)
    found = read_folder(Path(folder))
    if not found.decisions:
        raise InputError(f"{folder} holds no numbered decision records (NNNN-title.md)")
    problems: list[Problem] = []
    conflicts: list[str] = []
    decisions = list(document.decisions)
    added = updated = 0
    report = []
    for item in found.decisions:
        try:
            decision = Decision.model_validate(item.fields)
        except ValidationError as error:
            problems += [
                Problem(str(item.path), message, path=f"decision.{format_path(loc)}")
                for loc, message in describe_all(error)
            ]
            continue
        index = next(
            (
                i
                for i, known in enumerate(decisions)
                if (decision.number is not None and known.number == decision.number)
                or (decision.number is None and known.title == decision.title)
            ),
            None,
        )
        if index is None:
            decisions.append(decision)
            added += 1
            how = "added"
        else:
            known = decisions[index]
            if same_name(known.title) != same_name(decision.title):
                there = f"'{decision.title}' in {item.path.name}"
                conflicts.append(f"decision {known.number} is '{known.title}' in {sidecar} but {there}")
            decisions[index] = decision.model_copy(update={"number": known.number})
            updated += 1
            how = "updated"
        kept = f"; kept in its notes: {', '.join(item.kept)}" if item.kept else ""
        report.append(
            f"{item.path.name}: decision {decision.number or '(new)'} '{decision.title}' ({how}){kept}"
        )
    if problems:
        raise InputError(problems)
    if conflicts and not force:
        raise OutputError(
            [
                *conflicts,
                "Nothing was written: these records would replace other decisions. Import into another "
                "sidecar, renumber the files, or add --force to replace them (the sidecar is kept as .bak).",
            ]
        )
    # Validated again as a whole: numbers stay unique, and a "0000" record gets the next free one.
    data = document.model_dump(by_alias=True)
    data["decisions"] = [decision.model_dump(by_alias=True) for decision in decisions]
    merged = Document.model_validate(data)
    source = Path(sidecar) if Path(sidecar).exists() else None
    # A new sidecar is named by the user: its Markdown goes beside it, with its stem.
    markdown = markdown_beside(source) if source else Path(sidecar).with_suffix(".md")
    # Decisions replaced by --force: the sidecar as it was is kept first.
    aside = keep_backup(source) if conflicts and source is not None else None
    backups = write_document(merged, markdown, source=source, force=force)
    if aside is not None:
        backups.append(aside)
    for line in report:
        _say(line, quiet)
    if found.skipped:
        _say(f"skipped (not numbered decision records): {', '.join(p.name for p in found.skipped)}", quiet)
    for backup in backups:
        _say(f"kept the file it replaced as {backup}", quiet)
    _say(
        f"wrote {markdown} and {markdown.with_suffix('.toml')}: {added} decisions added, {updated} updated",
        quiet,
    )
    return EXIT_OK
