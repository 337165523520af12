"""Language choice (English / Ukrainian) and the Babel set-up."""

from flask import Flask, current_app, request, session
from flask_babel import format_date, format_datetime, get_locale
from flask_login import current_user

from forum.extensions import babel

LANGUAGE_NAMES = {"en": "English", "uk": "Українська"}
# Babel locale per language: British English writes dates as "6 May 2024".
BABEL_LOCALES = {"en": "en_GB", "uk": "uk"}
TRANSLATIONS_DIR = "translations"


def select_language() -> str:
    """The language asked for in this session, else the account's, else the browser's."""
    languages = current_app.config["LANGUAGES"]
    chosen = session.get("lang")
    if chosen in languages:
        return chosen
    if getattr(current_user, "is_authenticated", False) and current_user.locale in languages:
        return current_user.locale
    return request.accept_languages.best_match(languages) or languages[0]


def select_locale() -> str:
    language = select_language()
    return BABEL_LOCALES.get(language, language)


def current_language() -> str:
    """'en' or 'uk': the language of this request, for templates and e-mails."""
    locale = get_locale()
    return locale.language if locale else "en"


def select_timezone() -> str | None:
    """Times are shown in the event's time zone."""
    from forum.events.services import find_current_event

    event = find_current_event()
    return event.timezone if event else None


def init_app(app: Flask) -> None:
    babel.init_app(
        app,
        locale_selector=select_locale,
        timezone_selector=select_timezone,
        default_translation_directories=TRANSLATIONS_DIR,
    )

    app.add_template_filter(lambda d: format_date(d, "long"), "format_long_date")
    app.add_template_filter(lambda d: format_datetime(d, "long"), "format_long_datetime")

    @app.context_processor
    def language_context() -> dict:
        return {
            "current_locale": current_language(),
            "language_names": LANGUAGE_NAMES,
            "languages": app.config["LANGUAGES"],
        }
