"""``python -m wizard`` runs the archwiz command line."""

from wizard.cli import entry_point

entry_point()
