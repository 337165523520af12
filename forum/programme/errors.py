"""The programme's refusal, in a module of its own so that every programme module can raise it."""


class ProgrammeError(Exception):
    """A change was refused; `messages` say why (lazy strings)."""

    def __init__(self, *messages: object) -> None:
        super().__init__(*messages)
        self.messages = list(messages)

    def __str__(self) -> str:
        return " ".join(str(m) for m in self.messages)
