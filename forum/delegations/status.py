"""Where a delegation's member stands, in the plain words a focal point reads."""

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from forum.delegations.models import DelegationMember
from forum.registration.models import RegistrationState

S = RegistrationState


@dataclass(frozen=True)
class MemberStatus:
    pill: str  # the pill's colour: a registration state's value
    text: str


def member_status(member: DelegationMember, for_focal_point: bool = True) -> MemberStatus:
    """A member's state as the focal point (or the staff) needs to read it: what happens next."""
    registration = member.registration
    state = registration.state
    if member.replaced_at is not None:
        return MemberStatus("withdrawn", str(_l("Replaced")))
    if state is S.SUBMITTED:
        if member.on_behalf:
            return MemberStatus(
                "submitted",
                str(_l("Registered by you: awaiting their confirmation"))
                if for_focal_point
                else str(_l("Registered by the focal point: awaiting their confirmation")),
            )
        return MemberStatus("submitted", str(_l("Invited: registration not completed yet")))
    if registration.awaiting_clearance:
        return MemberStatus("pending", str(_l("Approved: awaiting security clearance")))
    return MemberStatus(state.value, state.label)


@dataclass(frozen=True)
class MemberRow:
    member: DelegationMember
    status: MemberStatus


def member_rows(members: list[DelegationMember], for_focal_point: bool = True) -> list[MemberRow]:
    return [MemberRow(member, member_status(member, for_focal_point)) for member in members]
