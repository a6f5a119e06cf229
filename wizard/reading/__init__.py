"""Markdown read back into a spec: ``archwiz import``."""
