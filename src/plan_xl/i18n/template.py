"""Strings of the template builder: profile errors, sheet labels, the Instructies sheet.

Sheet, table and column names are never written here: they are filled in from
plan_xl.contract through {placeholders}, so they stay the Dutch contract names
in both languages.
"""

MESSAGES: dict[str, dict[str, str]] = {
    # Profile errors -------------------------------------------------------------
    "template.profile.not_found": {
        "nl": "Profiel niet gevonden: {path}",
        "en": "Profile not found: {path}",
    },
    "template.profile.unreadable": {
        "nl": "Profiel {path} kan niet gelezen worden: {detail}",
        "en": "Profile {path} cannot be read: {detail}",
    },
    "template.profile.not_toml": {
        "nl": "Profiel {path} is geen geldig TOML-bestand: {detail}",
        "en": "Profile {path} is not a valid TOML file: {detail}",
    },
    "template.profile.invalid": {
        "nl": "Profiel {path}: sleutel '{key}' {problem}.",
        "en": "Profile {path}: key '{key}' {problem}.",
    },
    "template.profile.problem.missing": {"nl": "ontbreekt", "en": "is missing"},
    "template.profile.problem.unknown_key": {
        "nl": "is geen gekende sleutel (tikfout?)",
        "en": "is not a known key (typo?)",
    },
    "template.profile.problem.integer": {
        "nl": "moet een geheel getal zijn, niet {value}",
        "en": "must be a whole number, not {value}",
    },
    "template.profile.problem.number": {
        "nl": "moet een getal zijn, niet {value}",
        "en": "must be a number, not {value}",
    },
    "template.profile.problem.text": {
        "nl": "moet tekst zijn (tussen aanhalingstekens), niet {value}",
        "en": "must be text (in quotes), not {value}",
    },
    "template.profile.problem.empty": {"nl": "mag niet leeg zijn", "en": "must not be empty"},
    "template.profile.problem.min": {
        "nl": "moet minstens {ge} zijn, niet {value}",
        "en": "must be at least {ge}, not {value}",
    },
    "template.profile.problem.max": {
        "nl": "mag hoogstens {le} zijn, niet {value}",
        "en": "must be at most {le}, not {value}",
    },
    "template.profile.problem.choice": {
        "nl": "moet een van {expected} zijn, niet {value}",
        "en": "must be one of {expected}, not {value}",
    },
    "template.profile.problem.list": {
        "nl": "moet een lijst zijn (bv. [[themas]]-blokken)",
        "en": "must be a list (e.g. [[themas]] blocks)",
    },
    "template.profile.problem.table": {
        "nl": "moet een tabel zijn (een [blok] met sleutels)",
        "en": "must be a table (a [block] with keys)",
    },
    "template.profile.problem.other": {
        "nl": "heeft een ongeldige waarde: {value}",
        "en": "has an invalid value: {value}",
    },
    "template.profile.problem.end_before_start": {
        "nl": "ligt voor het startjaar {start}",
        "en": "lies before the start year {start}",
    },
    "template.profile.problem.period_too_long": {
        "nl": "geeft een planperiode van meer dan {max} jaar",
        "en": "gives a plan period longer than {max} years",
    },
    "template.profile.problem.no_themes": {
        "nl": "moet minstens één thema bevatten",
        "en": "must hold at least one theme",
    },
    "template.profile.problem.duplicate_theme": {
        "nl": "herhaalt het thema '{name}'",
        "en": "repeats the theme '{name}'",
    },
    "template.profile.problem.unknown_theme": {
        "nl": "verwijst naar '{name}', dat geen thema van het profiel is",
        "en": "refers to '{name}', which is not a theme of the profile",
    },
    "template.profile.problem.self_dependency": {
        "nl": "mag niet hetzelfde thema zijn als 'thema'",
        "en": "must not be the same theme as 'thema'",
    },
    "template.example_with_profile": {
        "nl": "Het voorbeeld (--example) gebruikt altijd Gemeente Voorbeeld; "
        "gebruik --example niet samen met --config.",
        "en": "The example (--example) always uses Gemeente Voorbeeld; "
        "do not combine --example with --config.",
    },
    "template.cannot_write": {
        "nl": "Kan het sjabloon niet schrijven naar {file}: {reason}",
        "en": "Cannot write the template to {file}: {reason}",
    },
    "template.written": {"nl": "Sjabloon geschreven: {path}", "en": "Template written: {path}"},
    "template.out_missing": {
        "nl": "Geef een doelbestand op, bv. plan-xl template sjabloon.xlsx",
        "en": "Give a target file, e.g. plan-xl template template.xlsx",
    },
    # Sheet labels -----------------------------------------------------------------
    "template.title.budget": {"nl": "Budgetoverzicht", "en": "Budget overview"},
    "template.note.budget": {
        "nl": "Dit blad vult plan-xl bij elke controle opnieuw in (Plan-XL > Budgetoverzicht "
        "of plan-xl validate): ramingen en projectlijnen per thema, actie, kostensoort, "
        "budgettype, stakeholder en beleid, met grafieken. Typ hier niets: het blad wordt "
        "overschreven.",
        "en": "plan-xl fills this sheet on every check (Plan-XL > Budgetoverzicht or plan-xl "
        "validate): estimates and project lines per theme, action, cost type, budget type, "
        "stakeholder and policy, with charts. Do not type here: the sheet is overwritten.",
    },
    "template.helper.title": {
        "nl": "Hulpcellen voor de radargrafiek (niet wijzigen)",
        "en": "Helper cells for the radar chart (do not change)",
    },
    "template.helper.theme": {"nl": "Thema", "en": "Theme"},
    "template.helper.current": {"nl": "Huidig (score)", "en": "Current (score)"},
    "template.helper.ambition": {"nl": "Ambitie (score)", "en": "Ambition (score)"},
    "template.helper.gap": {"nl": "Kloof", "en": "Gap"},
    "template.chart.radar": {
        "nl": "Maturiteit: huidig en ambitie",
        "en": "Maturity: current and ambition",
    },
    "template.prompt.level": {
        "nl": "Kies een niveau uit de lijst (zie {table_levels} op {sheet_settings}).",
        "en": "Pick a level from the list (see {table_levels} on {sheet_settings}).",
    },
    "template.prompt.theme": {
        "nl": "Kies een thema uit {table_themes} op {sheet_maturity}.",
        "en": "Pick a theme of {table_themes} on {sheet_maturity}.",
    },
    "template.prompt.multi": {
        "nl": "Kies een waarde; meerdere waarden scheidt u met ';'.",
        "en": "Pick a value; separate several values with ';'.",
    },
    "template.prompt.choice": {
        "nl": "Kies een waarde uit de lijst.",
        "en": "Pick a value from the list.",
    },
    "template.error.choice": {
        "nl": "Deze waarde staat niet in de lijst.",
        "en": "This value is not in the list.",
    },
    "template.error.title": {"nl": "Ongeldige waarde", "en": "Invalid value"},
    # Instructies sheet ----------------------------------------------------------------
    "template.instructions.title": {
        "nl": "Digitale strategie in het meerjarenplan — {organisation}",
        "en": "Digital strategy in the multi-year plan — {organisation}",
    },
    "template.instructions.subtitle": {
        "nl": "Planperiode {start}–{end} · sjabloonversie {version} · gemaakt met plan-xl",
        "en": "Plan period {start}–{end} · template version {version} · made with plan-xl",
    },
    "template.instructions.no_organisation": {"nl": "uw organisatie", "en": "your organisation"},
    "template.instructions.body": {
        "nl": (
            "# Waarvoor dient dit werkboek?\n"
            "Digitale projecten kosten veel en zitten verspreid over veel acties van het "
            "meerjarenplan. Dit werkboek helpt om de digitale strategie er zichtbaar en "
            "realistisch in te verwerken: u bepaalt per thema waar u staat en waar u naartoe wil,"
            " koppelt elke actie van het meerjarenplan aan de interne projectplannen die ze "
            "uitvoeren, en raamt de kosten voor elk jaar van de planperiode.\n"
            "Vul de bladen in deze volgorde in: {sheet_settings}, {sheet_maturity}, {sheet_plan},"
            " {sheet_projects}. Laat daarna de controles lopen.\n"
            "# 1. Thema's\n"
            "Het model telt standaard acht thema's (tabel {table_themes} op blad "
            "{sheet_maturity}). U mag een thema hernoemen, de omschrijving en de kritische vragen"
            " aanpassen of een thema vervangen: de keuzelijsten voor {col_theme} in de andere "
            "bladen volgen die namen automatisch.\n"
            "De thema's hangen van elkaar af. In {table_dependencies} op blad {sheet_settings} "
            "staat welk thema een ander thema nodig heeft (bv. sterke dienstverlening vraagt "
            "goede processen) en hoeveel niveaus het vereiste thema mag achterlopen "
            "({col_max_lag}).\n"
            "# 2. Niveaus: huidige maturiteit en ambitie\n"
            "Geef per thema de {col_current} en de {col_ambition} voor het einde van de "
            "planperiode. Er zijn vijf niveaus (tabel {table_levels}): {levels}.\n"
            "Wees realistisch: meer dan {max_steps} niveaus stijgen in één planperiode is zelden "
            "haalbaar. De kolom {col_ambition} kleurt volgens de kloof met de huidige maturiteit;"
            " de radargrafiek onder de tabel toont beide.\n"
            "# 3. Evenwicht tussen de thema's\n"
            "Een digitale transformatie raakt uit balans als één thema ver vooruit loopt. De "
            "controles waarschuwen wanneer een ambitie meer dan {max_imbalance} niveaus boven de "
            "mediaan van alle ambities ligt, of wanneer een thema verder gaat dan het thema "
            "waarvan het afhangt toelaat.\n"
            "# 4. Acties van het meerjarenplan koppelen aan projectplannen\n"
            "Op blad {sheet_plan} (tabel {table_actions}) staat elke digitale actie met een "
            "unieke {col_code}, de beleidsdoelstelling en het actieplan, het {col_policy} "
            "({policy_priority} of {policy_other}), het hoofdthema in {col_theme} en eventuele "
            "andere thema's in {col_secondary} (gescheiden door ;). Vul ook {col_stakeholders} "
            "({stakeholders}), {col_contact} en {col_follow_up} in, en de raming per jaar.\n"
            "Op blad {sheet_projects} (tabel {table_projects}) staat elke kostenlijn van de "
            "interne projectplannen. De kolom {col_action_code} koppelt de lijn aan een actie; "
            "het {col_theme} van de lijn is het thema van die actie of een van haar neventhema's."
            " Per jaar moet de som van de projectlijnen van een actie overeenkomen met de raming "
            "in het meerjarenplan (binnen de tolerantie op blad {sheet_settings}).\n"
            "# 5. Terugkerende kosten\n"
            "Kosten verschuiven van eenmalige aankopen naar jaarlijkse licenties. Een lijn met "
            "{col_cost_type} {recurring} moet een bedrag hebben in elk jaar dat ze loopt, tot het"
            " einde van de planperiode, tenzij de {col_status} {status_done} of "
            "{status_cancelled} is. Terugkerende kosten zijn exploitatie: kies bij "
            "{col_budget_type} dan {operating}, niet {investment}.\n"
            "# 6. Bedragen\n"
            "Typ bedragen als getal in euro (bv. 12500). Tekst zoals 12.500,00 of € 12 500 wordt "
            "ook gelezen, maar de controle meldt dat. {col_total} rekent zichzelf uit.\n"
            "# 7. De controles uitvoeren\n"
            "In Excel met de invoegtoepassing: tabblad Plan-XL > Valideer. Waarschuwingen "
            "verschijnen in de kolom {col_warnings} naast de betrokken rij (de rij kleurt dan "
            "op), de volledige lijst staat op blad {sheet_checks} met een koppeling naar elke "
            "cel, en Plan-XL > Budgetoverzicht vult blad {sheet_budget}. Plan-XL > Wis "
            "waarschuwingen maakt de kolommen weer leeg.\n"
            "Zonder Excel, op de opdrachtregel: plan-xl validate werkboek.xlsx (schrijft een "
            "gecontroleerde kopie en een verslag). Een map met ingediende werkboeken: plan-xl "
            "batch map/.\n"
            "De kolommen {col_warnings} en {col_total} en de bladen {sheet_checks} en "
            "{sheet_budget} zijn van plan-xl en worden bij elke controle overschreven. Al de rest"
            " blijft van u.\n"
            "# 8. Rijen toevoegen, sorteren en filteren\n"
            "De bladen zijn beveiligd zonder wachtwoord zodat formules en kolommen van plan-xl "
            "niet per ongeluk verdwijnen. Filteren en opmaak wijzigen kan gewoon. Om rijen toe te"
            " voegen of te sorteren: Controleren > Beveiliging blad opheffen (er is geen "
            "wachtwoord), sleep de hoek rechtsonder van de tabel naar beneden of typ onder de "
            "laatste rij, en beveilig het blad daarna opnieuw (Controleren > Blad beveiligen). "
            "Verander de namen van bladen, tabellen en kolomkoppen niet: de controles zoeken ze "
            "op naam."
        ),
        "en": (
            "# What is this workbook for?\n"
            "Digital projects are expensive and spread over many actions of the multi-year plan "
            "(meerjarenplan). This workbook helps to build the digital strategy into it in a "
            "visible and realistic way: per theme you state where you stand and where you want to"
            " go, you link every plan action to the internal project plans that carry it out, and"
            " you estimate the costs for every year of the plan period.\n"
            "The sheet, table and column names stay in Dutch: the checks look them up by name. "
            "Fill in the sheets in this order: {sheet_settings}, {sheet_maturity}, {sheet_plan}, "
            "{sheet_projects}. Then run the checks.\n"
            "# 1. Themes\n"
            "The model has eight themes by default (table {table_themes} on sheet "
            "{sheet_maturity}). You may rename a theme, change its description and critical "
            "questions or replace it: the {col_theme} dropdowns on the other sheets follow those "
            "names automatically.\n"
            "The themes depend on each other. {table_dependencies} on sheet {sheet_settings} "
            "lists which theme needs another one (e.g. strong service delivery needs good "
            "processes) and by how many levels the required theme may lag behind ({col_max_lag}).\n"
            "# 2. Levels: current maturity and ambition\n"
            "For each theme give the current maturity ({col_current}) and the ambition "
            "({col_ambition}) for the end of the plan period. There are five levels (table "
            "{table_levels}): {levels}.\n"
            "Be realistic: rising more than {max_steps} levels in one plan period is rarely "
            "achievable. The {col_ambition} column is coloured by its gap with the current "
            "maturity; the radar chart below the table shows both.\n"
            "# 3. Balance between the themes\n"
            "A digital transformation gets out of balance when one theme races ahead. The checks "
            "warn when an ambition lies more than {max_imbalance} levels above the median of all "
            "ambitions, or when a theme goes further than the theme it depends on allows.\n"
            "# 4. Linking plan actions to project plans\n"
            "Sheet {sheet_plan} (table {table_actions}) lists every digital action with a unique "
            "{col_code}, its policy objective and action plan, the policy type {col_policy} "
            "({policy_priority} = priority, {policy_other} = other), the main theme in "
            "{col_theme} and any other themes in {col_secondary} (separated by ;). Also fill in "
            "{col_stakeholders} ({stakeholders}), the contact person ({col_contact}), the "
            "follow-up ({col_follow_up}) and the estimate per year.\n"
            "Sheet {sheet_projects} (table {table_projects}) lists every cost line of the "
            "internal project plans. Column {col_action_code} links the line to an action; the "
            "line's {col_theme} is that action's theme or one of its secondary themes. Per year, "
            "the sum of an action's project lines must match its estimate in the multi-year plan "
            "(within the tolerance on sheet {sheet_settings}).\n"
            "# 5. Recurring costs\n"
            "Costs are moving from one-time purchases to yearly licences. A line with "
            "{col_cost_type} {recurring} (recurring) needs an amount in every year it runs, up to"
            " the end of the plan period, unless its {col_status} is {status_done} (finished) or "
            "{status_cancelled} (cancelled). Recurring costs are operating costs: choose "
            "{operating}, not {investment}, as {col_budget_type}.\n"
            "# 6. Amounts\n"
            "Type amounts as numbers in euro (e.g. 12500). Text such as 12.500,00 or € 12 500 is "
            "read too, but the checks mention it. {col_total} calculates itself.\n"
            "# 7. Running the checks\n"
            "In Excel with the add-in: ribbon tab Plan-XL > Valideer. Warnings appear in the "
            "{col_warnings} column next to the row concerned (the row is highlighted), the full "
            "list is on sheet {sheet_checks} with a link to each cell, and Plan-XL > "
            "Budgetoverzicht fills sheet {sheet_budget}. Plan-XL > Wis waarschuwingen clears the "
            "columns again.\n"
            "Without Excel, on the command line: plan-xl validate workbook.xlsx --lang en (writes"
            " a checked copy and a report). A folder of submitted workbooks: plan-xl batch "
            "folder/.\n"
            "The {col_warnings} and {col_total} columns and the {sheet_checks} and {sheet_budget}"
            " sheets belong to plan-xl and are overwritten on every run. Everything else stays "
            "yours.\n"
            "# 8. Adding rows, sorting and filtering\n"
            "The sheets are protected without a password so that plan-xl's formulas and columns "
            "do not disappear by accident. Filtering and formatting work as usual. To add rows or"
            " sort: Review > Unprotect Sheet (there is no password), drag the table's "
            "bottom-right corner down or type below the last row, then protect the sheet again "
            "(Review > Protect Sheet). Do not rename sheets, tables or column headers: the checks"
            " find them by name."
        ),
    },
}
