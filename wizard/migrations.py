"""Older layouts of a spec or draft, brought up to the current ``schema_version`` in memory.

A draft written by an older archwiz must still open: its data is migrated step by
step (1 -> 2 -> 3 ...) before the model validates it, and the file itself is only
rewritten, in the new layout, by the next save. Each change to the layout adds one
step here, and ``tests/test_migrations.py`` requires a sample file of the old
layout for every step, so no version can be skipped by accident.
"""

from collections.abc import Callable
from typing import Any

from wizard.model.base import SCHEMA_VERSION

Raw = dict[str, Any]
Migration = Callable[[Raw], Raw]

# Version N -> the step that turns a version-N layout into version N + 1.
# Schema 1 is the first published layout, so there is nothing to migrate yet.
MIGRATIONS: dict[int, Migration] = {}


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
