"""The organisers' forms for staff accounts."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, SelectField, StringField
from wtforms.validators import DataRequired, Email, Length, Optional

from forum.auth.models import Role
from forum.forms import no_markup

# Door staff first (and chosen unless another is): the role invited most, and the least powerful.
INVITED_ROLES = (Role.STAFF, Role.OFFICER, Role.SECURITY_OFFICER, Role.ORGANISER)


def _role_choices() -> list[tuple[str, str]]:
    return [(role.value, role.label) for role in INVITED_ROLES]


class StaffAccountForm(FlaskForm):
    """A staff member's name (and its Latin form) and role; the e-mail when inviting."""

    email = EmailField(
        _l("E-mail"),
        validators=[DataRequired(), Email(check_deliverability=False), Length(max=254)],
    )
    full_name = StringField(
        _l("Full name"), validators=[DataRequired(), Length(max=200), no_markup]
    )
    full_name_latin = StringField(
        _l("Name in Latin letters"), validators=[Optional(), Length(max=200), no_markup]
    )
    role = SelectField(
        _l("Role"), choices=_role_choices, default=Role.STAFF.value, validators=[DataRequired()]
    )

    @classmethod
    def for_change(cls, **kwargs) -> "StaffAccountForm":
        """The form of an existing account: its e-mail stays as it is."""
        form = cls(**kwargs)
        del form.email
        return form
