"""How the system holds up: technology, scalability, performance, security, reliability, observability."""

from wizard.model.base import Flag, Model, choice, field
from wizard.text import Language, Line, Name, Prose, code

MetricType = choice("Counter", "UpDownCounter", "Gauge", "Histogram", "Summary")


class CoreTechnology(Model):
    component: Name = field("Component", "The part of the system.", "Database", default=...)
    technology: Name = field("Technology", "The product or library chosen.", "PostgreSQL", default=...)
    version: Line = field("Version", "The version or range in use.", "16+")
    rationale: Line = field("Rationale", "Why it was chosen.", "Strong consistency for the ledger")


class SupportingTechnology(Model):
    category: Name = field("Category", "What the tool is for.", "Monitoring", default=...)
    tool: Name = field("Tool", "The tool used.", "Prometheus", default=...)
    why: Line = field("Why", "Why this tool.", "Already run by the platform team")


class TechStack(Model):
    core: list[CoreTechnology] = field(
        "Core Technologies", "The main technologies, one row each.", default_factory=list
    )
    supporting: list[SupportingTechnology] = field(
        "Supporting Technologies",
        "Monitoring, logging, tracing and other tooling.",
        default_factory=list,
    )


class HorizontalScaling(Model):
    api_tier: Prose = field(
        "API Tier", "How the API tier scales out.", "Stateless pods behind the load balancer, HPA on CPU"
    )
    worker_tier: Prose = field("Worker Tier", "How the workers scale out.", "Consumers scale on queue lag")
    database_tier: Prose = field(
        "Database Tier", "How the database scales.", "Read replicas; writes stay on the primary"
    )


class VerticalScaling(Model):
    memory: Prose = field("Memory Requirements", "Memory estimates per instance.", "2 GiB per API pod")
    cpu: Prose = field("CPU Requirements", "CPU estimates per instance.", "1 vCPU per API pod")
    storage: Prose = field(
        "Storage Requirements", "Storage estimates and growth.", "500 GiB, growing 20 GiB a month"
    )


class LoadDistribution(Model):
    load_balancer: Prose = field(
        "Load Balancer", "Load balancer configuration.", "L7, least-requests, TLS terminated"
    )
    sharding: Prose = field(
        "Sharding Strategy", "How data is sharded, if it is.", "By merchant id, 16 shards"
    )
    caching: Prose = field(
        "Caching Strategy", "What is cached, where and for how long.", "Merchant settings in Redis, 5 min TTL"
    )


class Scalability(Model):
    horizontal: HorizontalScaling = field(
        "Horizontal Scaling", "Scaling out, tier by tier.", default_factory=HorizontalScaling
    )
    vertical: VerticalScaling = field(
        "Vertical Scaling", "Resource estimates per instance.", default_factory=VerticalScaling
    )
    load_distribution: LoadDistribution = field(
        "Load Distribution", "How load is spread.", default_factory=LoadDistribution
    )


class PerformanceTarget(Model):
    operation: Name = field("Operation", "The operation measured.", "Create payment", default=...)
    latency: Line = field("Target Latency", "The latency target, with its percentile.", "< 300ms p99")
    throughput: Line = field("Target Throughput", "The throughput target.", "500 req/s")


class Optimization(Model):
    name: Name = field("Strategy", "The optimisation.", "Connection pooling", default=...)
    implementation: Prose = field("Implementation", "How it is done.", "PgBouncer in transaction mode")
    impact: Prose = field("Impact", "The expected improvement.", "p99 latency down 40%")


class Performance(Model):
    targets: list[PerformanceTarget] = field(
        "Performance Targets", "Latency and throughput targets per operation.", default_factory=list
    )
    strategies: list[Optimization] = field(
        "Optimization Strategies", "How the targets are met.", default_factory=list
    )


class Authentication(Model):
    method: Prose = field(
        "Method", "How callers authenticate, e.g. JWT, OAuth2.", "OAuth2 client credentials"
    )
    token_lifetime: Prose = field("Token Lifetime", "How long a token is valid.", "15 minutes")
    refresh_strategy: Prose = field(
        "Refresh Strategy", "How tokens are refreshed.", "Clients re-request before expiry"
    )


