"""Excel edges: the live workbook through xlwings, and the add-in builder."""
