"""Write files so that a failure at any moment leaves the old ones intact.

Each file is written to a temporary file beside its target, flushed to disk,
given the target's permissions, then renamed over it; the folder is synced so the
rename itself survives a crash. When several files belong together (the Markdown
and its sidecar), all are staged before any is replaced, so an error while
writing (a full disk, a read-only folder) changes none of them.
"""

import contextlib
import os
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from wizard.errors import OutputError


@dataclass
class _Staged:
    shown: Path  # the path the user named, for messages
    target: Path  # where the bytes land: a symlink's target, so the link survives
    temp: str


_EXCLUSIVE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
_swept: set[tuple[Path, str]] = set()


def create_exclusive(folder: Path, prefix: str, suffix: str) -> tuple[int, str]:
    """A new file ``prefix<random>suffix`` in ``folder``, open for writing, mode 0600.

    Never through a link and never an existing file (O_EXCL): a name planted in a
    shared folder (the temporary folder) makes us pick another, never write there;
    the random part makes the name impossible to plant in advance.
    """
    while True:
        # os.urandom, not secrets: the same randomness without ~5 ms of imports at start-up.
        path = str(folder / f"{prefix}{os.urandom(6).hex()}{suffix}")
        try:
            return os.open(path, _EXCLUSIVE, 0o600), path
        except FileExistsError:
            continue


def _create_temp(folder: Path, name: str) -> tuple[int, str]:
    """An exclusive new file beside the target (tempfile would cost start-up time)."""
    _sweep_stale(folder, name)
    return create_exclusive(folder, f".{name}.{os.getpid()}.", ".tmp")


def _sweep_stale(folder: Path, name: str) -> None:
    """Remove the temp files of ``name`` that a killed archwiz left (kill -9 mid-write):
    named with a process id that no longer runs, and over a minute old. Once per target."""
    if (folder, name) in _swept:
        return
    _swept.add((folder, name))
    stale = re.compile(rf"\.{re.escape(name)}\.(\d+)\.[0-9a-f]+\.tmp")
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        found = stale.fullmatch(entry.name)
        if found is None or _alive(int(found.group(1))):
            continue
        with contextlib.suppress(OSError):
            if entry.is_file(follow_symlinks=False) and now - entry.stat(follow_symlinks=False).st_mtime > 60:
                os.unlink(entry.path)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True  # another user's process: not ours to judge
    return True


def _reason(error: OSError) -> str:
    return (error.strerror or str(error)).lower()


def _mode_for(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def link_outside(path: Path) -> Path | None:
    """Where ``path`` leads when a link on its way leads out of the folder it was named in
    and out of the current folder; else None.

    Folders come from cloned repositories: a planted ``ARCHITECTURE.md -> ~/.bashrc``
    must not make archwiz replace the user's file. A link that stays inside the folder
    it was found in (or the current one) is followed as usual; a path named outside
    them without a link is the user's own choice.
    """
    plain = Path(os.path.abspath(path))
    real = Path(os.path.realpath(path))
    if real == plain:
        return None
    here = Path(os.path.realpath("."))
    return None if real.is_relative_to(here) or real.is_relative_to(plain.parent) else real


def preflight(path: Path, *, links_out: bool = False) -> Path:
    """Refuse a target that cannot or must not be replaced, before anything is written;
    where the bytes would land (a link's target, so the link survives)."""
    outside = None if links_out else link_outside(path)
    if outside is not None:
        raise OutputError(
            f"cannot write {path}: it is a link to {outside}, outside this folder, "
            "and archwiz writes through no such link unless told to"
        )
    target = Path(os.path.realpath(path))
    if target.is_dir():
        raise OutputError(f"cannot write {path}: it is a folder")
    if target.exists() and not target.is_file():
        # Renaming over a FIFO or a device would replace it (as root: /dev/null itself).
        raise OutputError(f"cannot write {path}: it is not a regular file (a FIFO or a device?)")
    if target.exists() and not target.stat().st_mode & 0o222:
        # Root may write anything, but a file nobody may write says "leave me alone".
        raise OutputError(f"cannot write {path}: the file is read-only; not replacing it")
    if target.exists() and not os.access(target, os.W_OK):
        raise OutputError(f"cannot write {path}: the file is not writable by you; not replacing it")
    return target


def _stage(path: Path, data: bytes, links_out: bool) -> _Staged:
    target = preflight(path, links_out=links_out)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"cannot create the folder {path.parent}: {_reason(error)}") from None
    mode = _mode_for(target)
    try:
        handle, temp = _create_temp(target.parent, target.name)
    except OSError as error:
        raise OutputError(f"cannot write {path}: {_reason(error)}") from None
    try:
        _write_all(handle, data)
        os.chmod(temp, mode)
    except BaseException as error:
        # Whatever stops us (a full disk, Ctrl-C), no half-written temp file is left behind.
        _discard(temp)
        if isinstance(error, OSError):
            raise OutputError(f"cannot write {path}: {_reason(error)}") from None
        raise
    return _Staged(path, target, temp)


def _write_all(handle: int, data: bytes) -> None:
    """Write ``data`` to the open file ``handle``, flush it to disk, and close it."""
    with os.fdopen(handle, "wb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())


def write_new(folder: Path, prefix: str, suffix: str, data: bytes) -> Path:
    """A new private file in ``folder`` (see ``create_exclusive``) holding ``data`` on disk;
    nothing is left behind when writing fails."""
    try:
        handle, path = create_exclusive(folder, prefix, suffix)
    except OSError as error:
        raise OutputError(f"cannot write in {folder}: {_reason(error)}") from None
    try:
        _write_all(handle, data)
    except BaseException as error:
        _discard(path)
        if isinstance(error, OSError):
            raise OutputError(f"cannot write {path}: {_reason(error)}") from None
        raise
    return Path(path)


def _discard(temp: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(temp)


def _sync_folder(folder: Path) -> None:
    # Not every filesystem lets a folder be opened or synced; the rename stands anyway.
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def write_files(files: Sequence[tuple[Path, bytes]], *, links_out: bool = False) -> None:
    """Replace each path with its bytes, all or (barring a failed rename) none.

    ``links_out`` lets a link lead outside the current folder (the user said --force).
    """
    staged: list[_Staged] = []
    try:
        for path, data in files:
            staged.append(_stage(path, data, links_out))
    except BaseException:
        for item in staged:
            _discard(item.temp)
        raise
    for index, item in enumerate(staged):
        try:
            os.replace(item.temp, item.target)
        except OSError as error:
            for rest in staged[index:]:
                _discard(rest.temp)
            raise OutputError(f"cannot write {item.shown}: {_reason(error)}") from None
        _sync_folder(item.target.parent)
