"""Whether archwiz may replace a file: only its own output, unchanged since it wrote it.

A user may have written ``ARCHITECTURE.md`` by hand, or edited the one archwiz
wrote; replacing it would destroy their work. So each file archwiz writes carries
a stamp, the SHA-256 of its content, in a comment (invisible on GitHub, ignored by
TOML readers). A file whose stamp still matches is archwiz's and unchanged; any
other file is refused unless the user forces it, and then it is kept as a backup.

A sidecar edited by hand is the normal way to change a document, so the sidecar
being rendered (``--from ARCHITECTURE.toml``, ``archwiz edit``) may be rewritten
when nothing but its data is in it: rewriting keeps every value, and only a comment
or a layout of the user's own would be lost (then it is refused like the rest).
"""

import hashlib
import os
import re
import shutil
import stat
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from wizard.atomic import link_outside
from wizard.errors import OutputError
from wizard.sidecar import HEADER

_MARKDOWN_STAMP = re.compile(rb"\n<!-- [^\n]* sha256:(?P<digest>[0-9a-f]{64}) -->\n\Z")
_SIDECAR_STAMP = re.compile(rb"\A((?:#[^\n]*\n)*?)# archwiz-sha256: (?P<digest>[0-9a-f]{64})\n")
DIFF_LINES = 8  # enough to recognise the file; a whole document would bury the advice
# Far above any document archwiz writes (a spec is at most 32 MiB): a larger file is not
# ours, and is not read into memory to find out (a link to /dev/zero, a sparse 6 GB file).
MAX_OWNED_BYTES = 128 * 2**20


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def stamp_markdown(markdown: str) -> bytes:
    """The Markdown with its stamp: the same bytes wherever it goes (a file, standard output)."""
    body = markdown.encode()
    note = "Written by archwiz; edits made here are never overwritten."
    return body + f"\n<!-- {note} sha256:{_digest(body)} -->\n".encode()


def stamp_sidecar(toml: str) -> bytes:
    """The sidecar with its stamp after the leading comment lines; the digest covers every
    other byte, those comment lines included."""
    header_end = 0
    while toml.startswith("#", header_end):
        header_end = toml.index("\n", header_end) + 1
    head, body = toml[:header_end].encode(), toml[header_end:].encode()
    return head + f"# archwiz-sha256: {_digest(head + body)}\n".encode() + body


def unstamped_sidecar(data: bytes) -> bytes:
    """The sidecar as ``dump_toml`` wrote it, before its stamp was added."""
    found = _SIDECAR_STAMP.match(data)
    return data if found is None else found.group(1) + data[found.end() :]


def is_sidecar(path: Path) -> bool:
    """Whether ``path`` is a sidecar archwiz wrote (edited since or not), not a spec of the user's."""
    try:
        with open(path, "rb") as stream:
            head = stream.read(4096)
    except OSError:
        return False
    return _SIDECAR_STAMP.match(head) is not None or head.startswith(HEADER.encode())


def _markdown_is_ours(data: bytes) -> bool:
    """Exactly what archwiz wrote: the stamp comment too must be as written, byte for byte."""
    found = _MARKDOWN_STAMP.search(data)
    if found is None:
        return False
    try:
        return stamp_markdown(data[: found.start()].decode()) == data
    except UnicodeDecodeError:
        return False


def _sidecar_is_ours(data: bytes) -> bool:
    """Exactly what archwiz wrote: a comment added above the stamp changes the digest too."""
    if _SIDECAR_STAMP.match(data) is None:
        return False
    try:
        return stamp_sidecar(unstamped_sidecar(data).decode()) == data
    except UnicodeDecodeError:
        return False


@dataclass(frozen=True)
class Refusal:
    """A file archwiz will not replace without being told to, and why."""

    path: Path
    why: str
    diff: tuple[str, ...] = ()

    def lines(self) -> list[str]:
        """What to tell the user, a line each (each line still to be made printable)."""
        lines = [f"{self.path} {self.why}; not replacing it."]
        if self.diff:
            lines.append("  first changed lines (- now in the file, + what archwiz would write):")
            lines.extend(f"    {line}" for line in self.diff)
        return lines


