"""Strings of the batch run: statuses, reasons, progress and the reports."""

MESSAGES: dict[str, dict[str, str]] = {
    # Statuses --------------------------------------------------------------------
    "batch.status.ok": {"nl": "OK", "en": "OK"},
    "batch.status.findings": {"nl": "Bevindingen", "en": "Findings"},
    "batch.status.not_plan_workbook": {"nl": "Geen planwerkboek", "en": "Not a plan workbook"},
    "batch.status.unreadable": {"nl": "Onleesbaar", "en": "Unreadable"},
    "batch.status.encrypted": {"nl": "Versleuteld", "en": "Encrypted"},
    "batch.status.too_large": {"nl": "Te groot", "en": "Too large"},
    "batch.status.timeout": {"nl": "Tijdslimiet overschreden", "en": "Timed out"},
    # Reasons ---------------------------------------------------------------------
    "batch.reason.ok": {
        "nl": "Geen bevindingen op niveau {level} of hoger (fouten: {error}, waarschuwingen: "
        "{warning}, info: {info}).",
        "en": "No findings at level {level} or above (errors: {error}, warnings: {warning}, "
        "info: {info}).",
    },
    "batch.reason.findings": {
        "nl": "Bevindingen op niveau {level} of hoger (fouten: {error}, waarschuwingen: "
        "{warning}, info: {info}).",
        "en": "Findings at level {level} or above (errors: {error}, warnings: {warning}, "
        "info: {info}).",
    },
    "batch.reason.timeout": {
        "nl": "De controle duurde langer dan {seconds} seconden en werd gestopt. Het bestand "
        "is te groot of te complex voor een batchcontrole; controleer het apart.",
        "en": "The check took longer than {seconds} seconds and was stopped. The file is too "
        "large or complex for a batch check; validate it on its own.",
    },
    "batch.reason.memory": {
        "nl": "Het bestand vroeg meer geheugen dan toegestaan ({limit} MB) en werd overgeslagen.",
        "en": "The file needed more memory than allowed ({limit} MB) and was skipped.",
    },
    "batch.reason.killed": {
        "nl": "Het controleproces werd afgebroken (signaal {signal}), waarschijnlijk door te "
        "weinig geheugen (limiet {limit} MB): het bestand is te groot of beschadigd.",
        "en": "The check process was aborted (signal {signal}), probably for lack of memory "
        "(limit {limit} MB): the file is too large or damaged.",
    },
    "batch.reason.crashed": {
        "nl": "Het controleproces stopte onverwacht (code {code}) bij het lezen van dit "
        "bestand; het bestand is waarschijnlijk beschadigd.",
        "en": "The check process stopped unexpectedly (code {code}) while reading this file; "
        "the file is probably damaged.",
    },
    "batch.reason.unexpected": {
        "nl": "Onverwachte fout bij het controleren ({error}). Details staan in het "
        "logbestand: {log}",
        "en": "Unexpected error while checking ({error}). Details are in the log file: {log}",
    },
    "batch.reason.not_found": {
        "nl": "Bestand niet gevonden: {path}",
        "en": "File not found: {path}",
    },
    "batch.reason.worker_start": {
        "nl": "Er kon geen controleproces gestart worden; het bestand werd niet gecontroleerd.",
        "en": "No check process could be started; the file was not checked.",
    },
    "batch.copy_failed": {
        "nl": "De gecontroleerde kopie kon niet geschreven worden: {reason}",
        "en": "The annotated copy could not be written: {reason}",
    },
    # Command line ----------------------------------------------------------------
    "batch.no_inputs": {
        "nl": "Geen werkboeken (.xlsx, .xlsm) gevonden in: {inputs}",
        "en": "No workbooks (.xlsx, .xlsm) found in: {inputs}",
    },
    "batch.output_unusable": {
        "nl": "De uitvoermap {path} kan niet gebruikt worden: {reason}",
        "en": "The output folder {path} cannot be used: {reason}",
    },
    "batch.bad_option": {
        "nl": "Ongeldige waarde voor {option}: {value}",
        "en": "Invalid value for {option}: {value}",
    },
    "batch.progress.title": {"nl": "Werkboeken controleren", "en": "Checking workbooks"},
    "batch.progress.line": {
        "nl": "[{done}/{total}] {file}: {status}",
        "en": "[{done}/{total}] {file}: {status}",
    },
    "batch.summary": {
        "nl": "{files} werkboeken: {ok} OK, {findings} met bevindingen, {failed} niet "
        "verwerkt. Rapporten in {path}",
        "en": "{files} workbooks: {ok} OK, {findings} with findings, {failed} not processed. "
        "Reports in {path}",
    },
    # Reports ---------------------------------------------------------------------
    "batch.report.title": {"nl": "plan-xl batchrapport", "en": "plan-xl batch report"},
    "batch.report.generated": {"nl": "Gemaakt op", "en": "Generated on"},
    "batch.report.settings": {
        "nl": "{files} werkboeken, foutniveau {level}, {workers} processen",
        "en": "{files} workbooks, failure level {level}, {workers} processes",
    },
    "batch.report.overview": {"nl": "Overzicht", "en": "Overview"},
    "batch.report.file": {"nl": "Bestand", "en": "File"},
    "batch.report.organisation": {"nl": "Organisatie", "en": "Organisation"},
    "batch.report.status": {"nl": "Status", "en": "Status"},
    "batch.report.reason": {"nl": "Toelichting", "en": "Reason"},
    "batch.report.errors": {"nl": "Fouten", "en": "Errors"},
    "batch.report.warnings": {"nl": "Waarschuwingen", "en": "Warnings"},
    "batch.report.infos": {"nl": "Info", "en": "Info"},
    "batch.report.copy": {"nl": "Gecontroleerde kopie", "en": "Annotated copy"},
    "batch.report.current": {"nl": "Huidig", "en": "Current"},
    "batch.report.ambition": {"nl": "Ambitie", "en": "Ambition"},
    "batch.report.budget": {"nl": "Budget", "en": "Budget"},
    "batch.report.total": {"nl": "Totaal", "en": "Total"},
    "batch.report.theme": {"nl": "Thema", "en": "Theme"},
    "batch.report.year": {"nl": "Jaar", "en": "Year"},
    "batch.report.findings": {"nl": "Bevindingen", "en": "Findings"},
    "batch.report.no_findings": {"nl": "Geen bevindingen.", "en": "No findings."},
    "batch.report.severity": {"nl": "Ernst", "en": "Severity"},
    "batch.report.code": {"nl": "Code", "en": "Code"},
    "batch.report.sheet": {"nl": "Blad", "en": "Sheet"},
    "batch.report.cell": {"nl": "Cel", "en": "Cell"},
    "batch.report.subject": {"nl": "Onderwerp", "en": "Subject"},
    "batch.report.message": {"nl": "Melding", "en": "Message"},
    "batch.report.heatmap": {
        "nl": "Maturiteit per organisatie (huidig → ambitie)",
        "en": "Maturity per organisation (current → ambition)",
    },
    "batch.report.budget_chart": {
        "nl": "Budget per thema over de jaren (alle organisaties samen, EUR)",
        "en": "Budget per theme over the years (all organisations together, EUR)",
    },
    "batch.report.comparison": {
        "nl": "Vergelijking tussen organisaties",
        "en": "Comparison across organisations",
    },
    "batch.report.maturity_stats": {
        "nl": "Maturiteit en ambitie per thema",
        "en": "Maturity and ambition per theme",
    },
    "batch.report.organisations": {"nl": "Organisaties", "en": "Organisations"},
    "batch.report.mean": {"nl": "Gemiddelde", "en": "Mean"},
    "batch.report.std": {"nl": "Standaardafwijking", "en": "Standard deviation"},
    "batch.report.min": {"nl": "Min.", "en": "Min."},
    "batch.report.max": {"nl": "Max.", "en": "Max."},
    "batch.report.top_rules": {
        "nl": "Regels die het vaakst afgaan",
        "en": "Rules that fire most",
    },
    "batch.report.rule": {"nl": "Regel", "en": "Rule"},
    "batch.report.rule_title": {"nl": "Omschrijving", "en": "Title"},
    "batch.report.finding_count": {"nl": "Bevindingen", "en": "Findings"},
    "batch.report.file_count": {"nl": "Bestanden", "en": "Files"},
    "batch.report.imbalanced": {
        "nl": "Organisaties met thema's uit balans (MAT005/MAT006)",
        "en": "Organisations whose themes are out of balance (MAT005/MAT006)",
    },
    "batch.report.none": {"nl": "Geen.", "en": "None."},
    "batch.report.themes": {"nl": "Thema's", "en": "Themes"},
    "batch.report.codes": {"nl": "Codes", "en": "Codes"},
    "batch.report.sheet_overview": {"nl": "Overzicht", "en": "Overview"},
    "batch.report.sheet_findings": {"nl": "Bevindingen", "en": "Findings"},
    "batch.report.sheet_comparison": {"nl": "Vergelijking", "en": "Comparison"},
    "batch.report.sheet_imbalance": {"nl": "Onbalans", "en": "Imbalance"},
    "batch.report.sheet_rules": {"nl": "Regels", "en": "Rules"},
    "batch.report.score_hint": {
        "nl": "Maturiteit en ambitie als score: 1 Initiatie … 5 Transformatie.",
        "en": "Maturity and ambition as a score: 1 Initiatie … 5 Transformatie.",
    },
}
