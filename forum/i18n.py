"""Language choice (English / Ukrainian) and the Babel set-up."""

from functools import lru_cache

import pycountry
from babel import Locale
from flask import Flask, current_app, has_request_context, request, session
from flask_babel import format_date, format_datetime
from flask_login import current_user

from forum.bilingual import reader_language
from forum.collation import collation_key
from forum.events.services import find_current_event
from forum.extensions import babel

LANGUAGE_NAMES = {"en": "English", "uk": "Українська"}
# Babel locale per language: British English writes dates as "6 May 2024".
BABEL_LOCALES = {"en": "en_GB", "uk": "uk"}
TRANSLATIONS_DIR = "translations"


def select_language() -> str:
    """The language asked for in this session, else the account's, else the browser's."""
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():
        return languages[0]
    chosen = session.get("lang")
    if chosen in languages:
        return chosen
    if getattr(current_user, "is_authenticated", False) and current_user.locale in languages:
        return current_user.locale
    return request.accept_languages.best_match(languages) or languages[0]


def select_locale() -> str:
    language = select_language()
    return BABEL_LOCALES.get(language, language)


def select_timezone() -> str | None:
    """Times are shown in the event's time zone."""
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
    app.add_template_filter(
        lambda d: format_datetime(d, "d MMM yyyy, HH:mm") if d else "", "format_short_datetime"
    )

    @app.context_processor
    def language_context() -> dict:
        return {
            "current_locale": reader_language(),
            "language_names": LANGUAGE_NAMES,
            "languages": app.config["LANGUAGES"],
            "country_name": country_name,
        }


@lru_cache(maxsize=8)
def _country_names(language: str) -> dict[str, str]:
    territories = Locale.parse(BABEL_LOCALES.get(language, language)).territories
    return {
        country.alpha_2: territories.get(country.alpha_2, country.name)
        for country in pycountry.countries
    }


def country_name(code: str, language: str | None = None) -> str:
    """The ISO 3166 country `code` named in `language` (default: the request's)."""
    return _country_names(language or reader_language()).get(code, code)


def country_choices(language: str | None = None) -> list[tuple[str, str]]:
    """(code, name) of every ISO 3166 country, sorted by name in `language`."""
    return list(_sorted_countries(language or reader_language()))


@lru_cache(maxsize=8)
def _sorted_countries(language: str) -> tuple[tuple[str, str], ...]:
    return tuple(sorted(_country_names(language).items(), key=lambda item: collation_key(item[1])))
