"""The programme's refusal, in a module of its own so that every programme module can raise it."""

from forum.errors import ForumError


class ProgrammeError(ForumError):
    """A change was refused; `messages` say why (lazy strings)."""
