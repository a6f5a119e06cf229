"""`archwiz check`: each rule trips on a document that breaks it and holds on one that does
not; findings name the file and the line to fix; exit 0 / 1 / 2; three output formats."""

import datetime
import json
import tomllib
from pathlib import Path
from typing import Any

import pytest
from conftest import COMPLETE, MINIMAL
from hypothesis import given, settings
from hypothesis import strategies as st

from wizard.checking import Finding, check_file
from wizard.cli import main
from wizard.findings import github, rule_list
from wizard.rules import BY_ID, RULES
from wizard.sidecar import dump_toml
from wizard.spec import validate

TODAY = datetime.date(2026, 12, 1)
# The rules about one section at a time, not the whole document's completeness or files.
ALONE = frozenset({"complete", "markdown-current"})


def _spec(tmp_path: Path, data: dict[str, Any], name: str = "ARCHITECTURE.toml") -> Path:
    """``data`` as a sidecar archwiz wrote (so its Markdown is ARCHITECTURE.md beside it)."""
    document = validate(data, "", name)
    path = tmp_path / name
    path.write_text(dump_toml(document))
    return path


def _found(path: Path, **options: Any) -> list[Finding]:
    options.setdefault("disabled", ALONE)
    return check_file(str(path), today=TODAY, **options)


def _rules(findings: list[Finding]) -> list[str]:
    return [finding.rule for finding in findings]


def _line(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if text in line)


COMPONENTS = [
    {"name": "API Gateway", "technologies": ["Envoy 1.31"], "output": "calls the Payment Service"},
    {"name": "Payment Service", "technologies": ["Go"]},
]
STACK = {
    "core": [{"component": "Edge", "technology": "Envoy"}, {"component": "Services", "technology": "Go"}]
}


def test_a_consistent_document_passes_every_rule(tmp_path: Path) -> None:
    data = {
        "components": COMPONENTS,
        "tech_stack": STACK,
        "diagrams": {"data_flow": ["Merchant → API Gateway (TLS)", "API Gateway → Payment Service"]},
        "entities": [
            {"name": "Payment", "belongs_to": ["Merchant"]},
            {"name": "Merchant", "has_many": ["Payment"]},
        ],
        "observability": {
            "metrics": [{"name": "payments.create.duration", "purpose": "Latency of payment creation"}],
            "alerts": [{"name": "Slow", "condition": "payments.create.duration p99 > 1s"}],
        },
        "performance": {"targets": [{"operation": "Create payment", "latency": "< 300 ms"}]},
        "reliability": {
            "availability": {"uptime_target": "99.9%"},
            "disaster_recovery": {"rto": "1h", "rpo": "5m"},
        },
        "decisions": [
            {"title": "Old", "number": 1, "status": "Superseded"},
            {"title": "New", "number": 2, "status": "Accepted", "supersedes": [1]},
        ],
        "review": {"next_review": "2027-01-01"},
    }
    assert _found(_spec(tmp_path, data)) == []


@pytest.mark.parametrize(
    ("rule", "data", "at", "says"),
    [
        (
            "review-due",
            {"review": {"next_review": "2026-11-01"}},
            "next_review",
            "due on 2026-11-01 (30 days ago)",
        ),
        (
            "component-names",
            {"components": COMPONENTS, "diagrams": {"data_flow": ["API Gateway → Payments Service (gRPC)"]}},
            "Payments Service",
            "names 'Payments Service', which is not a component: is it 'Payment Service'?",
        ),
        (
            "component-names",
            {
                "components": COMPONENTS,
                "diagrams": {
                    "interactions": [
                        {
                            "format": "mermaid",
                            "source": "sequenceDiagram\n    participant G as API Gateway\n"
                            "    participant P as Payment Servce\n    G->>P: call",
                        }
                    ]
                },
            },
            "source",
            "'Payment Servce', which is not a component: is it 'Payment Service'?",
        ),
        (
            "component-used",
            {
                "components": [*COMPONENTS, {"name": "Payouts Worker"}],
                "diagrams": {"data_flow": ["API Gateway → Payment Service"]},
            },
            "Payouts Worker",
            "component 'Payouts Worker' appears in no data-flow step",
        ),
        (
            "entity-relations",
            {"entities": [{"name": "Payment", "belongs_to": ["Merchant"]}]},
            "Merchant",
            "entity 'Payment' relates to 'Merchant', which Data Models does not list",
        ),
        (
            "alert-metric",
            {
                "observability": {
                    "metrics": [{"name": "http.errors.total"}],
                    "alerts": [{"name": "Errors", "condition": "5xx > 1% for 5m"}],
                }
            },
            "5xx",
            "alert 'Errors' fires on '5xx > 1% for 5m', which names no metric",
        ),
        (
            "target-metric",
            {
                "observability": {"metrics": [{"name": "payments.create.duration"}]},
                "performance": {"targets": [{"operation": "Daily payout batch"}]},
            },
            "Daily payout batch",
            "no metric measures 'Daily payout batch'",
        ),
        (
            "uptime-recovery",
            {"reliability": {"availability": {"uptime_target": "99.9%"}, "disaster_recovery": {"rto": "1h"}}},
            "[reliability.disaster_recovery]",
            "needs an RPO",
        ),
        (
            "superseded-by",
            {"decisions": [{"title": "Old", "number": 1, "status": "Superseded"}]},
            'status = "Superseded"',
            "decision 1 ('Old') is Superseded, but no decision says it supersedes it",
        ),
        (
            "superseded-by",
            {"decisions": [{"title": "New", "number": 2, "supersedes": [9]}]},
            "9,",
            "decision 2 supersedes decision 9, which does not exist",
        ),
        (
            "tech-in-stack",
            {"components": [{"name": "API", "technologies": ["Envoy 1.31", "OPA"]}], "tech_stack": STACK},
            '"OPA"',
            "component 'API' uses 'OPA', which the technology stack does not list",
        ),
    ],
    ids=lambda value: value if isinstance(value, str) and value in BY_ID else None,
)
def test_each_rule_trips_where_it_is_broken(
    tmp_path: Path, rule: str, data: dict[str, Any], at: str, says: str
) -> None:
    path = _spec(tmp_path, data)
    findings = [finding for finding in _found(path) if finding.rule == rule]
    assert len(findings) == 1, findings
    (finding,) = findings
    assert says in finding.message
    assert finding.file == str(path) and finding.line == _line(path, at)
    assert finding.severity == BY_ID[rule].severity
    assert _found(path, disabled=ALONE | {rule}) == [f for f in _found(path) if f.rule != rule]


