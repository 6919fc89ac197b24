"""Why a file could not be read as a plan workbook (reader and safety checks)."""

MESSAGES: dict[str, dict[str, str]] = {
    "reader.file_missing": {
        "nl": "Het bestand {file} bestaat niet of kan niet geopend worden.",
        "en": "The file {file} does not exist or cannot be opened.",
    },
    "reader.empty_file": {
        "nl": "Het bestand {file} is leeg.",
        "en": "The file {file} is empty.",
    },
    "reader.not_a_workbook": {
        "nl": "{file} is geen Excel-werkmap (.xlsx of .xlsm): de inhoud is geen geldig "
        "Excel-bestand. Is het een ander bestand met de extensie .xlsx?",
        "en": "{file} is not an Excel workbook (.xlsx or .xlsm): its content is not a valid "
        "Excel file. Is it another kind of file renamed to .xlsx?",
    },
    "reader.corrupt_zip": {
        "nl": "{file} is beschadigd of onvolledig (bijvoorbeeld afgebroken bij het "
        "downloaden of kopiëren) en kan niet gelezen worden.",
        "en": "{file} is damaged or incomplete (for example cut off while downloading or "
        "copying) and cannot be read.",
    },
    "reader.legacy_xls": {
        "nl": "{file} is een oud Excel-bestand (.xls). Open het in Excel en bewaar het als "
        "Excel-werkmap (.xlsx).",
        "en": "{file} is an old Excel file (.xls). Open it in Excel and save it as an Excel "
        "workbook (.xlsx).",
    },
    "reader.other_format": {
        "nl": "{file} is een {format}-bestand. Bewaar het als Excel-werkmap (.xlsx).",
        "en": "{file} is a {format} file. Save it as an Excel workbook (.xlsx).",
    },
    "reader.xml_doctype": {
        "nl": "{file} wordt geweigerd: het onderdeel {part} bevat een DOCTYPE- of "
        "ENTITY-declaratie. Echte Excel-bestanden bevatten die nooit; zo'n bestand kan de "
        "computer laten vastlopen.",
        "en": "{file} is refused: its part {part} holds a DOCTYPE or ENTITY declaration. Real "
        "Excel files never do; such a file can bring the computer to a halt.",
    },
    "reader.xml_invalid": {
        "nl": "{file} is beschadigd: het onderdeel {part} is geen geldige XML.",
        "en": "{file} is damaged: its part {part} is not valid XML.",
    },
    "reader.encrypted": {
        "nl": "{file} is met een wachtwoord beveiligd. Verwijder het wachtwoord (Bestand > "
        "Info > Werkmap beveiligen) en bewaar het bestand opnieuw.",
        "en": "{file} is protected with a password. Remove the password (File > Info > "
        "Protect Workbook) and save the file again.",
    },
    "reader.too_large_file": {
        "nl": "{file} is te groot: {size} MB, de grens is {limit} MB.",
        "en": "{file} is too large: {size} MB, the limit is {limit} MB.",
    },
    "reader.too_large_uncompressed": {
        "nl": "{file} wordt geweigerd: uitgepakt zou het {size} MB innemen, de grens is "
        "{limit} MB.",
        "en": "{file} is refused: unpacked it would take {size} MB, the limit is {limit} MB.",
    },
    "reader.too_large_ratio": {
        "nl": "{file} wordt geweigerd: het onderdeel {part} is {ratio} keer samengedrukt "
        "(een zogenaamde zip-bom).",
        "en": "{file} is refused: its part {part} is compressed {ratio} times (a so-called "
        "zip bomb).",
    },
    "reader.too_large_cells": {
        "nl": "{file} is te groot: het blad {sheet} telt {cells} cellen, de grens is {limit}.",
        "en": "{file} is too large: sheet {sheet} holds {cells} cells, the limit is {limit}.",
    },
    "reader.too_large_grid": {
        "nl": "{file} wordt geweigerd: het blad {sheet} heeft cellen tot in {corner}. Om het te "
        "lezen zou een raster van {cells} cellen nodig zijn, de grens is {limit}. Wis de "
        "verre cellen (of de hele rijen en kolommen na uw gegevens) en bewaar opnieuw.",
        "en": "{file} is refused: sheet {sheet} has cells as far as {corner}. Reading it would "
        "take a grid of {cells} cells, the limit is {limit}. Delete the far-away cells (or the "
        "whole rows and columns after your data) and save again.",
    },
    "reader.not_plan_workbook": {
        "nl": "{file} is een Excel-werkmap, maar geen plan-xl-werkmap: geen van de tabellen "
        "{tables} werd gevonden.",
        "en": "{file} is an Excel workbook but not a plan-xl workbook: none of the tables "
        "{tables} was found.",
    },
}
