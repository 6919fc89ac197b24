"""Safety limits for reading a workbook file (one submitted file at a time)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

MB = 1024 * 1024


class ReadLimits(BaseModel):
    """What a single workbook may cost before the reader refuses it (``too_large``).

    Checked before any cell is parsed: the file size, the uncompressed size the
    zip declares (and actually yields), each member's compression ratio, and
    the number of cells in the sheets holding plan tables, and the grid those
    sheets span (rows x columns from A1 to the farthest cell, which is what
    the cell reader allocates).
    """

    model_config = ConfigDict(frozen=True)

    max_file_bytes: int = Field(default=50 * MB, gt=0)
    max_uncompressed_bytes: int = Field(default=500 * MB, gt=0)
    max_cells: int = Field(default=5_000_000, gt=0)
    # A1 and XFD1048576 are two cells but a grid of 17 billion.
    max_grid_cells: int = Field(default=5_000_000, gt=0)
    # Typical xlsx parts compress 5-20x; a zip bomb compresses 1000x and more.
    max_compression_ratio: float = Field(default=200.0, gt=1)
    # Members smaller than this are never refused for their ratio alone.
    ratio_floor_bytes: int = Field(default=1 * MB, ge=0)
    # XML before the root element (declaration, comments) may not exceed this.
    max_prolog_bytes: int = Field(default=64 * 1024, gt=0)


DEFAULT_LIMITS = ReadLimits()
