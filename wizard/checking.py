"""``archwiz check``: a sidecar and the Markdown beside it, held to the rules of ``wizard.rules``.

Reads the sidecar as ``--from`` does (a file that does not load is bad input, exit 2),
runs every rule not switched off (by ``--disable`` or the sidecar's ``[check]`` table),
and locates each finding on the line where the user fixes it: in the sidecar, or for a
stale Markdown file, in that file.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from wizard.errors import InputError, Problem
from wizard.model import Document
from wizard.outputs import DEFAULT_OUTPUT, STDIN
from wizard.problems import format_path
from wizard.rules import BY_ID, ERROR, RULES, Loc, Settings


@dataclass(frozen=True)
class Finding:
    file: str
    line: int
    rule: str
    severity: str
    message: str
    path: str = ""  # the field in the sidecar, "" for a finding about another file

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


def markdown_beside(sidecar: Path) -> Path:
    """The Markdown a sidecar belongs to, as the wizard names it: ``X.toml`` beside ``X.md``;
    a spec of the user's own (not a sidecar) renders to ARCHITECTURE.md in its folder."""
    from wizard.ownership import is_sidecar

    return sidecar.with_suffix(".md") if is_sidecar(sidecar) else sidecar.with_name(DEFAULT_OUTPUT)


def unknown_rules(ids: Iterable[str]) -> list[str]:
    return sorted(rule for rule in ids if rule not in BY_ID)


def fixed_rules(ids: Iterable[str]) -> list[str]:
    """Rules the model holds as the sidecar is read: there is nothing to switch off."""
    return sorted(
        rule for rule in ids if rule in BY_ID and BY_ID[rule].find is None and rule != "markdown-current"
    )


def check_file(
    path: str,
    *,
    disabled: frozenset[str] = frozenset(),
    min_complete: int | None = None,
    today: datetime.date | None = None,
) -> list[Finding]:
    """The findings for the sidecar at ``path``, in line order; InputError when it cannot be
    read or its ``[check]`` table names a rule that does not exist."""
    from wizard.spec import decode, load_spec
    from wizard.toml_lines import TomlLines

    document, data = load_spec(path)
    source = "<stdin>" if path == STDIN else path
    located: list[TomlLines] = []  # built on the first finding: a clean sidecar needs no lines

    def line_of(loc: Loc) -> int | None:
        if not located:
            located.append(TomlLines(decode(data, source)))
        return located[0].line_of(loc)

    unknown = unknown_rules(set(document.check.disable))
    fixed = fixed_rules(set(document.check.disable))
    if unknown or fixed:
        where = line_of(("check", "disable"))
        message = (
            f"no such rule: {', '.join(unknown)} ('archwiz check --list' names them)"
            if unknown
            else f"{', '.join(fixed)}: checked as the sidecar is read, so always on"
        )
        raise InputError([Problem(source, message, where, path="check.disable")])
    off = disabled | set(document.check.disable)
    settings = Settings(
        today=today or datetime.date.today(),
        min_complete=min_complete if min_complete is not None else (document.check.min_complete or 100),
    )
    findings: list[Finding] = []

    def found(rule: str, loc: Loc, message: str) -> None:
        line = line_of(loc) or 1
        findings.append(Finding(source, line, rule, BY_ID[rule].severity, message, format_path(loc)))

    for rule in RULES:
        if rule.find is None or rule.id in off:
            continue
        for loc, message in rule.find(document, settings):
            found(rule.id, loc, message)
    if "markdown-current" not in off and path != STDIN:
        findings.extend(_stale_markdown(document, Path(path)))
    return sorted(findings, key=lambda finding: (finding.file != source, finding.file, finding.line))


def _stale_markdown(document: Document, sidecar: Path) -> list[Finding]:
    """The Markdown beside the sidecar differs from what the sidecar renders: where, first."""
    from wizard.errors import ArchwizError
    from wizard.markdown import render_markdown
    from wizard.ownership import stamp_markdown
    from wizard.spec import read_bytes

    markdown = markdown_beside(sidecar)
    rule = BY_ID["markdown-current"]
    import shlex

    again = f"render it again: archwiz --from {shlex.quote(str(sidecar))} -o {shlex.quote(str(markdown))}"
    if not markdown.exists():
        return [Finding(str(sidecar), 1, rule.id, rule.severity, f"{markdown} is missing; {again}")]
    try:
        now = read_bytes(str(markdown)).decode("utf-8", "replace").splitlines()
    except ArchwizError as error:
        return [Finding(str(markdown), 1, rule.id, rule.severity, f"cannot be read: {error}")]
    expected = stamp_markdown(render_markdown(document)).decode().splitlines()
    if now == expected:
        return []
    first = next(
        (n for n, (a, b) in enumerate(zip(now, expected, strict=False)) if a != b),
        min(len(now), len(expected)),
    )
    was = now[first][:80] if first < len(now) else "(the end of the file)"
    should = expected[first][:80] if first < len(expected) else "(the end of the file)"
    message = (
        f"differs from what {sidecar} renders, from this line: it has {was!r} where the sidecar "
        f"gives {should!r}; {again} (archwiz keeps a hand-edited file unless --force)"
    )
    return [Finding(str(markdown), first + 1, rule.id, rule.severity, message)]
