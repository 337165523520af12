"""The officers' export jobs: ask for an export, follow it, download it, list recent ones."""

from flask import abort, jsonify, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from werkzeug.wrappers import Response

from forum.auth.access import allow
from forum.auth.models import Role
from forum.bilingual import reader_language
from forum.errors import ForumError
from forum.events.services import current_event
from forum.exports import bp, jobs, tasks
from forum.exports.models import ExportJob
from forum.registration import exports
from forum.registration.admin_views import export_download
from forum.registration.search import ListFilter
from forum.tasks import queue_after_commit

accreditation = allow(Role.OFFICER, Role.ORGANISER)
# A job's state in words, and the colour of its pill (forum.css) on the list.
STATES = {
    "queued": (_l("Waiting for the server"), "pending"),
    "running": (_l("Being written"), "pending"),
    "done": (_l("Ready"), "approved"),
    "failed": (_l("Failed"), "rejected"),
    "deleted": (_l("Deleted"), "withdrawn"),
}


@bp.post("/accreditation/export")
@accreditation
def start() -> Response:
    """The list's export buttons: a small export is downloaded at once, a large one is
    made by the worker and followed on its page."""
    fmt = request.form.get("format", "")
    if fmt not in exports.MIMETYPES:
        raise ForumError(_("Choose CSV or Excel."))
    event, flt = current_event(), ListFilter.from_args(request.form)
    rows = exports.count_rows(event, flt)
    if exports.fits_inline(rows):
        return export_download(event, flt, fmt)
    job = jobs.start(event, flt, fmt, rows, current_user._get_current_object(), reader_language())
    queue_after_commit(tasks.build_export, job.id)
    return redirect(url_for("exports.job", job_id=job.public_id), 303)


@bp.get("/accreditation/exports/")
@accreditation
def recent() -> str:
    rows = [
        (job, STATES[jobs.state_of(job)]) for job in jobs.recent_jobs(current_event(), current_user)
    ]
    return render_template(
        "exports/recent.html", rows=rows, everyone=current_user.role == Role.ORGANISER
    )


@bp.get("/accreditation/exports/<job_id>")
@accreditation
def job(job_id: str) -> str:
    export = _job_or_404(job_id)
    return render_template("exports/job.html", job=export, state=jobs.state_of(export))


@bp.get("/accreditation/exports/<job_id>.json")
@accreditation
def job_status(job_id: str) -> Response:
    export = _job_or_404(job_id)
    state = jobs.state_of(export)
    return jsonify(
        state=state,
        rows=export.rows,
        download=url_for("exports.download", job_id=job_id) if state == "done" else None,
    )


@bp.get("/accreditation/exports/<job_id>/download")
@accreditation
def download(job_id: str) -> Response | tuple[str, int]:
    export = _job_or_404(job_id)
    body = jobs.open_export(export)
    if body is None:
        if jobs.state_of(export) == "deleted":
            return render_template("exports/job.html", job=export, state="deleted"), 410
        return redirect(url_for("exports.job", job_id=job_id))
    jobs.record_download(export)
    response = send_file(
        body,
        mimetype=exports.MIMETYPES[export.format].split(";")[0],  # send_file adds the charset
        as_attachment=True,
        download_name=f"registrations.{export.format}",
    )
    response.headers["Cache-Control"] = "private, no-store"
    return response


def _job_or_404(job_id: str) -> ExportJob:
    """Another event's job is not found; another officer's is forbidden."""
    export = jobs.find_job(current_event(), job_id)
    if export is None:
        abort(404)
    if not jobs.may_see(export, current_user):
        abort(403)
    return export
