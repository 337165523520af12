"""Scanning devices: the organisers' device-token page (make, pair a phone, revoke) and the
phone's side of pairing (the pairing page, signing the phone out).

How pairing works and why the QR code holds a one-time code, not the token:
forum.checkin.pairing.
"""

from datetime import timedelta

import sqlalchemy as sa
from flask import Response, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import format_time
from flask_babel import gettext as _
from flask_login import current_user

from forum.auth.access import allow, public
from forum.auth.models import Role
from forum.auth.sessions import end_session
from forum.checkin import bp, pairing
from forum.checkin.callers import paired_device
from forum.checkin.devices import create_device_token, device_tokens, revoke_device_token
from forum.checkin.forms import DeviceTokenForm
from forum.checkin.models import Checkpoint, DeviceToken
from forum.db import utcnow
from forum.events.services import current_event
from forum.extensions import db
from forum.mail import external_url
from forum.security.twofactor import qr_code_data_uri


def _pairing_shown(device: DeviceToken, code: str) -> dict:
    """What the page shows for a new pairing code: its link as a QR code, until when."""
    link = external_url("checkin.pair") + "#" + code
    until = utcnow() + pairing.CODE_LIFETIME - timedelta(seconds=1)
    return {
        "device": device,
        "link": link,
        "qr": qr_code_data_uri(link),
        "until": format_time(until, "HH:mm"),
    }


def _devices_page(form: DeviceTokenForm, new_token: str | None = None, shown=None) -> Response:
    response = Response(
        render_template(
            "checkin/devices.html",
            event=current_event(),
            form=form,
            devices=device_tokens(),
            new_token=new_token,
            pairing=shown,
        )
    )
    # The new token and the pairing code are on this page.
    response.headers["Cache-Control"] = "no-store"
    return response


def _event_checkpoints() -> list[Checkpoint]:
    return list(
        db.session.scalars(
            sa.select(Checkpoint)
            .where(Checkpoint.event_id == current_event().id)
            .order_by(Checkpoint.session_id.is_not(None), Checkpoint.name)
        )
    )


@bp.route("/scanner/devices", methods=["GET", "POST"])
@allow(Role.ORGANISER)
def devices() -> Response:
    """Device tokens: make one (shown once, with a QR code that pairs a phone), pair more
    phones, revoke."""
    checkpoints = _event_checkpoints()
    form = DeviceTokenForm(checkpoints)
    if not form.validate_on_submit():
        return _devices_page(form)
    chosen = [c for c in checkpoints if c.id in set(form.checkpoints.data)]
    device, token = create_device_token(form.name.data, chosen, current_user)
    code = pairing.start_pairing(device, current_user)
    return _devices_page(
        DeviceTokenForm(checkpoints, formdata=None), token, _pairing_shown(device, code)
    )


@bp.post("/scanner/devices/<int:device_id>/pair")
@allow(Role.ORGANISER)
def pair_device(device_id: int) -> Response:
    """A new one-time pairing code for an existing token (another phone, a phone reset)."""
    device = db.get_or_404(DeviceToken, device_id)
    code = pairing.start_pairing(device, current_user)  # PairingError: flashed
    form = DeviceTokenForm(_event_checkpoints(), formdata=None)
    return _devices_page(form, shown=_pairing_shown(device, code))


@bp.post("/scanner/devices/<int:device_id>/revoke")
@allow(Role.ORGANISER)
def revoke_device(device_id: int) -> Response:
    device = db.get_or_404(DeviceToken, device_id)
    if revoke_device_token(device, current_user):
        flash(
            _(
                "The token of %(name)s was revoked; phones paired with it are signed out.",
                name=device.name,
            ),
            "success",
        )
    else:
        flash(_("This token was already revoked."), "warning")
    return redirect(url_for("checkin.devices"))


@bp.get("/scanner/pair")
@public
def pair() -> Response | str:
    """The phone's pairing page: it reads the pairing QR code with the camera (or takes a
    code or token typed in) and sends it; the page's script also sends a code that came
    in the link's fragment, when the phone's own camera app opened the link."""
    if paired_device() is not None:
        return redirect(url_for("checkin.scanner"))
    return render_template("checkin/pair.html", signed_in=current_user.is_authenticated)


@bp.post("/scanner/pair")
@public
def redeem_pairing() -> Response:
    """Exchange the code for a device session: the phone scans as the device from now on.

    A staff member signed in on this browser is signed out first: the phone is the
    device's now. A code that does not work is said so on the pairing page.
    """
    try:
        device, secret = pairing.redeem(request.form.get("code", ""))
    except pairing.PairingError as error:
        db.session.rollback()
        flash(error.message, "error")
        return redirect(url_for("checkin.pair"))
    if current_user.is_authenticated:
        end_session()
    flash(_("This phone now scans as %(name)s.", name=device.name), "success")
    response = redirect(url_for("checkin.scanner"))
    response.set_cookie(
        pairing.COOKIE_NAME,
        secret,
        max_age=int(pairing.SESSION_LIFETIME.total_seconds()),
        path="/",
        httponly=True,
        secure=current_app.config["SESSION_COOKIE_SECURE"] or request.is_secure,
        samesite="Lax",
    )
    return response


@bp.post("/scanner/device/sign-out")
@public
def sign_out_device() -> Response:
    """Sign this phone out of its device: the session ends, the cookie and the phone's
    stored lists and pages go."""
    secret = request.cookies.get(pairing.COOKIE_NAME)
    if secret:
        pairing.end_session(secret)
    g.forget_paired_phone = True
    flash(_("This phone is signed out."), "success")
    return redirect(url_for("checkin.pair"))
