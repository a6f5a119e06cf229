"""The plain front end: the wizard as line-by-line questions (questionary), for screen
readers, simple terminals and slow links. It imports no Textual."""

from screens.plain.wizard import PlainWizard

__all__ = ["PlainWizard"]
