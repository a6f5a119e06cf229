"""Markdown output: the document as a filled-in instance of the architecture template."""

from wizard.markdown.render import render_markdown

__all__ = ["render_markdown"]
