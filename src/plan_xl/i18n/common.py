"""Strings shared by several ways in."""

MESSAGES: dict[str, dict[str, str]] = {
    "severity.error": {"nl": "Fout", "en": "Error"},
    "severity.warning": {"nl": "Waarschuwing", "en": "Warning"},
    "severity.info": {"nl": "Info", "en": "Info"},
    "io.write_failed": {
        "nl": "{file} kon niet geschreven worden: {reason}",
        "en": "{file} could not be written: {reason}",
    },
}
