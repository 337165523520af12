"""The focal point is mailed when a member's registration moves on: the member confirmed
(or completed) the registration, was accredited, or was refused by the officers.

Registration and vetting know nothing of delegations: they send `registration_moved`
and `registration_accredited` (forum.signals) and this module answers those about a
delegation's current member. The mail is queued in the same transaction (the outbox),
in the focal point's language. A vetting refusal is not mailed: the security service's
answers are for the security officers; the focal point reads "awaiting security
clearance" as long as the member is not cleared.
"""

from forum.delegations.services import membership_of
from forum.mail import external_url, send_mail
from forum.registration.models import Registration, RegistrationState

S = RegistrationState
CONFIRMED, ACCREDITED, REFUSED = "confirmed", "accredited", "refused"


def on_registration_moved(registration: Registration, old=None, new=None, **_kwargs) -> None:
    if old is S.SUBMITTED and new is S.PENDING:
        tell_focal_point(registration, CONFIRMED)
    elif new is S.REJECTED:
        tell_focal_point(registration, REFUSED)


def on_registration_accredited(registration: Registration, **_kwargs) -> None:
    tell_focal_point(registration, ACCREDITED)


def tell_focal_point(registration: Registration, news: str) -> None:
    """Mail the focal point of the member's delegation what happened, if it has one."""
    member = membership_of(registration)
    if member is None or member.replaced_at is not None:
        return
    focal_point = member.delegation.focal_point
    if focal_point is None or not focal_point.active:
        return
    send_mail(
        focal_point.email,
        "delegation_member_news",
        focal_point.locale,
        event=member.delegation.event,
        delegation=member.delegation,
        member_name=registration.full_name,
        news=news,
        on_behalf=member.on_behalf,
        url=external_url("delegations.focal_detail", delegation_id=member.delegation_id),
    )
