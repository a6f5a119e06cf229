"""The ``archwiz`` command line.

Only what the chosen command needs is imported: ``--from`` must stay fast and
must never pull in Textual or questionary.
"""

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from wizard import __version__
from wizard.chars import printable
from wizard.errors import EXIT_INPUT, EXIT_INTERRUPTED, EXIT_OK, ArchwizError, InputError
from wizard.outputs import DEFAULT_OUTPUT, STDIN, STDOUT, output_paths


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # argparse echoes the offending argument; it is user text, so spell out controls.
        self.print_usage(sys.stderr)
        self.exit(EXIT_INPUT, printable(f"{self.prog}: error: {message}") + "\n")


class _Once(argparse.Action):
    """An option that may be given once: a second --from would silently win otherwise."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option: str | None = None,
    ) -> None:
        if getattr(namespace, self.dest, None) is not None:
            parser.error(f"{option} was given twice")
        setattr(namespace, self.dest, values)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="archwiz",
        description="Write a software architecture document, section by section.",
        epilog="Exit codes: 0 done, 1 output not written, 2 bad input or usage, 130 interrupted.",
    )
    parser.add_argument("--version", action="version", version=f"archwiz {__version__}")
    parser.add_argument(
        "--from",
        action=_Once,
        dest="spec",
        metavar="SPEC",
        help="render the document from a TOML spec or sidecar without asking anything ('-' reads stdin)",
    )
    parser.add_argument(
        "-o",
        "--output",
        action=_Once,
        metavar="FILE",
        help=f"where the Markdown goes (default: {DEFAULT_OUTPUT}); the TOML sidecar goes beside it "
        "with the same stem; '-' prints the Markdown only",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="print nothing on success")
    parser.add_argument(
        "--resume",
        nargs="?",
        const="",
        metavar="DRAFT",
        help="reopen the autosaved draft (default: the --draft path) at the section last edited",
    )
    _wizard_options(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser(
        "schema", help="print the JSON Schema of a spec, for editor validation and completion"
    )
    edit = commands.add_parser("edit", help="open a sidecar (or any spec) in the interactive wizard")
    edit.add_argument("file", metavar="FILE", help="the .toml sidecar to edit, e.g. docs/ARCHITECTURE.toml")
    # Also after FILE ("archwiz edit FILE --plain"); SUPPRESS keeps what came before FILE.
    _wizard_options(edit, argparse.SUPPRESS)
    return parser


def _wizard_options(parser: argparse.ArgumentParser, default: Any = None) -> None:
    """The options of the interactive wizards, before or after 'edit FILE'."""
    parser.add_argument(
        "--plain",
        action="store_true",
        default=False if default is None else default,
        help="ask line by line instead of the full-screen wizard: for screen readers, simple "
        "terminals and slow links (chosen by itself when TERM=dumb)",
    )
    parser.add_argument(
        "--draft",
        action=_Once,
        default=default,
        metavar="PATH",
        help="where the wizard autosaves its draft (default: .archwiz-draft.toml in the current "
        "folder, or beside the sidecar given to 'edit')",
    )


def render_from(spec: str, output: str | None, quiet: bool) -> int:
    # Imported here so that `archwiz --version` or a usage error stays instant.
    from wizard.atomic import write_files
    from wizard.markdown import render_markdown
    from wizard.markdown.blocks import MISSING
    from wizard.sections import progress
    from wizard.sidecar import dump_toml
    from wizard.spec import load_spec

    to_stdout = output == STDOUT
    paths = None if to_stdout else output_paths(output)
    if paths and _same_file(paths[0], spec):
        raise InputError(f"-o {paths[0]} is the spec itself; writing the Markdown there would destroy it")
    doc, original = load_spec(spec)
    markdown = render_markdown(doc)
    if to_stdout:
        sys.stdout.write(markdown)
        return EXIT_OK
    assert paths is not None
    sidecar = dump_toml(doc).encode()
    markdown_path, sidecar_path = paths
    write_files([(markdown_path, markdown.encode()), (sidecar_path, sidecar)])
    if not quiet:
        done, total = progress(doc)
        gaps = markdown.count(MISSING)
        print(printable(f"wrote {markdown_path} and {sidecar_path}"), file=sys.stderr)
        print(f"{done} of {total} sections complete; {gaps} parts marked {MISSING}", file=sys.stderr)
        if _same_file(sidecar_path, spec) and sidecar != original:
            note = f"note: rewrote {sidecar_path} in archwiz's layout (comments are not kept)"
            print(printable(note), file=sys.stderr)
    return EXIT_OK


def _same_file(path: Path, spec: str) -> bool:
    try:
        return spec != STDIN and path.exists() and path.samefile(spec)
    except OSError:
        return False


def print_schema() -> int:
    from wizard.model import Document

    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **Document.model_json_schema()}
    schema["title"] = "archwiz architecture spec"
    json.dump(schema, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
    return EXIT_OK


def run(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "schema":
        if args.spec is not None or args.output is not None:
            raise InputError("'schema' takes no --from or -o; it prints the schema to standard output")
        return print_schema()
    if args.spec is not None:
        return render_from(args.spec, args.output, args.quiet)
    if args.output is not None:
        raise InputError("-o needs --from SPEC: there is nothing to render yet")
    edit = args.file if args.command == "edit" else None
    if edit is not None and args.resume is not None:
        raise InputError("--resume reopens a draft; it cannot be combined with 'edit FILE'")
    from wizard.launch import run_wizard

    return run_wizard(edit, args.resume, args.draft, args.quiet, plain=args.plain)


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return run(argv)
    except ArchwizError as error:
        print(f"archwiz: {error}" if not error.problems else str(error), file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("archwiz: interrupted; nothing was written", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # A reader like `head` closed the pipe; that is not our error.
        return EXIT_OK


def entry_point() -> None:
    sys.exit(main())
