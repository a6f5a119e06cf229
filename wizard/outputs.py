"""Where the Markdown and its sidecar go, from what the user named (``-o``, the review's path)."""

from pathlib import Path

from wizard.errors import InputError

DEFAULT_OUTPUT = "ARCHITECTURE.md"
STDIN = STDOUT = "-"  # what stands for standard input (--from, edit) and output (-o)


def output_paths(output: str | None) -> tuple[Path, Path]:
    """The Markdown path and its sidecar's, from ``-o`` or a path typed in a wizard.

    A wizard has no shell to expand ``~``, so it is expanded here; ``-`` (standard
    output) only means something to ``--from``, which never asks for paths for it.
    """
    if output == STDOUT:
        raise InputError("'-' stands for standard output, which only archwiz --from -o - writes; name a file")
    markdown = typed_path(output or DEFAULT_OUTPUT)
    if (output or "").endswith(("/", "\\")) or markdown.is_dir():
        markdown = markdown / DEFAULT_OUTPUT
    if markdown.suffix.lower() == ".toml":
        raise InputError(
            f"{output}: name the Markdown file (e.g. {markdown.with_suffix('.md')}); "
            "the .toml sidecar is written beside it"
        )
    return markdown, markdown.with_suffix(".toml")


def typed_path(text: str) -> Path:
    """A path as a user typed it, "~" expanded: in a wizard no shell does it."""
    try:
        return Path(text).expanduser()
    except RuntimeError:  # "~nobody": no such user
        raise InputError(f"{text}: there is no such user, so no such home folder") from None
