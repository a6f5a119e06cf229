"""The front ends of archwiz, side by side: the Textual wizard (``screens.tui``) and the
plain, line-by-line prompts (``screens.plain``). Both read the model's field metadata
through the section registry and never build Markdown themselves.
"""
