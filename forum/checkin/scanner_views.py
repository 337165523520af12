"""The door scanner's own pages: the scanner (a full screen for staff, organisers and
paired phones), its service worker and its web app manifest."""

import json
from pathlib import Path

from flask import Response, jsonify, render_template, url_for
from flask_babel import gettext as _
from flask_wtf.csrf import generate_csrf

from forum.checkin import bp, messages, services
from forum.checkin.callers import SIGNED_OUT, current_caller, scanner_page
from forum.checkin.models import DeviceToken
from forum.events.services import current_event
from forum.extensions import db
from forum.registration.models import CATEGORY_LABELS
from forum.translit import search_key_table

SCRIPTS = Path(__file__).resolve().parents[2] / "static" / "js"
SW_SOURCE = SCRIPTS / "scanner-sw.js"
# The scanner's script is an ES module (js/scanner.js) importing every file of this folder.
SCANNER_MODULES = SCRIPTS / "scanner"


def scanner_texts() -> dict:
    """The words the scanner's JavaScript shows, in the staff member's language."""
    return {
        "green": _("Welcome"),
        "amber": _("Already inside"),
        "red": _("Refused"),
        "exit": _("Goodbye"),
        "online": _("Online"),
        "offline": _("Offline"),
        "waiting": _("%(num)s waiting", num="{n}"),
        "offlineAnswer": _("Offline: checked against the list downloaded at %(time)s.", time="{t}"),
        "noList": _("Offline and no list for this door: let in only with an organiser's word."),
        "unknownOffline": _(
            "Not on this door's list: not admitted here (send to the accreditation desk), "
            "or a forged, old or unreadable code."
        ),
        "signOutQueued": _(
            "Scans not sent yet: %(num)s. Signing out deletes them. Sign out anyway?", num="{n}"
        ),
        "insideOffline": _("Already let in by this scanner at %(time)s.", time="{t}"),
        "cameraOff": _("Camera off"),
        "cameraOn": _("Camera on"),
        "cameraDenied": _("The camera is not available. Use the scanner field or the search."),
        "searchShort": _("Type at least 3 letters of the name."),
        "searchNone": _("Nobody found."),
        "confirm": _("Let %(name)s in?", name="{name}"),
        "confirmOut": _("Record the exit of %(name)s?", name="{name}"),
        "annulled": _("The last scan was annulled."),
        "inside": _("Inside now: %(num)s", num="{n}"),
        "insideOf": _("Inside now: %(num)s of %(capacity)s", num="{n}", capacity="{c}"),
        "error": _("The server did not answer. The scan was kept and will be sent again."),
        "notAllowed": _("Not admitted here"),
        "reload": _("sign in again or reload the page to send them"),
        "signedOut": str(SIGNED_OUT),
        "pairingCode": _("Pairing code"),
        "pairingHere": _(
            "This QR code pairs a phone with a scanning device. This scanner is signed in "
            "already: to pair it with the device, sign it out first (Menu)."
        ),
        "directionIn": _("In"),
        "directionOut": _("Out"),
        "outsideHoursOffline": _(
            "This door is not open for entry now. Its opening hours: %(hours)s.", hours="{hours}"
        ),
        "searchOffline": _("No network: searched this door's list (only people it admits)."),
        "searchNoList": _("No network and no list for this door: the search needs one."),
        **{f"reason_{reason}": str(text) for reason, text in messages.REASON_LABELS.items()},
    }


@bp.get("/scanner/")
@scanner_page
def scanner() -> str:
    """The scanner, a screen of its own: the door and direction at the top, then scanning
    with the camera, a handheld scanner (keyboard wedge) or a name search."""
    event = current_event()
    caller = current_caller()
    device = db.session.get(DeviceToken, caller.device_token_id) if caller.device_token_id else None
    return render_template(
        "checkin/scanner.html",
        event=event,
        checkpoints=services.checkpoints_for(event, caller),
        device=device,
        texts=scanner_texts(),
        categories={c.value: str(label) for c, label in CATEGORY_LABELS.items()},
        translit=search_key_table(),
        csrf=generate_csrf(),
    )


@bp.get("/scanner/sw.js")
@scanner_page
def service_worker() -> Response:
    """The service worker, served under /scanner/ so that its scope is the scanner."""
    shell = [
        url_for("checkin.scanner"),
        url_for("checkin.manifest"),
        url_for("static", filename="css/forum.css"),
        url_for("static", filename="css/scanner.css"),
        url_for("static", filename="js/scanner.js"),
        url_for("static", filename="js/passport-latin.js"),  # imported by scanner/search-key.js
        *(
            url_for("static", filename=f"js/scanner/{module.name}")
            for module in sorted(SCANNER_MODULES.glob("*.js"))
        ),
        url_for("static", filename="vendor/jsqr/jsQR.js"),
        url_for("static", filename="img/mark.svg"),
    ]
    source = f"self.SCANNER_SHELL = {json.dumps(shell)};\n" + SW_SOURCE.read_text("utf-8")
    response = Response(source, mimetype="text/javascript")
    response.headers["Cache-Control"] = "no-cache"
    response.headers["Service-Worker-Allowed"] = url_for("checkin.scanner")
    return response


@bp.get("/scanner/manifest.webmanifest")
@scanner_page
def manifest() -> Response:
    """The web app manifest: the scanner can be installed on a phone's home screen."""
    event = current_event()
    body = {
        "name": _("%(event)s door scanner", event=event.short_name),
        "short_name": _("Scanner"),
        "start_url": url_for("checkin.scanner"),
        "scope": url_for("checkin.scanner"),
        "display": "standalone",
        "orientation": "portrait",
        "background_color": "#0b1f3a",
        "theme_color": "#0b1f3a",
        "icons": [
            {
                "src": url_for("static", filename="img/mark.svg"),
                "sizes": "any",
                "type": "image/svg+xml",
                "purpose": "any",
            }
        ],
    }
    response = jsonify(body)
    response.mimetype = "application/manifest+json"
    return response
