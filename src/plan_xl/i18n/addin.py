"""Strings of the add-in builder (``plan-xl addin``)."""

MESSAGES: dict[str, dict[str, str]] = {
    "addin.written": {
        "nl": "Add-in geschreven: {path}",
        "en": "Add-in written: {path}",
    },
    "addin.interpreter": {
        "nl": "Excel start deze Python: {interpreter}",
        "en": "Excel starts this Python: {interpreter}",
    },
    "addin.no_interpreter": {
        "nl": "Geen Python-interpreter ingesteld: de add-in volgt de xlwings-instellingen "
        "van de gebruiker.",
        "en": "No Python interpreter set: the add-in follows the user's xlwings settings.",
    },
    "addin.install_hint": {
        "nl": "Installeren: zie docs/addin.md (Windows en macOS).",
        "en": "Installing: see docs/addin.md (Windows and macOS).",
    },
    "addin.macros_missing": {
        "nl": "De VBA-bronnen van de add-in ontbreken ({path}). Geef de map met --macros.",
        "en": "The add-in's VBA sources are missing ({path}). Pass the folder with --macros.",
    },
    "addin.xlwings_vba_missing": {
        "nl": "De VBA-module van xlwings staat niet in het geïnstalleerde xlwings-pakket "
        "({path}). Installeer xlwings opnieuw.",
        "en": "xlwings' VBA module is not in the installed xlwings package ({path}). "
        "Reinstall xlwings.",
    },
    "addin.macro_encoding": {
        "nl": "{path} bevat tekens die VBA niet kan opslaan (alleen Windows-1252 kan).",
        "en": "{path} holds characters VBA cannot store (only Windows-1252 can).",
    },
    "addin.ribbon_invalid": {
        "nl": "Het lint ({path}) is geen geldige customUI-XML: {reason}",
        "en": "The ribbon ({path}) is not valid customUI XML: {reason}",
    },
    "addin.pyopenvba_missing": {
        "nl": 'Voor de add-in is pyOpenVBA nodig: pip install "plan-xl[addin]".',
        "en": 'Building the add-in needs pyOpenVBA: pip install "plan-xl[addin]".',
    },
    "addin.write_failed": {
        "nl": "De add-in kon niet geschreven worden naar {path}: {reason}",
        "en": "The add-in could not be written to {path}: {reason}",
    },
}
