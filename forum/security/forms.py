"""Forms of the two-factor pages."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length


class CodeForm(FlaskForm):
    """A six-digit code from the authenticator app (or, at sign-in, a recovery code)."""

    code = StringField(
        _l("Code"),
        validators=[DataRequired(message=_l("Please type the code.")), Length(max=20)],
        render_kw={"inputmode": "text", "spellcheck": "false", "autocapitalize": "off"},
    )
