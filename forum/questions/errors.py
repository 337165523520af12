"""The questions feature's refusals (forum.errors.ForumError): organisers' and delegates'."""

from forum.errors import ForumError


class QuestionError(ForumError):
    """An organiser's change to the questions cannot be saved as asked."""


class AnswerError(ForumError):
    """A delegate's answer cannot be taken; `question_id` names the question it is about, so
    that the form shows the message beside it."""

    def __init__(self, *messages: object, question_id: int | None = None, **kwargs) -> None:
        super().__init__(*messages, **kwargs)
        self.question_id = question_id
