"""How ``archwiz check`` reports its findings: as text for people, JSON for tools, or
workflow commands that GitHub shows on the pull request's lines."""

import json
from collections.abc import Sequence

from wizard.chars import printable
from wizard.checking import Finding
from wizard.errors import ArchwizError
from wizard.rules import ERROR, RULES

FORMATS = ("text", "json", "github")


def text(findings: Sequence[Finding]) -> str:
    """``FILE:LINE: rule-id: message``, a warning saying so after its rule id."""
    lines = []
    for finding in findings:
        kind = "" if finding.is_error else "warning: "
        lines.append(printable(f"{finding.file}:{finding.line}: {finding.rule}: {kind}{finding.message}"))
    return "".join(f"{line}\n" for line in lines)


def as_json(findings: Sequence[Finding]) -> str:
    errors = sum(finding.is_error for finding in findings)
    report = {
        "findings": [
            {
                "file": finding.file,
                "line": finding.line,
                "rule": finding.rule,
                "severity": finding.severity,
                "path": finding.path,
                "message": finding.message,
            }
            for finding in findings
        ],
        "errors": errors,
        "warnings": len(findings) - errors,
    }
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github(findings: Sequence[Finding]) -> str:
    """Workflow commands (``::error file=F,line=L,title=T::message``): each finding becomes an
    annotation on its line of the pull request. User text is escaped so that it can end
    neither the command nor its properties."""
    lines = []
    for finding in findings:
        level = "error" if finding.is_error else "warning"
        props = ",".join(
            f"{key}={_escape_property(printable(value))}"
            for key, value in (
                ("file", finding.file),
                ("line", str(finding.line)),
                ("title", f"archwiz {finding.rule}"),
            )
        )
        lines.append(f"::{level} {props}::{_escape_data(printable(finding.message))}")
    return "".join(f"{line}\n" for line in lines)


def render(findings: Sequence[Finding], format: str) -> str:
    return {"text": text, "json": as_json, "github": github}[format](findings)


def rule_list() -> str:
    """``archwiz check --list``: each rule's id, severity and why it exists."""
    width = max(len(rule.id) for rule in RULES)
    return "".join(f"{rule.id:<{width}}  {rule.severity:<7}  {rule.rationale}\n" for rule in RULES)


def input_findings(path: str, error: ArchwizError) -> list[Finding]:
    """A sidecar that does not load, as findings (rule "input"): where each problem is."""
    problems = error.problems or []
    if not problems:
        return [Finding(path, 1, "input", ERROR, str(error))]
    return [
        Finding(problem.source, problem.line or 1, "input", ERROR, problem.message, problem.path)
        for problem in problems
    ]


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


def summary(findings: Sequence[Finding], files: int, unread: int = 0) -> str:
    errors = sum(finding.is_error and finding.rule != "input" for finding in findings)
    warnings = sum(not finding.is_error for finding in findings)
    checked = _count(files, "file")
    skipped = f"; {unread} could not be read (bad input)" if unread else ""
    if errors + warnings == 0:
        return f"archwiz check: {checked} checked{skipped}" + ("" if unread else ", all rules hold")
    return (
        f"archwiz check: {checked} checked: {_count(errors, 'error')}, {_count(warnings, 'warning')}{skipped}"
    )
