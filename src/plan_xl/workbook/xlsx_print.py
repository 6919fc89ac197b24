"""Page setup of the sheets plan-xl rewrites, at worksheet-XML level.

A sheet that already has a page setup keeps it (the template's, or the
user's own choice). A sheet without one — a user's own workbook — gets the
template's layout: landscape A4, one page wide, the sheet name in the header
and the page number in the footer.
"""

from __future__ import annotations

from lxml import etree

from plan_xl.template.printing import (
    FIT_HEIGHT,
    FIT_WIDTH,
    MARGINS,
    ORIENTATION,
    PAPER_A4,
    header_footer_texts,
)
from plan_xl.workbook.xlsx_package import q
from plan_xl.workbook.xlsx_sheet import child, place_child

# CT_SheetPr child order: pageSetUpPr comes last.
_SHEET_PR_ORDER = ("tabColor", "outlinePr", "pageSetUpPr")


def ensure_print_layout(root: etree._Element, lang: str) -> bool:
    """Give the worksheet ``root`` a page setup and header/footer when it has none.

    Returns True when something was added.
    """
    changed = False
    if child(root, "pageSetup") is None:
        _fit_to_page(root)
        if child(root, "pageMargins") is None:
            margins = place_child(root, etree.Element(q("pageMargins")))
            margins.attrib.update({side: str(inches) for side, inches in MARGINS.items()})
        setup = place_child(root, etree.Element(q("pageSetup")))
        setup.attrib.update(
            {
                "paperSize": str(PAPER_A4),
                "orientation": ORIENTATION,
                "fitToWidth": str(FIT_WIDTH),
                "fitToHeight": str(FIT_HEIGHT),
            }
        )
        changed = True
    if child(root, "headerFooter") is None:
        texts = header_footer_texts(lang)
        header_footer = place_child(root, etree.Element(q("headerFooter")))
        etree.SubElement(header_footer, q("oddHeader")).text = "&C" + texts["header_center"]
        etree.SubElement(header_footer, q("oddFooter")).text = "&R" + texts["footer_right"]
        changed = True
    return changed


def _fit_to_page(root: etree._Element) -> None:
    sheet_pr = child(root, "sheetPr")
    if sheet_pr is None:
        sheet_pr = place_child(root, etree.Element(q("sheetPr")))
    setup_pr = sheet_pr.find(q("pageSetUpPr"))
    if setup_pr is None:
        setup_pr = etree.SubElement(sheet_pr, q("pageSetUpPr"))
    setup_pr.set("fitToPage", "1")
