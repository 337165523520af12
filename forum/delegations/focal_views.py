"""The focal point's pages: their delegation, its members, invitations and replacements.

A focal point sees only the delegations they are the focal point of: any other
delegation (or member) is a 404, as if it did not exist.
"""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from werkzeug.wrappers import Response

from forum.auth.access import allow, public
from forum.auth.models import Role
from forum.auth.welcome import first_password_page
from forum.bilingual import reader_language
from forum.delegations import mails, members, services
from forum.delegations.forms import MemberForm, OnBehalfForm
from forum.delegations.links import read_welcome_token
from forum.delegations.models import Delegation, DelegationMember
from forum.delegations.status import member_rows
from forum.delegations.views import bp
from forum.events.services import current_event
from forum.extensions import db
from forum.main.navigation import add_nav_entry
from forum.matchmaking.setup import is_open
from forum.questions.errors import AnswerError
from forum.questions.registration_form import (
    answers_form_for,
    both_valid,
    hold_files,
    save_from_form,
)
from forum.registration.forms import ConfirmForm
from forum.registration.models import RegistrationState

focal_point_only = allow(Role.FOCAL_POINT)
add_nav_entry("delegations.mine", _l("My delegation"), Role.FOCAL_POINT)


@bp.get("/my/delegation")
@focal_point_only
def mine() -> str | Response:
    own = services.delegations_of(_me(), current_event())
    if len(own) == 1:
        return redirect(url_for("delegations.focal_detail", delegation_id=own[0].id))
    return render_template("delegations/mine.html", delegations=own)


@bp.get("/my/delegation/<int:delegation_id>")
@focal_point_only
def focal_detail(delegation_id: int) -> str:
    delegation = _own_delegation(delegation_id)
    people = services.members_of(delegation)
    return render_template(
        "delegations/focal_detail.html",
        delegation=delegation,
        rows=member_rows(people),
        used=services.places_used(delegation),
        by_category=services.places_by_category(delegation),
        # A member registered on their behalf may have no mailbox at hand: the focal point
        # can hand over the personal link to confirm.
        links={
            m.id: mails.invitation_url(m)
            for m in people
            if m.on_behalf and m.registration.state is RegistrationState.SUBMITTED
        },
        remove_form=ConfirmForm(),
        S=RegistrationState,
        matchmaking_open=is_open(delegation.event),
    )


@bp.route("/my/delegation/<int:delegation_id>/invite", methods=["GET", "POST"])
@focal_point_only
def invite(delegation_id: int) -> str | Response:
    return _member_page(_own_delegation(delegation_id), on_behalf=False)


@bp.route("/my/delegation/<int:delegation_id>/register", methods=["GET", "POST"])
@focal_point_only
def register_on_behalf(delegation_id: int) -> str | Response:
    return _member_page(_own_delegation(delegation_id), on_behalf=True)


@bp.route(
    "/my/delegation/<int:delegation_id>/members/<int:member_id>/replace", methods=["GET", "POST"]
)
@focal_point_only
def replace(delegation_id: int, member_id: int) -> str | Response:
    delegation = _own_delegation(delegation_id)
    member = _own_member(delegation, member_id)
    if member.replaced_at is not None:
        flash(_("This member was replaced already."), "info")
        return redirect(url_for("delegations.focal_detail", delegation_id=delegation.id))
    return _member_page(delegation, on_behalf=False, replacing=member)


@bp.post("/my/delegation/<int:delegation_id>/members/<int:member_id>/remove")
@focal_point_only
def remove(delegation_id: int, member_id: int) -> Response:
    delegation = _own_delegation(delegation_id)
    member = _own_member(delegation, member_id)
    if ConfirmForm().validate_on_submit():
        # A DelegationError (no place held any more) is flashed by the error handler.
        members.remove_member(member, _me())
        flash(
            _(
                "%(name)s no longer has a place in the delegation.",
                name=member.registration.full_name,
            ),
            "success",
        )
    return redirect(url_for("delegations.focal_detail", delegation_id=delegation.id))


@bp.route("/delegation/welcome/<token>", methods=["GET", "POST"])
@public
def welcome(token: str) -> str | Response | tuple[str, int]:
    """A new focal point chooses a password with the link from their welcome mail."""
    return first_password_page(
        read_welcome_token(token), "delegations/welcome.html", "delegations/welcome_refused.html"
    )


def _member_page(
    delegation: Delegation, on_behalf: bool, replacing: DelegationMember | None = None
) -> str | Response:
    form_class = OnBehalfForm if on_behalf else MemberForm
    offered = services.categories_offered(delegation)
    defaults = {"country": delegation.country, "locale": reader_language()}
    if replacing is not None:
        defaults["category"] = replacing.registration.category.value
    form = form_class(offered, data=None if request.method == "POST" else defaults)
    # Registering on their behalf, the focal point answers the organisers' questions too (the
    # member sees and may change the answers, and gives any consent, when they confirm); an
    # invited member answers them when they complete their registration.
    answers_form = (
        answers_form_for(delegation.event, form, category=form.category.data, consents=False)
        if on_behalf and replacing is None
        else None
    )
    valid = (
        both_valid(form, answers_form) if answers_form is not None else form.validate_on_submit()
    )
    if valid:
        try:
            if replacing is not None:
                member = members.replace_member(replacing, form.person(), _me())
            else:
                member = members.invite_member(delegation, form.person(), _me(), on_behalf)
                if answers_form is not None:
                    save_from_form(member.registration, answers_form, actor=_me())
        except services.DelegationError as error:
            db.session.rollback()
            form.form_errors.extend(error.messages)
        except AnswerError as error:  # a choice full at the last moment, a file refused
            db.session.rollback()
            answers_form.add_error(error.question_id, str(error))
            hold_files(answers_form)
        else:
            flash(_done_message(member, replacing), "success")
            return redirect(url_for("delegations.focal_detail", delegation_id=delegation.id))
    return render_template(
        "delegations/member_form.html",
        form=form,
        delegation=delegation,
        on_behalf=on_behalf,
        replacing=replacing,
        answers_form=answers_form,
        used=services.places_used(delegation),
    )


def _done_message(member: DelegationMember, replacing: DelegationMember | None) -> str:
    name = member.registration.full_name
    if replacing is not None:
        return _(
            "%(new)s takes the place of %(old)s, whose badge no longer opens any door. "
            "%(new)s has been sent a personal link to complete the registration.",
            new=name,
            old=replacing.registration.full_name,
        )
    if member.on_behalf:
        return _(
            "%(name)s is registered. They have been sent a personal link to check and confirm "
            "their registration; you can also hand it to them.",
            name=name,
        )
    return _("%(name)s has been sent a personal link to complete the registration.", name=name)


def _own_delegation(delegation_id: int) -> Delegation:
    delegation = db.session.get(Delegation, delegation_id)
    if (
        delegation is None
        or delegation.focal_point_id != current_user.id
        or delegation.event_id != current_event().id
    ):
        abort(404)
    return delegation


def _own_member(delegation: Delegation, member_id: int) -> DelegationMember:
    member = db.session.get(DelegationMember, member_id)
    if member is None or member.delegation_id != delegation.id:
        abort(404)
    return member


def _me():
    return current_user._get_current_object()
