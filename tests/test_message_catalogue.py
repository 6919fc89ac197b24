"""The message catalogue: every text a user reads exists in Dutch and English alike."""

from __future__ import annotations

import string

from plan_xl.i18n import LANGS, _catalogue, t

CATALOGUE = _catalogue()


def placeholders(template: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(template) if field}


def test_the_catalogue_holds_every_area() -> None:
    areas = {key.split(".", 1)[0] for key in CATALOGUE}
    assert {"reader", "validate", "batch", "template", "excel"} <= areas


def test_every_message_has_dutch_and_english_with_the_same_placeholders() -> None:
    wrong = []
    for key, texts in CATALOGUE.items():
        if set(texts) != set(LANGS) or not all(texts[lang].strip() for lang in LANGS):
            wrong.append(f"{key}: languages {sorted(texts)}")
        elif placeholders(texts["nl"]) != placeholders(texts["en"]):
            wrong.append(f"{key}: {placeholders(texts['nl'])} vs {placeholders(texts['en'])}")
    assert not wrong, "\n".join(wrong)


def test_every_message_formats_with_its_own_placeholders() -> None:
    wrong = []
    for key, texts in CATALOGUE.items():
        params = {name: f"<{name}>" for name in placeholders(texts["nl"])}
        for lang in LANGS:
            text = t(key, lang, **params)
            if "{" in text.replace("{{", ""):
                wrong.append(f"{key} ({lang}): {text}")
    assert not wrong, "\n".join(wrong)
