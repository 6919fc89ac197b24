"""Page headers and footers of printed sheets (template and annotated copy).

Excel header/footer codes: ``&A`` sheet name, ``&P`` page number, ``&N`` page
count; a literal ampersand is written ``&&``.
"""

MESSAGES: dict[str, dict[str, str]] = {
    "print.page": {"nl": "Pagina &P van &N", "en": "Page &P of &N"},
}
