"""Matchmaking's refusal, in a module of its own so that every matchmaking module can raise it."""

from forum.errors import ForumError


class MatchmakingError(ForumError):
    """A matchmaking step was refused; `messages` say why (lazy strings)."""
