"""Staff accounts as organisers manage them: invite, rename, change the role, switch off.

An organiser cannot change their own role or switch their own account off: whoever acts
is an active organiser, so the forum is never left without one.
"""

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from forum.audit.services import record
from forum.auth.models import STAFF_ROLES, Role, User
from forum.auth.services import find_user
from forum.auth.sessions import end_every_session
from forum.bilingual import reader_language
from forum.collation import collation_key
from forum.errors import ForumError
from forum.events.services import find_current_event
from forum.extensions import db
from forum.mail import external_url, send_mail
from forum.search.queries import matching
from forum.security.twofactor import disable_two_factor, has_two_factor
from forum.staff.links import STAFF_WELCOME
from forum.text import normalise_email
from forum.translit import is_latin, passport_latin


class StaffError(ForumError):
    """A staff account cannot be changed as asked; the message says why."""


def staff_accounts(query: str = "") -> list[User]:
    """Every staff account (or those whose name or e-mail starts with the words of `query`,
    in either script), active ones first, by role, then by name in the reader's order."""
    select = sa.select(User).where(User.role.in_(STAFF_ROLES)).order_by(User.id)
    if query.strip():
        select = select.where(matching(User.id, query, event_id=None))
    users = db.session.scalars(select).all()
    order = {role: i for i, role in enumerate(STAFF_ROLES)}
    language = reader_language()
    return sorted(
        users,
        key=lambda u: (
            not u.active,
            order[u.role],
            collation_key(u.full_name or u.email, language),
        ),
    )


def staff_account(user_id: int) -> User | None:
    user = db.session.get(User, user_id)
    return user if user is not None and user.role in STAFF_ROLES else None


def latin_form(full_name: str, full_name_latin: str) -> str:
    """The Latin form of a staff member's name: the one given, else spelled from the name."""
    full_name_latin = full_name_latin.strip() or passport_latin(full_name.strip())
    if not is_latin(full_name_latin):
        raise StaffError(_l("Please write the name in Latin letters, as the passport prints it."))
    return full_name_latin[:200]


def invite(email: str, full_name: str, full_name_latin: str, role: Role, by: User) -> User:
    """A new staff account without a password, and the mail with its welcome link."""
    if role not in STAFF_ROLES:
        raise StaffError(_l("Choose one of the staff roles."))
    if find_user(email) is not None:
        raise StaffError(
            _l("An account for %(email)s exists already.", email=normalise_email(email))
        )
    user = User(
        email=normalise_email(email),
        role=role,
        full_name=full_name.strip(),
        full_name_latin=latin_form(full_name, full_name_latin),
        locale=reader_language(),
    )
    db.session.add(user)
    db.session.flush()
    record("account.created", user, actor=by, role=role.value, via="organiser")
    send_welcome(user)
    return user


def send_welcome(user: User) -> None:
    """Mail the account its link to choose a password (again: a new link, the old one works
    too until a password is chosen)."""
    if is_set_up(user):
        raise StaffError(_l("%(email)s has chosen a password already.", email=user.email))
    send_mail(
        user.email,
        "staff_welcome",
        user.locale,
        event=find_current_event(),
        role=user.role,
        days=STAFF_WELCOME.max_age_days,
        url=external_url("staff.welcome", token=STAFF_WELCOME.make(user)),
    )


def is_set_up(user: User) -> bool:
    """Whether the account has chosen a password (an invited one has none until then)."""
    return bool(user.password_hash)


def update(user: User, full_name: str, full_name_latin: str, role: Role, by: User) -> None:
    """Rename the account or change its role. A new role signs the account out everywhere,
    so that what it may do changes at once; door staff's doors go with the role."""
    if role not in STAFF_ROLES:
        raise StaffError(_l("Choose one of the staff roles."))
    if role is not user.role:
        if user.id == by.id:
            raise StaffError(_l("You cannot change your own role: ask another organiser."))
    latin = latin_form(full_name, full_name_latin)
    changes: dict = {}
    renamed = [
        field
        for field, value in (("full_name", full_name.strip()), ("full_name_latin", latin))
        if getattr(user, field) != value
    ]
    if renamed:
        user.full_name, user.full_name_latin = full_name.strip(), latin
        changes["fields"] = renamed
    if role is not user.role:
        changes.update(old=user.role.value, new=role.value)
        user.role = role
        if role is not Role.STAFF:
            user.checkpoints = []
        end_every_session(user)
    if changes:
        record("account.changed", user, actor=by, **changes)


def set_active(user: User, active: bool, by: User) -> bool:
    """Switch the account on or off; off signs it out everywhere and refuses its sign-ins
    and reset links. False when it already was so."""
    if user.active == active:
        return False
    if not active:
        if user.id == by.id:
            raise StaffError(_l("You cannot switch your own account off."))
        end_every_session(user)
    user.active = active
    record("account.activated" if active else "account.deactivated", user, actor=by)
    return True


def reset_two_factor(user: User, by: User) -> None:
    """For a staff member who lost their phone: they enrol again at their next sign-in."""
    if user.id == by.id:
        raise StaffError(
            _l("Switch your own two-factor sign-in off on your sign-in security page.")
        )
    if not has_two_factor(user):
        raise StaffError(_l("%(email)s has no two-factor sign-in.", email=user.email))
    disable_two_factor(user, actor=by)
    end_every_session(user)
