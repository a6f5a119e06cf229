"""Names as archwiz compares them across sections and files: by their words, case, spacing
and punctuation aside ("Payment-Service" is "payment service"), letters of any script kept."""

import re

_WORD = re.compile(r"[^\W_]+")
# What joins two names in a data-flow step: "API Gateway → Payment Service".
ARROW = re.compile(r"\s*(?:→|->|-->|=>|⇒)\s*")


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def same_name(text: str) -> str:
    """``text`` as compared with other names."""
    return " ".join(words(text))
