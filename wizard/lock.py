"""One archwiz at a time per draft: an OS lock (flock) beside it, saying who holds it.

The lock is the kernel's, held on an open file, so it goes away with the process
however that process ends: a stale lock file left by a killed archwiz blocks
nobody. The file's text (pid, host, time) only serves to tell the next user who
is editing.
"""

import contextlib
import fcntl
import os
import socket
from datetime import datetime
from pathlib import Path
from typing import IO

from wizard.errors import InputError


class DraftLocked(InputError):
    """Another archwiz holds the draft; ``holder`` says which, for the offer to read it instead."""

    def __init__(self, draft: Path, holder: str) -> None:
        super().__init__(
            f"the draft {draft} is being edited by {holder}; close that archwiz first, "
            f"or render the draft read-only with: archwiz --from {draft} -o -"
        )
        self.draft = draft
        self.holder = holder


def lock_path(draft: Path) -> Path:
    return draft.with_name(draft.name + ".lock")


class DraftLock:
    def __init__(self, draft: Path) -> None:
        self.draft = draft
        self.path = lock_path(draft)
        self._file: IO[str] | None = None

    def acquire(self) -> str:
        """Take the lock, or raise DraftLocked naming who holds it.

        Where no lock file can be made (a read-only folder), the draft cannot be saved
        there either; editing goes on unlocked, and the reason is returned to be told.
        """
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 - held open for the session
        except OSError as error:
            reason = (error.strerror or str(error)).lower()
            return f"cannot lock the draft {self.draft} ({reason}); it is not protected from a second archwiz"
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another archwiz"
            handle.close()
            raise DraftLocked(self.draft, holder) from None
        handle.seek(0)
        handle.truncate()
        stamp = datetime.now().astimezone().isoformat(timespec="seconds")
        handle.write(f"archwiz pid {os.getpid()} on {socket.gethostname()} since {stamp}\n")
        handle.flush()
        self._file = handle
        return ""

    def release(self) -> None:
        # The file stays: unlinking it could let two processes lock two different files.
        if self._file is not None:
            with contextlib.suppress(OSError):
                self._file.truncate(0)
            self._file.close()
            self._file = None
