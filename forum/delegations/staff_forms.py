"""Forms of the organisers' changes to a delegation: its focal point, a registration joining it."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, SelectField, StringField
from wtforms.validators import DataRequired, Email, Length

from forum.delegations.forms import LANGUAGE_CHOICES
from forum.forms import no_markup


class FocalPointForm(FlaskForm):
    """Who manages the delegation from now on."""

    focal_point_name = StringField(
        _l("New focal point's name"), validators=[DataRequired(), Length(max=200), no_markup]
    )
    focal_point_email = EmailField(
        _l("New focal point's e-mail"),
        validators=[DataRequired(), Email(check_deliverability=False), Length(max=254)],
    )
    locale = SelectField(_l("Language of the focal point's mails"), choices=LANGUAGE_CHOICES)


class AddRegistrationForm(FlaskForm):
    """The e-mail address of a registration already made, to move into the delegation."""

    email = EmailField(
        _l("E-mail of the registration"),
        validators=[DataRequired(), Email(check_deliverability=False), Length(max=254)],
    )
