"""Strings a user reads in Excel: message boxes and status lines of the add-in."""

MESSAGES: dict[str, dict[str, str]] = {
    "excel.title": {"nl": "Plan-XL", "en": "Plan-XL"},
    "excel.action.validate": {"nl": "de validatie", "en": "validation"},
    "excel.action.budget": {"nl": "het budgetoverzicht", "en": "the budget summary"},
    "excel.action.clear": {"nl": "het wissen van de waarschuwingen", "en": "clearing warnings"},
    "excel.action.about": {"nl": "Over Plan-XL", "en": "About Plan-XL"},
    "excel.unexpected": {
        "nl": "Er ging iets mis bij {action}. Bezorg het logbestand aan uw contactpersoon: {log}",
        "en": "Something went wrong during {action}. "
        "Please send the log file to your contact person: {log}",
    },
    "excel.failed": {
        "nl": "{action} is niet gelukt: {reason}",
        "en": "{action} failed: {reason}",
    },
    "excel.no_workbook": {
        "nl": "Plan-XL vindt geen open werkmap. Open de werkmap en klik opnieuw.",
        "en": "Plan-XL cannot find an open workbook. Open the workbook and click again.",
    },
    "excel.table_missing": {
        "nl": "De tabel {table} ontbreekt op het blad {sheet}. Gebruik een Plan-XL-sjabloon "
        "of herstel de tabel.",
        "en": "The table {table} is missing on sheet {sheet}. Use a Plan-XL template "
        "or restore the table.",
    },
    "excel.sheet_protected": {
        "nl": "Het blad {sheet} is beveiligd met een wachtwoord. Hef de beveiliging op "
        "(Controleren > Beveiliging blad opheffen) en probeer het opnieuw.",
        "en": "The sheet {sheet} is protected with a password. Unprotect it "
        "(Review > Unprotect Sheet) and try again.",
    },
    "excel.status.validated": {
        "nl": "Plan-XL: {error} fout(en), {warning} waarschuwing(en), {info} info. "
        "Zie het blad Controles.",
        "en": "Plan-XL: {error} error(s), {warning} warning(s), {info} info. "
        "See the Controles sheet.",
    },
    "excel.status.budget": {
        "nl": "Plan-XL: het budgetoverzicht is bijgewerkt.",
        "en": "Plan-XL: the budget summary is up to date.",
    },
    "excel.status.cleared": {
        "nl": "Plan-XL: de waarschuwingen en controles zijn gewist.",
        "en": "Plan-XL: warnings and checks were cleared.",
    },
    "excel.about": {
        "nl": "Plan-XL {version}\nSjabloonversie {template_version}\n"
        "Python {python}, xlwings {xlwings}\nLogbestand: {log}",
        "en": "Plan-XL {version}\nTemplate version {template_version}\n"
        "Python {python}, xlwings {xlwings}\nLog file: {log}",
    },
}
