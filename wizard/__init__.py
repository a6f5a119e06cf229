"""archwiz core: the document model, its Markdown and TOML renderers, spec loading and the CLI.

Nothing in this package imports Textual or questionary at module level; front ends
live in ``screens`` (and, later, the plain prompts) and only ever talk to the model.
"""

__version__ = "0.2.0"  # 0.2: schema 2 (Markdown prose, not applicable, ADR decisions)
