"""The front ends of archwiz: the Textual wizard (this package's modules) and the plain,
line-by-line prompts (``screens.plain``). Both read the model's field metadata through
the section registry and never build Markdown themselves.
"""
