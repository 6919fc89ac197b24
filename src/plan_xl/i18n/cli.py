"""Command-line strings."""

MESSAGES: dict[str, dict[str, str]] = {
    "cli.interrupted": {"nl": "Onderbroken.", "en": "Interrupted."},
    "cli.unexpected": {
        "nl": "Er liep iets onverwacht mis. Details staan in het logbestand: {log}",
        "en": "Something unexpected went wrong. Details are in the log file: {log}",
    },
}
