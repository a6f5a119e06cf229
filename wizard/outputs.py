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
    markdown = Path(output or DEFAULT_OUTPUT).expanduser()
    if (output or "").endswith(("/", "\\")) or markdown.is_dir():
        markdown = markdown / DEFAULT_OUTPUT
    if markdown.suffix.lower() == ".toml":
        raise InputError(
            f"-o {output}: name the Markdown file (e.g. {markdown.with_suffix('.md')}); "
            "the .toml sidecar is written beside it"
        )
    return markdown, markdown.with_suffix(".toml")
