"""The header navigation: which links each role sees. Features add their entries here."""

from dataclasses import dataclass

from flask import Flask, current_app, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from forum.auth.access import EVERYONE
from forum.auth.models import Role
from forum.bilingual import reader_language
from forum.events.services import find_current_event


@dataclass(frozen=True)
class NavEntry:
    endpoint: str
    label: object  # a lazy string
    audience: frozenset


NAV_ENTRIES: list[NavEntry] = [
    NavEntry("main.index", _l("Home"), frozenset({EVERYONE})),
]


# The order of the header links, whatever order the features register in:
# the public pages, then the delegate's, then the staff's work in the order of a forum's life.
NAV_ORDER = [
    "main.index",
    "programme.public_programme",
    "registration.dashboard",
    "programme.my_agenda",
    "matchmaking.home",
    "privacy.my_data",
    "events.edit_texts",
    "questions.editor",
    "delegations.mine",
    "registration.admin_list",
    "delegations.admin_list",
    "vetting.settings_page",
    "programme.admin_schedule",
    "matchmaking.admin_overview",
    "badges.admin_badges",
    "checkin.scanner",
    "checkin.attendance",
    "vetting.people",
    "mailings.index",
    "audit.audit_log",
    "security.two_factor",
]


def add_nav_entry(endpoint: str, label: object, *audience: Role | str) -> None:
    """Show a link to `endpoint` in the header for `audience` (roles, or EVERYONE)."""
    NAV_ENTRIES.append(NavEntry(endpoint, label, frozenset(audience)))
    NAV_ENTRIES.sort(
        key=lambda e: NAV_ORDER.index(e.endpoint) if e.endpoint in NAV_ORDER else len(NAV_ORDER)
    )


def visible_entries() -> list[dict]:
    """The entries for the current user whose endpoints exist in this app."""
    role = current_user.role if current_user.is_authenticated else None
    items = []
    for entry in NAV_ENTRIES:
        if entry.endpoint not in current_app.view_functions:
            continue
        if EVERYONE in entry.audience or role in entry.audience:
            items.append(
                {
                    "url": url_for(entry.endpoint),
                    "label": entry.label,
                    "active": request.endpoint == entry.endpoint,
                }
            )
    return items


def init_app(app: Flask) -> None:
    @app.context_processor
    def navigation_context() -> dict:
        event = find_current_event() if request.endpoint != "static" else None
        return {
            "site_name": event.localized("short_name", reader_language()) if event else "forum",
            "nav_items": visible_entries(),
            "Role": Role,
        }