def test_completeness_names_each_open_section_and_min_complete_lowers_the_bar(tmp_path: Path) -> None:
    path = tmp_path / "minimal.toml"
    path.write_text(MINIMAL.read_text())
    findings = _found(path, disabled=frozenset({"markdown-current"}))
    assert set(_rules(findings)) == {"complete"} and len(findings) == 20
    assert findings[0].message.startswith("Context is empty: Business Requirements, Technical Constraints")
    assert "(1 of 21 sections complete (4%), 100% required)" in findings[0].message
    assert _found(path, disabled=frozenset({"markdown-current"}), min_complete=4) == []
    # The sidecar's own setting, and a section marked not applicable counts as done.
    text = path.read_text() + "\n[check]\nmin_complete = 4\n"
    path.write_text(text)
    assert _found(path, disabled=frozenset({"markdown-current"})) == []


def test_the_markdown_beside_must_be_what_the_sidecar_renders(tmp_path: Path, capsys: Any) -> None:
    sidecar = tmp_path / "ARCHITECTURE.toml"
    markdown = tmp_path / "ARCHITECTURE.md"
    assert main(["-q", "--from", str(COMPLETE), "-o", str(markdown)]) == 0
    only = frozenset(rule.id for rule in RULES) - {"markdown-current"}
    assert check_file(str(sidecar), disabled=only) == []
    lines = markdown.read_text().splitlines()
    lines[4] = "Edited by hand."
    markdown.write_text("\n".join(lines) + "\n")
    (stale,) = check_file(str(sidecar), disabled=only)
    assert (stale.file, stale.line, stale.rule) == (str(markdown), 5, "markdown-current")
    assert "it has 'Edited by hand.' where the sidecar gives" in stale.message
    assert f"archwiz --from {sidecar} -o {markdown}" in stale.message
    markdown.unlink()
    (gone,) = check_file(str(sidecar), disabled=only)
    assert gone.file == str(sidecar) and f"{markdown} is missing" in gone.message


def test_exit_codes_and_formats(tmp_path: Path, capsys: Any) -> None:
    markdown = tmp_path / "ARCHITECTURE.md"
    assert main(["-q", "--from", str(COMPLETE), "-o", str(markdown)]) == 0
    sidecar = str(markdown.with_suffix(".toml"))
    capsys.readouterr()
    # The complete example: a few real gaps (entities it relates to but does not model...).
    assert main(["check", sidecar]) == 1
    out, err = capsys.readouterr()
    first = out.splitlines()[0]
    assert first.startswith(f"{sidecar}:") and ": tech-in-stack: warning: " in out
    assert "entity-relations: entity 'Payment' relates to 'Merchant'" in out
    assert "1 file checked: 5 errors, 6 warnings" in err
    errors_off = "entity-relations,alert-metric,review-due"
    assert main(["check", sidecar, "--disable", errors_off, "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["errors"] == 0 and report["warnings"] == 6
    assert {finding["rule"] for finding in report["findings"]} == {"tech-in-stack", "target-metric"}
    assert main(["check", sidecar, "--format", "github", "-q"]) == 1
    out, err = capsys.readouterr()
    assert err == "" and out.startswith(f"::warning file={sidecar},line=")
    assert "::error file=" in out and "title=archwiz entity-relations::" in out
    # Bad input: exit 2, with the file and line; the other files are still checked.
    bad = tmp_path / "bad.toml"
    bad.write_text('[header]\ntitle = "x"\n\n[check]\ndisable = ["no-such-rule"]\n')
    assert main(["check", str(bad), sidecar]) == 2
    out, err = capsys.readouterr()
    assert f"{bad}:5: check.disable: no such rule: no-such-rule" in err and "entity-relations" in out
    assert main(["check", "--disable", "nope"]) == 2
    assert "--disable: no such rule: nope" in capsys.readouterr().err
    assert main(["check", str(tmp_path / "missing.toml")]) == 2
    with pytest.raises(SystemExit) as usage:  # argparse's own usage error
        main(["check", "--min-complete", "101"])
    assert usage.value.code == 2
    assert "'101' is not a whole percentage from 0 to 100" in capsys.readouterr().err


def test_the_rule_list_names_every_rule_once() -> None:
    listed = rule_list().splitlines()
    assert [line.split()[0] for line in listed] == [rule.id for rule in RULES]
    assert all(line.split()[1] in ("error", "warning") for line in listed)


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1), st.text())
def test_github_annotations_cannot_be_ended_or_forged_by_user_text(name: str, message: str) -> None:
    finding = Finding(name, 3, "alert-metric", "error", message)
    out = github([finding])
    assert out.count("\n") == 1 and out.endswith("\n")
    head, _, body = out[:-1].partition("::")[2].partition("::")
    props = dict(part.split("=", 1) for part in head.split(" ", 1)[1].split(","))
    assert set(props) == {"file", "line", "title"} and props["line"] == "3"
    assert "\n" not in body and "\r" not in body


