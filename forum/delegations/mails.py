"""The mails of a delegation: the focal point's welcome and a member's invitation."""

from forum.auth.models import User
from forum.delegations.links import make_welcome_token
from forum.delegations.models import Delegation, DelegationMember
from forum.mail import external_url, send_mail
from forum.registration.links import make_invitation_token


def send_focal_point_welcome(delegation: Delegation, user: User, new_account: bool) -> None:
    """Tell the focal point of their delegation: a link to choose a password for a new
    account, the sign-in page for an account they have already."""
    url = (
        external_url("delegations.welcome", token=make_welcome_token(user))
        if new_account
        else external_url("auth.sign_in")
    )
    send_mail(
        user.email,
        "focal_point_welcome",
        user.locale,
        delegation=delegation,
        event=delegation.event,
        new_account=new_account,
        url=url,
        quota=delegation.quota,
    )


def send_focal_point_removed(delegation: Delegation, previous: User) -> None:
    """Tell the previous focal point that the delegation passed to someone else (their
    account stays: it may manage other delegations)."""
    send_mail(
        previous.email,
        "focal_point_removed",
        previous.locale,
        delegation=delegation,
        event=delegation.event,
        successor=delegation.focal_point_name or delegation.focal_point_email,
    )


def send_member_invitation(member: DelegationMember) -> None:
    """The member's personal link to complete (or confirm) their registration."""
    registration = member.registration
    send_mail(
        registration.email,
        "delegation_invitation",
        registration.locale,
        registration=registration,
        delegation=member.delegation,
        event=member.delegation.event,
        on_behalf=member.on_behalf,
        invitation_url=invitation_url(member),
    )


def invitation_url(member: DelegationMember) -> str:
    """The member's personal link (the focal point may hand it over when mail cannot reach)."""
    return external_url(
        "registration.accept_invitation",
        token=make_invitation_token(member.registration.public_id),
    )
