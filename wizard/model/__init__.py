"""The document model: one Pydantic model of the whole architecture template."""

from wizard.model.base import SCHEMA_VERSION, Model
from wizard.model.document import Document

__all__ = ["SCHEMA_VERSION", "Document", "Model"]
