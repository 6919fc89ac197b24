"""The message catalogue for everything a user reads outside rule messages.

Each area keeps its strings in its own module here (``cli``, ``template``,
``batch``, ``excel`` ...) as ``MESSAGES = {key: {"nl": ..., "en": ...}}``;
:func:`t` looks a key up in all of them. Rule messages live with their rules
in :mod:`plan_xl.rules`. Dutch (nl-BE) is the default.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache
from typing import Any

DEFAULT_LANG = "nl"
LANGS = ("nl", "en")


@cache
def _catalogue() -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for key, texts in getattr(module, "MESSAGES", {}).items():
            if key in merged:
                raise ValueError(f"message key {key!r} defined twice")
            merged[key] = texts
    return merged


def normalise_lang(lang: str | None) -> str:
    lang = (lang or DEFAULT_LANG).strip().lower()[:2]
    return lang if lang in LANGS else DEFAULT_LANG


def t(key: str, lang: str | None = None, /, **params: Any) -> str:
    """The text for ``key`` in ``lang`` (Dutch when missing), formatted."""
    texts = _catalogue()[key]
    template = texts.get(normalise_lang(lang)) or texts[DEFAULT_LANG]
    return template.format(**params) if params else template
