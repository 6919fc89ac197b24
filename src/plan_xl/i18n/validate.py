"""Strings of validation output: the annotated copy, text report and demo."""

MESSAGES: dict[str, dict[str, str]] = {
    # Budgetoverzicht sheet
    "budget.sheet_title": {
        "nl": "Budgetoverzicht (ingevuld door plan-xl; wordt bij elke controle vervangen)",
        "en": "Budget overview (filled by plan-xl; replaced on every check)",
    },
    "budget.by_theme": {"nl": "Budget per thema en jaar", "en": "Budget per theme and year"},
    "budget.by_action": {
        "nl": "Per actie: raming MJP, projectlijnen en verschil",
        "en": "Per action: MJP estimate, project lines and difference",
    },
    "budget.by_cost_type": {"nl": "Per kostensoort en jaar", "en": "Per cost type and year"},
    "budget.by_budget_type": {"nl": "Per budgettype en jaar", "en": "Per budget type and year"},
    "budget.by_stakeholder": {
        "nl": "Per stakeholder (ramingen van de acties)",
        "en": "Per stakeholder (action estimates)",
    },
    "budget.by_policy": {"nl": "Per beleid", "en": "Per policy"},
    "budget.recurring_share": {
        "nl": "Aandeel recurrente kosten per jaar",
        "en": "Share of recurring costs per year",
    },
    "budget.label_by_theme": {"nl": "Thema", "en": "Theme"},
    "budget.label_by_cost_type": {"nl": "Kostensoort", "en": "Cost type"},
    "budget.label_by_budget_type": {"nl": "Budgettype", "en": "Budget type"},
    "budget.label_by_stakeholder": {"nl": "Stakeholder", "en": "Stakeholder"},
    "budget.label_by_policy": {"nl": "Beleid", "en": "Policy"},
    "budget.col_action": {"nl": "Actie", "en": "Action"},
    "budget.col_measure": {"nl": "Bedrag", "en": "Amount"},
    "budget.measure_mjp": {"nl": "Raming MJP", "en": "MJP estimate"},
    "budget.measure_projects": {"nl": "Projectlijnen", "en": "Project lines"},
    "budget.measure_difference": {"nl": "Verschil", "en": "Difference"},
    "budget.total": {"nl": "Totaal", "en": "Total"},
    "budget.chart_by_theme": {
        "nl": "Budget per thema per jaar",
        "en": "Budget per theme per year",
    },
    "budget.chart_by_cost_type": {
        "nl": "Eenmalig en recurrent over de jaren",
        "en": "One-time and recurring over the years",
    },
    # Writing the annotated copy
    "write.not_xlsx": {
        "nl": "{file} is geen Excel-werkmap (.xlsx of .xlsm); plan-xl kan er geen "
        "gecontroleerde kopie van maken.",
        "en": "{file} is not an Excel workbook (.xlsx or .xlsm); plan-xl cannot write an "
        "annotated copy of it.",
    },
    "write.same_file": {
        "nl": "De kopie mag het origineel niet overschrijven. Kies een ander uitvoerbestand "
        "of gebruik --in-place.",
        "en": "The copy may not overwrite the original. Choose another output file or use "
        "--in-place.",
    },
    "write.wrong_extension": {
        "nl": "De kopie moet dezelfde extensie hebben als het origineel ({suffix}); anders "
        "opent Excel ze niet.",
        "en": "The copy needs the same extension as the original ({suffix}); otherwise Excel "
        "will not open it.",
    },
    "write.failed": {
        "nl": "De gecontroleerde kopie kon niet geschreven worden naar {file}: {reason}",
        "en": "The annotated copy could not be written to {file}: {reason}",
    },
    # Text report
    "report.title": {"nl": "Controle van {file}", "en": "Check of {file}"},
    "report.no_findings": {
        "nl": "Geen opmerkingen: de werkmap is in orde.",
        "en": "No findings: the workbook is in order.",
    },
    "report.sheet": {"nl": "Blad {sheet}", "en": "Sheet {sheet}"},
    "report.workbook": {"nl": "Werkmap", "en": "Workbook"},
    "report.counts": {
        "nl": "{error} fout(en), {warning} waarschuwing(en), {info} info",
        "en": "{error} error(s), {warning} warning(s), {info} info",
    },
    "report.written": {
        "nl": "Gecontroleerde kopie: {file}",
        "en": "Annotated copy: {file}",
    },
    "report.backup": {"nl": "Reservekopie: {file}", "en": "Backup: {file}"},
    # CLI
    "validate.bad_option": {
        "nl": "Ongeldige waarde voor {option}: {value}. Toegelaten: {allowed}.",
        "en": "Invalid value for {option}: {value}. Allowed: {allowed}.",
    },
    "validate.output_conflict": {
        "nl": "--output, --no-output en --in-place gaan niet samen; kies er één.",
        "en": "--output, --no-output and --in-place cannot be combined; choose one.",
    },
    "validate.not_found": {
        "nl": "Bestand niet gevonden: {file}",
        "en": "File not found: {file}",
    },
    "validate.hint_max_mb": {
        "nl": "Is de werkmap echt zo groot? Verhoog de grens met --max-mb (in MB).",
        "en": "Is the workbook really that big? Raise the limit with --max-mb (in MB).",
    },
    "validate.hint_max_cells": {
        "nl": "Telt de werkmap echt zoveel cellen? Verhoog de grens met --max-cells.",
        "en": "Does the workbook really hold that many cells? Raise the limit with --max-cells.",
    },
    # Demo
    "demo.title": {
        "nl": "Demo: het voorbeeld 'Gemeente Voorbeeld' gebouwd en gecontroleerd.",
        "en": "Demo: the example 'Gemeente Voorbeeld' built and checked.",
    },
    "demo.files": {"nl": "Bestanden in {dir}:", "en": "Files in {dir}:"},
    "demo.workbook": {"nl": "voorbeeldwerkmap", "en": "example workbook"},
    "demo.annotated": {"nl": "gecontroleerde kopie", "en": "annotated copy"},
    "demo.json": {"nl": "rapport (JSON)", "en": "report (JSON)"},
    "demo.text": {"nl": "rapport (tekst)", "en": "report (text)"},
}