class DataProtection(Model):
    encryption_at_rest: Prose = field(
        "Encryption at Rest", "How stored data is encrypted.", "AES-256 via cloud KMS"
    )
    encryption_in_transit: Prose = field(
        "Encryption in Transit",
        "How data on the wire is protected, e.g. TLS 1.3.",
        "TLS 1.3 everywhere, mTLS inside",
    )
    tenant_isolation: Prose = field(
        "Tenant Isolation", "How one tenant is kept from another's data.", "Row-level security on tenant_id"
    )


class ChecklistItem(Model):
    item: Line = field("Practice", "A security practice.", "Rate limiting enabled")
    done: Flag = field("Done", "Whether the practice is in place.", True, default=False)


class Security(Model):
    authentication: Authentication = field(
        "Authentication & Authorization", "Who may call the system.", default_factory=Authentication
    )
    data_protection: DataProtection = field(
        "Data Protection", "How data is protected.", default_factory=DataProtection
    )
    checklist: list[ChecklistItem] = field(
        "Security Best Practices",
        "A checklist of practices, each done or not yet.",
        default_factory=list,
    )


class HighAvailability(Model):
    uptime_target: Prose = field("Target Uptime", "The availability target, e.g. 99.9%.", "99.95%")
    redundancy: Prose = field("Redundancy", "How components are redundant.", "Three availability zones")
    failover: Prose = field("Failover", "The failover strategy.", "Automatic database failover in < 30s")


class DisasterRecovery(Model):
    rto: Prose = field("RTO (Recovery Time Objective)", "How long recovery may take.", "1 hour")
    rpo: Prose = field("RPO (Recovery Point Objective)", "How much data may be lost.", "5 minutes")
    backup: Prose = field(
        "Backup Strategy", "How and when backups are taken.", "Continuous WAL archiving, daily snapshots"
    )
    restore: Prose = field(
        "Restore Procedure", "The steps to restore.", "Point-in-time restore, then replay the outbox"
    )


class Reliability(Model):
    availability: HighAvailability = field(
        "High Availability", "Staying up.", default_factory=HighAvailability
    )
    disaster_recovery: DisasterRecovery = field(
        "Disaster Recovery", "Coming back.", default_factory=DisasterRecovery
    )
    error_handling: code("python", language_field="error_handling_language") = field(  # type: ignore[valid-type]
        "Error Handling",
        "The error-handling pattern, as code.",
        'try:\n    charge(card)\nexcept CardDeclined as e:\n    logger.warning("declined", code=e.code)',
    )
    error_handling_language: Language = field(
        "Error handling language", "The code's language for highlighting (default python).", "java"
    )


class Metric(Model):
    name: Name = field("Metric", "The metric's name.", "api.requests.total", default=...)
    type: MetricType | None = field("Type", "The kind of metric.", "Counter", default=None)  # type: ignore[valid-type]
    purpose: Line = field("Purpose", "What it tracks.", "Track request volume")


class Alert(Model):
    name: Name = field("Alert", "The alert's name.", "High Error Rate", default=...)
    condition: Line = field("Condition", "When it fires.", "errors > 5% for 5m")
    severity: Line = field("Severity", "How urgent it is.", "Critical")
    action: Line = field("Action", "What the responder does.", "Page on-call")


class Observability(Model):
    metrics: list[Metric] = field("Metrics", "The metrics the system emits.", default_factory=list)
    log_format: code("json", language_field="log_format_language") = field(  # type: ignore[valid-type]
        "Log Format", "One structured log line, as JSON.", '{"level": "info", "service": "api"}'
    )
    log_format_language: Language = field(
        "Log format language", "The log line's language for highlighting (default json).", "text"
    )
    alerts: list[Alert] = field("Alerting", "The alerts and who acts on them.", default_factory=list)
