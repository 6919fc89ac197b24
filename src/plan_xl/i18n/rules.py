"""Strings of ``plan-xl rules`` and the generated rules page (docs/rules.md)."""

MESSAGES: dict[str, dict[str, str]] = {
    "rules.group.workbook": {"nl": "Werkmapstructuur", "en": "Workbook structure"},
    "rules.group.maturity": {"nl": "Maturiteit (tblThemas)", "en": "Maturity (tblThemas)"},
    "rules.group.actions": {"nl": "MJP-acties (tblActies)", "en": "MJP actions (tblActies)"},
    "rules.group.projects": {
        "nl": "Projectlijnen (tblProjectlijnen)",
        "en": "Project lines (tblProjectlijnen)",
    },
    "rules.group.budget": {"nl": "Budget als geheel", "en": "Budget as a whole"},
    "rules.group.internal": {"nl": "plan-xl zelf", "en": "plan-xl itself"},
    "rules.header.code": {"nl": "Code", "en": "Code"},
    "rules.header.severity": {"nl": "Ernst", "en": "Severity"},
    "rules.header.title": {"nl": "Titel", "en": "Title"},
    "rules.count": {"nl": "{count} controles.", "en": "{count} checks."},
    "rules.bad_format": {
        "nl": "Onbekend formaat '{value}': kies text of markdown.",
        "en": "Unknown format '{value}': choose text or markdown.",
    },
    "rules.doc.title": {"nl": "plan-xl — controles", "en": "plan-xl — checks"},
    "rules.doc.generated": {
        "nl": "Deze pagina wordt gegenereerd met `plan-xl rules --format markdown`; pas ze "
        "niet met de hand aan.",
        "en": "This page is generated with `plan-xl rules --format markdown`; do not edit it "
        "by hand.",
    },
    "rules.doc.intro": {
        "nl": "Elke melding heeft een vaste code, een ernst (fout, waarschuwing, info), het "
        "blad en de cel waarover ze gaat en een onderwerp. Drempels (toleranties, maximale "
        "stappen, onbalans) komen uit tblInstellingen. Codes krijgen nooit een andere "
        "betekenis.",
        "en": "Every finding has a stable code, a severity (error, warning, info), the sheet "
        "and cell it is about and a subject. Thresholds (tolerances, maximum steps, "
        "imbalance) come from tblInstellingen. Codes are never reused for another meaning.",
    },
    "rules.doc.severity": {"nl": "Ernst", "en": "Severity"},
    "rules.doc.english": {"nl": "In het Engels", "en": "In Dutch"},
}