def test_check_settings_live_in_the_sidecar_and_survive_a_round_trip(tmp_path: Path) -> None:
    data = {"header": {"title": "x"}, "check": {"disable": ["review-due"], "min_complete": 80}}
    document = validate(data, "", "x.toml")
    again = validate(tomllib.loads(dump_toml(document)), "", "x.toml")
    assert again == document and again.check.disable == ["review-due"]


def test_the_pre_commit_hook_runs_archwiz_check_on_the_default_sidecar(tmp_path: Path) -> None:
    """The hook pre-commit installs: its entry, run as pre-commit runs it (no file names),
    checks ARCHITECTURE.toml in the repository's root and fails the commit on an error."""
    import shlex
    import subprocess
    import sys

    from conftest import REPO

    hooks = (REPO / ".pre-commit-hooks.yaml").read_text()
    fields = dict(
        line.strip(" -").split(": ", 1)
        for line in hooks.splitlines()
        if ": " in line and not line.startswith("#")
    )
    assert fields["id"] == "archwiz-check" and fields["pass_filenames"] == "false"
    entry = shlex.split(fields["entry"])
    assert entry[0] == "archwiz"
    command = [sys.executable, "-m", "wizard", *entry[1:]]
    assert main(["-q", "--from", str(COMPLETE), "-o", str(tmp_path / "ARCHITECTURE.md")]) == 0
    failed = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert failed.returncode == 1 and "ARCHITECTURE.toml:" in failed.stdout
    (tmp_path / "ARCHITECTURE.toml").write_text(
        (tmp_path / "ARCHITECTURE.toml")
        .read_text()
        .replace("[header]", '[check]\ndisable = ["entity-relations", "alert-metric"]\n\n[header]', 1)
    )
    passed = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=60)
    # Settings are not part of the Markdown, so it is still current: warnings only, exit 0.
    assert passed.returncode == 0 and "markdown-current" not in passed.stdout
    assert "0 errors, 6 warnings" in passed.stderr


def test_a_sidecar_that_does_not_load_is_a_finding_in_json_and_on_the_pull_request(
    tmp_path: Path, capsys: Any
) -> None:
    bad = tmp_path / "dup.toml"
    bad.write_text('[[decisions]]\ntitle = "A"\nnumber = 1\n\n[[decisions]]\ntitle = "B"\nnumber = 1\n')
    assert main(["check", str(bad), "--format", "json", "-q"]) == 2
    report = json.loads(capsys.readouterr().out)
    (finding,) = report["findings"]
    assert (finding["rule"], finding["line"], finding["path"]) == ("input", 7, "decisions[1].number")
    assert main(["check", str(bad), "--format", "github", "-q"]) == 2
    assert capsys.readouterr().out.startswith(f"::error file={bad},line=7,title=archwiz input::")


def test_rules_the_model_holds_cannot_be_switched_off(tmp_path: Path, capsys: Any) -> None:
    assert main(["check", "--disable", "unique-numbers"]) == 2
    assert "unique-numbers: checked as the sidecar is read, so always on" in capsys.readouterr().err


def test_near_misses_that_are_not_findings(tmp_path: Path) -> None:
    """A newcomer's false positives: a metric in its Prometheus spelling, an outside API whose
    name starts like a component's."""
    data = {
        "components": COMPONENTS,
        "diagrams": {
            "data_flow": ["API Gateway → Payment Service", "Payment Service → Payment Services API"]
        },
        "observability": {
            "metrics": [{"name": "acquirer.errors.total"}],
            "alerts": [{"name": "Errors", "condition": "rate(acquirer_errors_total[5m]) > 0.01"}],
        },
    }
    rules = _rules(_found(_spec(tmp_path, data)))
    assert "alert-metric" not in rules and "component-names" not in rules
