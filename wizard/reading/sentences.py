"""Whether a document keeps every sentence of another: the promise ``archwiz import`` makes
about a hand-written document, checked on every import rather than trusted.

Sentences are compared by their words (``wizard.names.words``), so what the renderer may
change (escapes, list markers, a label's bold, line wrapping) does not count as a loss,
and what it must not change (a word dropped, a sentence left out) does.
"""

import html
import re
from collections.abc import Collection

from wizard.names import words

# Lines too: the renderer keeps the author's line breaks, but a label or a title suffix may
# come between two lines that were one sentence.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n")


def _words(text: str) -> list[str]:
    # Raw HTML is shown as text (its "<" written "&lt;"): the same words on the page.
    return words(html.unescape(text))


def sentences(text: str) -> list[tuple[int, str]]:
    """(line, sentence) for each sentence of ``text`` that has a word."""
    out = []
    at = 0
    for piece in _SENTENCE_END.split(text):
        start = text.find(piece, at)
        at = start + len(piece) if start >= 0 else at
        if _words(piece):
            out.append((text.count("\n", 0, max(start, 0)) + 1, piece.strip()))
    return out


def lost(original: str, rendered: str, skip: Collection[int] = ()) -> list[tuple[int, str]]:
    """The sentences of ``original`` whose words do not follow each other in ``rendered``;
    ``skip``: lines that are no sentence (a heading read as a section, titled as the template
    titles it)."""
    kept = " " + " ".join(_words(rendered)) + " "
    return [
        (line, text)
        for line, text in sentences(original)
        if line not in skip and " " + " ".join(_words(text)) + " " not in kept
    ]
