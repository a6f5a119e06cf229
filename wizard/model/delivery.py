"""Shipping and running the system: deployment, testing and operations."""

from typing import Annotated

from wizard.model.base import EXTRA, Model, Url, field
from wizard.text import Line, Name, Prose


class Link(Model):
    title: Name = field("Title", "What the link points to.", "Payments API reference", default=...)
    url: Url = field(
        "URL",
        "Where it lives: an http(s) address or a relative path; may be left empty.",
        "https://docs.example.com/payments/api",
    )
    note: Annotated[Prose, EXTRA] = field(
        "Note", "Why a reader would follow it (Markdown).", "The error codes every client must handle."
    )


class Infrastructure(Model):
    environment: Prose = field("Environment", "Cloud provider or on-premise.", "AWS eu-west-1")
    orchestration: Prose = field("Orchestration", "What runs the workloads, e.g. Kubernetes.", "EKS 1.30")
    configuration: Prose = field(
        "Configuration", "How configuration is managed.", "Helm values in Git, secrets in Vault"
    )


class DeploymentStrategy(Model):
    strategy_type: Prose = field("Strategy Type", "Blue-Green, Rolling or Canary.", "Canary")
    rollback_plan: Prose = field(
        "Rollback Plan", "How to roll back.", "Argo Rollouts aborts on failed analysis"
    )
    health_checks: Prose = field(
        "Health Checks", "What is checked before traffic moves.", "Readiness probe and error rate < 1%"
    )


class Deployment(Model):
    infrastructure: Infrastructure = field(
        "Infrastructure", "Where the system runs.", default_factory=Infrastructure
    )
    strategy: DeploymentStrategy = field(
        "Deployment Strategy", "How a release reaches production.", default_factory=DeploymentStrategy
    )
    pipeline: list[Prose] = field(
        "CI/CD Pipeline",
        "The pipeline stages, in order, one per item.",
        "Lint & Test",
        default_factory=list,
    )


class TestPyramid(Model):
    unit: Prose = field("Unit Tests", "Unit test coverage target.", "80% line coverage")
    integration: Prose = field("Integration Tests", "Integration test coverage target.", "Every API endpoint")
    e2e: Prose = field("E2E Tests", "End-to-end test coverage target.", "The five money-moving journeys")


class TestEnvironment(Model):
    name: Name = field("Environment", "The environment's name.", "Staging", default=...)
    purpose: Line = field("Purpose", "What it is for.", "Pre-production testing")
    data: Line = field("Data", "What data it holds.", "Anonymized production data")


class Testing(Model):
    pyramid: TestPyramid = field("Test Pyramid", "Coverage targets by level.", default_factory=TestPyramid)
    environments: list[TestEnvironment] = field(
        "Test Environments", "Where tests run, one row each.", default_factory=list
    )


class MaintenanceWindows(Model):
    frequency: Prose = field("Frequency", "How often, e.g. Monthly.", "Monthly")
    duration: Prose = field("Duration", "How long, e.g. 2 hours.", "2 hours")
    communication: Prose = field(
        "Communication", "How users are notified.", "Status page and email 7 days ahead"
    )


class Operations(Model):
    runbooks: list[Link] = field("Operational Runbooks", "Links to the runbooks.", default_factory=list)
    maintenance: MaintenanceWindows = field(
        "Maintenance Windows", "Planned downtime.", default_factory=MaintenanceWindows
    )
