"""One archwiz at a time per draft: an OS lock (flock) beside it, saying who holds it.

The lock is the kernel's, held on an open file, so it goes away with the process
however that process ends: a stale lock file left by a killed archwiz blocks
nobody. The file's text (pid, host, time) only serves to tell the next user who
is editing.

The lock file lives in a folder that may come from a cloned repository, so it is
opened without following a link (a planted ``.lock -> ~/.bashrc`` would otherwise
be truncated) and only when it is a regular file (a FIFO would block the open).
It is removed on release; a holder checks after locking that the name still
leads to the file it locked, so two processes can never hold two different files.
"""

import contextlib
import fcntl
import os
import shlex
import socket
import stat
from datetime import datetime
from pathlib import Path

from wizard.errors import InputError


class DraftLocked(InputError):
    """Another archwiz holds the draft; ``holder`` says which, for the offer to read it instead."""

    def __init__(self, draft: Path, holder: str) -> None:
        super().__init__(
            f"the draft {draft} is being edited by {holder}; close that archwiz first, "
            f"or render the draft read-only with: archwiz --from {shlex.quote(str(draft))} -o -"
        )
        self.draft = draft
        self.holder = holder


def lock_path(draft: Path) -> Path:
    return draft.with_name(draft.name + ".lock")


_OPEN = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)


class DraftLock:
    def __init__(self, draft: Path) -> None:
        self.draft = draft
        self.path = lock_path(draft)
        self._fd: int | None = None

    def acquire(self) -> str:
        """Take the lock, or raise DraftLocked naming who holds it.

        Where no lock file can be made (a read-only folder, a full disk), the draft cannot
        be saved there either; editing goes on unlocked, and the reason is returned to be
        told. A lock path that is a link or not a regular file is refused outright: it is
        not ours, and archwiz writes through nothing it did not make.
        """
        while True:
            try:
                self._refuse_planted()  # before anything is made, even the folder
                self.path.parent.mkdir(parents=True, exist_ok=True)
                fd = os.open(self.path, _OPEN, 0o600)
            except OSError as error:
                self._refuse_planted()
                reason = (error.strerror or str(error)).lower()
                unprotected = "it is not protected from a second archwiz"
                return f"cannot lock the draft {self.draft} ({reason}); {unprotected}"
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                os.close(fd)
                raise InputError(
                    f"{self.path} is not a regular file; archwiz keeps its lock there: "
                    "remove it, or choose another draft with --draft PATH"
                )
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = _read_holder(fd)
                os.close(fd)
                raise DraftLocked(self.draft, holder) from None
            if self._still_named(fd):
                break
            os.close(fd)  # the holder before us removed it as we opened it: take the new one
        self._fd = fd
        stamp = datetime.now().astimezone().isoformat(timespec="seconds")
        # Who holds it is a courtesy for the next user; a full disk must not stop the wizard.
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
            os.write(fd, f"archwiz pid {os.getpid()} on {socket.gethostname()} since {stamp}\n".encode())
        return ""

    def _still_named(self, fd: int) -> bool:
        try:
            named = os.stat(self.path, follow_symlinks=False)
        except OSError:
            return False
        held = os.fstat(fd)
        return (named.st_dev, named.st_ino) == (held.st_dev, held.st_ino)

    def _refuse_planted(self) -> None:
        from wizard.atomic import link_outside

        outside = link_outside(self.path)
        if outside is not None and not self.path.is_symlink():
            raise InputError(
                f"the draft's folder {self.path.parent} leads out of this folder (to {outside.parent}); "
                "archwiz makes no file there: choose another draft with --draft PATH"
            )
        if self.path.is_symlink():
            raise InputError(
                f"{self.path} is a symbolic link (to {os.readlink(self.path)}); archwiz never writes "
                "through a link it did not make: remove it, or choose another draft with --draft PATH"
            )

    def release(self) -> None:
        """Remove the lock file (still holding the lock, so nobody takes it meanwhile), then unlock."""
        if self._fd is None:
            return
        if self._still_named(self._fd):
            with contextlib.suppress(OSError):
                os.unlink(self.path)
        os.close(self._fd)
        self._fd = None


def holder_of(draft: Path) -> str | None:
    """Who holds the lock of ``draft`` now (None: nobody), without creating anything: a
    draft in use is never written by another process, ``--from`` included."""
    try:
        fd = os.open(
            lock_path(draft), os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
        )
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return _read_holder(fd)
        fcntl.flock(fd, fcntl.LOCK_UN)
        return None
    finally:
        os.close(fd)


def _read_holder(fd: int) -> str:
    try:
        text = os.pread(fd, 4096, 0).decode("utf-8", "replace")
    except OSError:
        text = ""
    return text.strip() or "another archwiz"
