"""Ways a workbook file comes in and goes out: the reader (and the writers)."""