def _first_changes(old: bytes, new: bytes) -> tuple[str, ...]:
    import difflib  # only a refusal needs it

    before = old.decode("utf-8", "replace").splitlines()
    after = new.decode("utf-8", "replace").splitlines()
    changed: list[str] = []
    for line in difflib.unified_diff(before, after, lineterm="", n=0):
        if line.startswith(("---", "+++", "@@")):
            continue
        changed.append(f"{line[0]} {line[1:100]}")
        if len(changed) == DIFF_LINES:
            break
    return tuple(changed)


def refusals(
    files: Sequence[tuple[Path, bytes]],
    *,
    source: Path | None = None,
    canonical: Callable[[bytes], bytes | None] | None = None,
) -> list[Refusal]:
    """The files of ``files`` (Markdown first, then its sidecar) that must not be replaced.

    ``source`` is the spec being rendered; when it is the sidecar itself, ``canonical``
    gives what archwiz would write from its bytes (None if they do not load), so a
    hand-edited sidecar holding nothing but data may be rewritten.
    """
    refused: list[Refusal] = []
    for path, new in files:
        outside = link_outside(path)
        if outside is not None:
            refused.append(Refusal(path, f"is a link to {outside}, outside this folder"))
            continue
        try:
            status = os.stat(path)
        except OSError:
            continue  # nothing there (or no way there): writing will say what is wrong
        if stat.S_ISDIR(status.st_mode):
            continue  # writing says "it is a folder"
        if not stat.S_ISREG(status.st_mode):
            continue  # writing refuses it ("not a regular file"), --force or not
        if status.st_size > MAX_OWNED_BYTES:
            refused.append(Refusal(path, "is larger than anything archwiz writes; not archwiz's"))
            continue
        old = Path(path).read_bytes()
        if old == new or _owned(path, old, source, canonical):
            continue
        stamped = _MARKDOWN_STAMP.search(old) or _SIDECAR_STAMP.match(old)
        why = "was edited since archwiz wrote it" if stamped else "was not written by archwiz"
        refused.append(Refusal(path, why, _first_changes(old, new)))
    return refused


def _owned(
    path: Path, old: bytes, source: Path | None, canonical: Callable[[bytes], bytes | None] | None
) -> bool:
    # By content, not by name: "-o NOTES" writes a Markdown file with no .md suffix.
    if _markdown_is_ours(old) or _sidecar_is_ours(old):
        return True
    if source is None or canonical is None or not _same_file(path, source):
        return False
    rewritten = canonical(old)
    return rewritten is not None and unstamped_sidecar(rewritten) == unstamped_sidecar(old)


def _same_file(one: Path, other: Path) -> bool:
    try:
        return os.path.samefile(one, other)
    except OSError:
        return False


def backup_path(path: Path) -> Path:
    """``NAME.bak``, or ``NAME.2.bak`` and on when that exists: a backup never replaces one."""
    candidate, number = path.with_name(path.name + ".bak"), 2
    while os.path.lexists(candidate):
        candidate = path.with_name(f"{path.name}.{number}.bak")
        number += 1
    return candidate


def keep_backup(path: Path) -> Path | None:
    """Copy a refused file (through a link: its target) aside, beside the name the user gave,
    before it is replaced; where it went (None: nothing there)."""
    try:
        source = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise OutputError(
            f"cannot keep a backup of {path}: {(error.strerror or str(error)).lower()}"
        ) from None
    with os.fdopen(source, "rb") as original:
        if not stat.S_ISREG(os.fstat(source).st_mode):
            raise OutputError(f"cannot keep a backup of {path}: it is not a regular file")
        return _copy_aside(path, original)


def _copy_aside(path: Path, original: BinaryIO) -> Path:
    while True:
        target = backup_path(path)
        try:
            descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        except FileExistsError:
            continue
        except OSError as error:
            reason = (error.strerror or str(error)).lower()
            raise OutputError(f"cannot keep a backup of {path}: {reason}") from None
        with os.fdopen(descriptor, "wb") as stream:
            shutil.copyfileobj(original, stream)  # streamed: the size of the file never matters
        os.chmod(target, stat.S_IMODE(path.stat().st_mode))
        return target
