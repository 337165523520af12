"""Forms of the privacy pages."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, TextAreaField
from wtforms.validators import DataRequired, Length


class ErasureRequestForm(FlaskForm):
    reason = TextAreaField(_l("Anything we should know (optional)"), validators=[Length(max=1000)])
    confirm = BooleanField(
        _l("I understand that my registration will be withdrawn and my badge will stop working."),
        validators=[DataRequired(message=_l("Please tick the box to confirm."))],
    )


class DeclineForm(FlaskForm):
    note = TextAreaField(
        _l("Reason for declining"),
        validators=[DataRequired(message=_l("Please give the reason.")), Length(max=1000)],
    )


class ConfirmForm(FlaskForm):
    """A button that only needs the CSRF token."""
