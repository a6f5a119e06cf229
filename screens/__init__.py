"""The Textual front end of archwiz.

Empty for now: the section screens arrive with the interactive wizard. Screens
read the model's field metadata and never build Markdown themselves.
"""
