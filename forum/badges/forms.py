"""Forms of the badge pages: choosing a print run, printing one badge, reissuing."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SearchField, SelectField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from forum.badges.pdf import DEFAULT_LAYOUT
from forum.badges.services import REASON_MAX, BadgeFilter
from forum.registration.models import BadgeCategory, OrganisationType

LAYOUT_LABELS = {
    "a6": _l("A6 badges, one a page"),
    "id1": _l("ID-1 cards (85.6 × 54 mm), one a page"),
    "a4-a6": _l("A4 sheets of 4 A6 badges, with cut marks"),
    "a4-id1": _l("A4 sheets of 10 ID-1 cards, with cut marks"),
}
STATUS_LABELS = {
    "": _l("All accredited delegates"),
    "not_printed": _l("Not printed yet"),
    "changed": _l("Changed since last printed"),
}


def layout_choices() -> list[tuple[str, object]]:
    return list(LAYOUT_LABELS.items())


class BadgeFilterForm(FlaskForm):
    """The filters of the badge printing page; as a GET form it is built with csrf off."""

    q = SearchField(_l("Name, e-mail or organisation"), validators=[Optional(), Length(max=100)])
    category = SelectField(_l("Category"), validators=[Optional()])
    organisation_type = SelectField(_l("Organisation type"), validators=[Optional()])
    status = SelectField(_l("Print status"), default="", choices=list(STATUS_LABELS.items()))
    layout = SelectField(_l("Layout"), default=DEFAULT_LAYOUT, choices=layout_choices())

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.category.choices = [("", _l("All categories"))] + [
            (c.value, c.label) for c in BadgeCategory
        ]
        self.organisation_type.choices = [("", _l("All organisation types"))] + [
            (t.value, t.label) for t in OrganisationType
        ]

    def to_filter(self) -> BadgeFilter:
        """The filter these (validated) fields describe; invalid fields count as 'all'."""
        return BadgeFilter(
            category=BadgeCategory(self.category.data) if self._valid("category") else None,
            organisation_type=(
                OrganisationType(self.organisation_type.data)
                if self._valid("organisation_type")
                else None
            ),
            not_printed=self.status.data == "not_printed",
            changed=self.status.data == "changed",
            search=(self.q.data or "").strip() if not self.q.errors else "",
        )

    def chosen_layout(self) -> str:
        return self.layout.data if self.layout.data in LAYOUT_LABELS else DEFAULT_LAYOUT

    def _valid(self, name: str) -> bool:
        field = self[name]
        return bool(field.data) and not field.errors


class PrintBatchForm(BadgeFilterForm):
    """The same filters, sent with the print button (a POST form: it prints and marks)."""

    mark_printed = BooleanField(_l("Mark these badges as printed"), default=True)


class PrintOneForm(FlaskForm):
    layout = SelectField(_l("Layout"), default=DEFAULT_LAYOUT, choices=layout_choices())


class ReissueForm(FlaskForm):
    reason = TextAreaField(
        _l("Reason"),
        validators=[
            InputRequired(_l("Say why the badge is reissued.")),
            Length(max=REASON_MAX),
        ],
    )
