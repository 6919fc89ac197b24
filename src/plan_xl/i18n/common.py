"""Strings shared by several ways in."""

MESSAGES: dict[str, dict[str, str]] = {
    "severity.error": {"nl": "Fout", "en": "Error"},
    "severity.warning": {"nl": "Waarschuwing", "en": "Warning"},
    "severity.info": {"nl": "Info", "en": "Info"},
}
