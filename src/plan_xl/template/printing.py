"""How every sheet prints: landscape A4, one page wide, header row repeated.

Wide plan tables otherwise split into many pages per row band. The header
shows the sheet name, the footer the organisation and "Pagina 3 van 7". The
annotated-copy writer uses the same values for the sheets it rewrites.
"""

from __future__ import annotations

from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from plan_xl.core.plan import split_range
from plan_xl.i18n import t

ORIENTATION = "landscape"
PAPER_A4 = 9
FIT_WIDTH = 1  # pages wide
FIT_HEIGHT = 0  # 0 = as many pages high as needed
MARGINS = {"left": 0.4, "right": 0.4, "top": 0.6, "bottom": 0.6, "header": 0.3, "footer": 0.3}
SHEET_NAME_CODE = "&A"


def header_footer_texts(lang: str, organisation: str = "") -> dict[str, str]:
    """Header centre, footer left and footer right, as Excel header/footer codes."""
    return {
        "header_center": SHEET_NAME_CODE,
        "footer_left": escape_codes(organisation),
        "footer_right": t("print.page", lang),
    }


def escape_codes(text: str) -> str:
    """Plain text inside a header or footer: '&' would start a code."""
    return " ".join(text.split()).replace("&", "&&")[:100]


def set_print_layout(
    ws: Worksheet, lang: str, *, organisation: str = "", title_row: int | None = None
) -> None:
    """Landscape A4, fit to one page wide, margins, header/footer and print titles."""
    ws.page_setup.orientation = ORIENTATION
    ws.page_setup.paperSize = PAPER_A4
    ws.page_setup.fitToWidth = FIT_WIDTH
    ws.page_setup.fitToHeight = FIT_HEIGHT
    if ws.sheet_properties.pageSetUpPr is None:
        ws.sheet_properties.pageSetUpPr = PageSetupProperties()
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    for side, inches in MARGINS.items():
        setattr(ws.page_margins, side, inches)
    texts = header_footer_texts(lang, organisation)
    ws.oddHeader.center.text = texts["header_center"]
    if texts["footer_left"]:
        ws.oddFooter.left.text = texts["footer_left"]
    ws.oddFooter.right.text = texts["footer_right"]
    if title_row is not None:
        ws.print_title_rows = f"{title_row}:{title_row}"


def header_row_of_tables(ws: Worksheet) -> int | None:
    """The topmost header row of the sheet's Excel tables (None without tables)."""
    rows = [split_range(table.ref)[0] for table in ws.tables.values()]
    return min(rows) if rows else None
