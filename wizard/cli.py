"""The ``archwiz`` command line.

Only what the chosen command needs is imported: ``--from`` must stay fast and
must never pull in Textual or questionary.
"""

import argparse
import contextlib
import gc
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, NoReturn

from wizard import __version__
from wizard.chars import printable
from wizard.errors import EXIT_INPUT, EXIT_INTERRUPTED, EXIT_OK, ArchwizError, InputError, OutputError
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
        description="Write a software architecture document, section by section. With no "
        "command, archwiz opens the full-screen wizard (line-by-line questions with --plain).",
        epilog="Exit codes: 0 done; 1 output not written (nothing replaced); 2 bad input or usage; "
        "129 hung up (SIGHUP), 130 interrupted (Ctrl-C), 143 terminated (SIGTERM): the wizard "
        "saves its draft first.",
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
        "--force",
        action="store_true",
        help="replace an output file that archwiz did not write, or that was edited since (or write "
        "through a link that leads out of this folder); the old file is kept beside it as NAME.bak",
    )
    parser.add_argument(
        "--resume",
        nargs="?",
        const="",
        metavar="DRAFT",
        help="reopen the autosaved draft (default: the --draft path) at the section last edited",
    )
    _wizard_options(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    schema = commands.add_parser(
        "schema", help="print the JSON Schema of a spec, for editor validation and completion"
    )
    schema.add_argument(
        "-o", "--output", dest="schema_output", metavar="FILE", help="write it to FILE instead"
    )
    init = commands.add_parser(
        "init", help="write a starter spec to fill in: every section, with help and examples as comments"
    )
    init.add_argument(
        "file",
        nargs="?",
        default=None,
        metavar="FILE",
        help="where to write it (default: architecture-spec.toml)",
    )
    check = commands.add_parser(
        "check",
        help="check sidecars and the Markdown beside them against archwiz's rules (for CI): "
        "exit 0 all hold, 1 an error found, 2 bad input",
    )
    check.add_argument(
        "files",
        nargs="*",
        metavar="SIDECAR",
        help=f"the .toml sidecars to check (default: {DEFAULT_SIDECAR})",
    )
    # Also after 'check' ("archwiz check -q FILE"); SUPPRESS keeps one given before it.
    check.add_argument("-q", "--quiet", action="store_true", default=argparse.SUPPRESS, help="no summary")
    check.add_argument("--list", action="store_true", help="name every rule, its severity and why it exists")
    check.add_argument(
        "--format", choices=("text", "json", "github"), default="text", help="how findings are printed"
    )
    check.add_argument(
        "--disable",
        action="append",
        default=[],
        metavar="RULE[,RULE]",
        help="skip these rules (also: disable = [...] in the sidecar's [check] table)",
    )
    check.add_argument(
        "--min-complete",
        type=_percent,
        metavar="PERCENT",
        help="pass 'complete' when at least PERCENT of the template sections are complete "
        "(default: the sidecar's [check] min_complete, else 100)",
    )
    adr = commands.add_parser("adr", help="decisions out to a folder of MADR files, or in from ADRs")
    adr_commands = adr.add_subparsers(dest="adr_command", metavar="export|import", required=True)
    adr_export = adr_commands.add_parser(
        "export", help="write each decision as DIR/NNNN-title.md (MADR) and an index; only changed files"
    )
    adr_import = adr_commands.add_parser(
        "import", help="read DIR's ADRs (adr-tools/Nygard or MADR) into the sidecar's decisions"
    )
    for sub in (adr_export, adr_import):
        sub.add_argument("folder", metavar="DIR", help="the folder of decision records, e.g. docs/decisions")
        sub.add_argument(
            "sidecar",
            nargs="?",
            default=DEFAULT_SIDECAR,
            metavar="SIDECAR",
            help=f"default {DEFAULT_SIDECAR}",
        )
        sub.add_argument(
            "--force",
            action="store_true",
            default=argparse.SUPPRESS,
            help="replace files archwiz did not write (or that were edited since), keeping each as NAME.bak",
        )
        sub.add_argument("-q", "--quiet", action="store_true", default=argparse.SUPPRESS, help="say nothing")
    imports = commands.add_parser(
        "import",
        help="read an architecture document (written from the template, or not) into a sidecar; "
        "only the sidecar is written",
    )
    imports.add_argument("markdown", metavar="ARCHITECTURE.md", help="the document to read")
    imports.add_argument(
        "-o",
        "--output",
        dest="import_output",
        metavar="SIDECAR",
        default=None,
        help="the sidecar to write (default: the document's name with .toml)",
    )
    imports.add_argument(
        "--force",
        action="store_true",
        default=argparse.SUPPRESS,
        help="replace an existing sidecar, keeping it as NAME.bak",
    )
    imports.add_argument("-q", "--quiet", action="store_true", default=argparse.SUPPRESS, help="say nothing")
    diagram = commands.add_parser(
        "diagram",
        help="print a mermaid diagram drawn from a sidecar's answers (components, entities, data-flow)",
    )
    diagram.add_argument("kind", choices=("components", "entities", "data-flow"), help="what to draw")
    diagram.add_argument(
        "sidecar", nargs="?", default=DEFAULT_SIDECAR, metavar="SIDECAR", help=f"default {DEFAULT_SIDECAR}"
    )
    edit = commands.add_parser("edit", help="open a sidecar (or any spec) in the interactive wizard")
    edit.add_argument("file", metavar="FILE", help="the .toml sidecar to edit, e.g. docs/ARCHITECTURE.toml")
    # Also after FILE ("archwiz edit FILE --plain"); SUPPRESS keeps what came before FILE.
    _wizard_options(edit, argparse.SUPPRESS)
    return parser


DEFAULT_SIDECAR = "ARCHITECTURE.toml"


def _percent(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if not 0 <= value <= 100:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole percentage from 0 to 100")
    return value


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


@contextlib.contextmanager
def _one_shot() -> Iterator[None]:
    """A one-shot run builds a large model that lives to the end and makes almost no
    reference cycles, so the collector's passes only rescan it: a third of loading a
    10,000-item spec. It is back on when the run ends (tests call these in-process)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def render_from(spec: str, output: str | None, quiet: bool, force: bool = False) -> int:
    with _one_shot():
        return _render_from(spec, output, quiet, force)


def _render_from(spec: str, output: str | None, quiet: bool, force: bool) -> int:
    # Imported here so that `archwiz --version` or a usage error stays instant.
    from wizard.markdown import render_markdown
    from wizard.markdown.blocks import MISSING
    from wizard.ownership import stamp_markdown
    from wizard.sections import progress
    from wizard.spec import load_spec
    from wizard.writing import write_document

    to_stdout = output == STDOUT
    paths = None if to_stdout else output_paths(output)
    if paths and _same_file(paths[0], spec):
        raise InputError(f"-o {paths[0]} is the spec itself; writing the Markdown there would destroy it")
    doc, _ = load_spec(spec)
    markdown = render_markdown(doc)
    if to_stdout:
        write_stdout(stamp_markdown(markdown).decode())
        return EXIT_OK
    assert paths is not None
    markdown_path, sidecar_path = paths
    source = None if spec == STDIN else Path(spec)
    backups = write_document(doc, markdown_path, source=source, force=force, markdown=markdown)
    if not quiet:
        done, total = progress(doc)
        gaps = markdown.count(MISSING)
        print(printable(f"wrote {_shown(markdown_path)} and {_shown(sidecar_path)}"), file=sys.stderr)
        for backup in backups:
            print(printable(f"kept the file it replaced as {backup}"), file=sys.stderr)
        print(f"{done} of {total} sections complete; {gaps} parts marked {MISSING}", file=sys.stderr)
    return EXIT_OK


def _shown(path: Path) -> str:
    """A written path as the user should read it: through a link, where the bytes went."""
    import os

    return f"{path} (a link to {os.path.realpath(path)})" if path.is_symlink() else str(path)


def write_stdout(text: str) -> None:
    """The Markdown on standard output; a full or closed output is an error, not a traceback."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as error:
        # Nothing more can reach that output: keep the interpreter from flushing it again at exit.
        _abandon_stdout()
        reason = (error.strerror or str(error)).lower()
        raise OutputError(f"cannot write to standard output: {reason}") from None


def _abandon_stdout() -> None:
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def _same_file(path: Path, spec: str) -> bool:
    try:
        return spec != STDIN and path.exists() and path.samefile(spec)
    except OSError:
        return False


SCHEMA_TITLE = "archwiz architecture spec"


def print_schema(output: str | None = None) -> int:
    from wizard.model import Document

    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **Document.model_json_schema()}
    schema["title"] = SCHEMA_TITLE
    text = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    if output is None or output == STDOUT:
        write_stdout(text)
        return EXIT_OK
    from wizard.atomic import write_files
    from wizard.outputs import typed_path

    path = typed_path(output)
    if path.exists() and not _is_our_schema(path):
        raise OutputError(f"{path} is not an archwiz schema; not replacing it (choose another -o FILE)")
    write_files([(path, text.encode())])
    return EXIT_OK


def _is_our_schema(path: Path) -> bool:
    """A schema archwiz wrote. Read through the spec reader, so a FIFO or a link to
    /dev/zero in the way neither hangs nor fills the memory: only regular files, bounded."""
    from wizard.spec import read_bytes

    try:
        return bool(json.loads(read_bytes(str(path))).get("title") == SCHEMA_TITLE)
    except (ArchwizError, ValueError, AttributeError):
        return False


def write_starter(file: str | None, quiet: bool) -> int:
    """A starter spec, and the schema its first line names; never over an existing file."""
    import os
    import shlex

    from wizard.atomic import write_files
    from wizard.outputs import typed_path
    from wizard.starter import DEFAULT_STARTER, SCHEMA_NAME, starter_spec

    path = typed_path(file or DEFAULT_STARTER)
    if path.suffix.lower() != ".toml":
        raise InputError(f"{file}: a spec is a .toml file; name it e.g. {path.with_suffix('.toml').name}")
    if os.path.lexists(path):
        raise OutputError(f"{path} already exists; archwiz init never replaces a file: name another one")
    write_files([(path, starter_spec(path.name).encode())])
    if not quiet:
        print(
            printable(f"wrote {path}: fill it in, then run: archwiz --from {shlex.quote(str(path))}"),
            file=sys.stderr,
        )
    schema = path.with_name(SCHEMA_NAME)
    try:
        if not os.path.lexists(schema) or _is_our_schema(schema):
            print_schema(str(schema))
        else:
            raise OutputError(f"{schema} is not an archwiz schema; not replacing it")
    except ArchwizError as error:
        # The spec is written and usable; the schema only helps editors.
        print(printable(f"note: no schema for editors: {error}"), file=sys.stderr)
    return EXIT_OK


def run_check(args: argparse.Namespace) -> int:
    """Check each sidecar; print the findings (stdout) and a summary (stderr)."""
    import time

    from wizard import findings as report
    from wizard.checking import check_file, fixed_rules, unknown_rules

    if args.list:
        write_stdout(report.rule_list())
        return EXIT_OK
    disabled = frozenset(rule.strip() for given in args.disable for rule in given.split(",") if rule.strip())
    if unknown := unknown_rules(disabled):
        raise InputError(f"--disable: no such rule: {', '.join(unknown)} ('archwiz check --list' names them)")
    if fixed := fixed_rules(disabled):
        raise InputError(f"--disable: {', '.join(fixed)}: checked as the sidecar is read, so always on")
    started = time.perf_counter()
    found, bad = [], 0
    files = args.files or [DEFAULT_SIDECAR]
    for path in files:
        try:
            with _one_shot():
                found += check_file(path, disabled=disabled, min_complete=args.min_complete)
        except InputError as error:  # the others are still checked; the exit says bad input
            print(str(error) if error.problems else f"archwiz: {error}", file=sys.stderr)
            # In JSON and on the pull request too: a sidecar that does not load is a finding.
            found += report.input_findings(path, error)
            bad += 1
    write_stdout(report.render(found, args.format))
    if not args.quiet:
        took = time.perf_counter() - started
        print(f"{report.summary(found, len(files) - bad, bad)} ({took:.2f} s)", file=sys.stderr)
    if bad:
        return EXIT_INPUT
    return 1 if any(finding.is_error for finding in found) else EXIT_OK


def run(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "adr":
        if args.spec is not None or args.output is not None:
            raise InputError("'adr' takes no --from or -o; name the folder, then the sidecar")
        from wizard import adr_commands

        run_adr = adr_commands.export if args.adr_command == "export" else adr_commands.import_folder
        with _one_shot():
            return run_adr(args.folder, args.sidecar, force=args.force, quiet=args.quiet)
    if args.command == "import":
        if args.spec is not None or args.output is not None:
            raise InputError("'import' takes no --from; name the document, then -o SIDECAR after it")
        from wizard.import_command import import_document

        with _one_shot():
            return import_document(args.markdown, args.import_output, force=args.force, quiet=args.quiet)
    if args.command == "diagram":
        from wizard.diagrams import BY_KEY
        from wizard.spec import load_spec

        document, _ = load_spec(args.sidecar)
        if not BY_KEY[args.kind].needs(document):
            raise InputError(
                f"{args.sidecar} has nothing to draw it from: it needs {BY_KEY[args.kind].description}"
            )
        write_stdout(BY_KEY[args.kind].draw(document) + "\n")
        return EXIT_OK
    if args.command == "check":
        if args.spec is not None or args.output is not None:
            raise InputError("'check' takes no --from or -o; name the sidecars: archwiz check FILE...")
        return run_check(args)
    if args.command == "init":
        if args.spec is not None or args.output is not None:
            raise InputError("'init' takes no --from or -o; name the file to write: archwiz init FILE")
        return write_starter(args.file, args.quiet)
    if args.command == "schema":
        if args.spec is not None or args.output is not None:
            raise InputError("'schema' takes no --from or -o; it prints the schema to standard output")
        return print_schema(args.schema_output)
    if args.spec is not None:
        return render_from(args.spec, args.output, args.quiet, args.force)
    if args.output is not None:
        raise InputError("-o needs --from SPEC: there is nothing to render yet")
    if args.force:
        raise InputError("--force goes with --from; the wizards ask before they replace a file")
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
