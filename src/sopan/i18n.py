"""Translations for the pure core (no Django import).

Source strings (msgids) are written in Bahasa Indonesia, the product's first language; the
English catalogue in ``sopan/locale/en`` translates them. Django reads the same catalogues
(domain ``django``), so one ``make messages`` covers the web app, the CLI and the core.

Mark a string for extraction with :func:`gettext_noop` where it is defined and translate it
with :func:`translate` where it is shown.
"""

from __future__ import annotations

import gettext as _gettext
from functools import cache
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"


def gettext_noop(message: str) -> str:
    """Mark ``message`` for the catalogue without translating it now."""
    return message


@cache
def _catalogue(lang: str) -> _gettext.NullTranslations:
    if lang == DEFAULT_LANGUAGE:
        return _gettext.NullTranslations()
    return _gettext.translation("django", LOCALE_DIR, languages=[lang], fallback=True)


def normalise_language(lang: str | None) -> str:
    """``en_US.UTF-8`` → ``en``; anything unknown → Indonesian."""
    if not lang:
        return DEFAULT_LANGUAGE
    short = lang.replace("-", "_").split("_")[0].split(".")[0].lower()
    return short if short in LANGUAGES else DEFAULT_LANGUAGE


def translate(message: str, lang: str | None = None, /, **params: object) -> str:
    """Translate an Indonesian msgid into ``lang`` and fill ``{name}`` placeholders."""
    text = _catalogue(normalise_language(lang)).gettext(message)
    return text.format(**params) if params else text
