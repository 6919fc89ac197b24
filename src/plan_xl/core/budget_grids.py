"""How a budget summary keeps its sums: arrays per label x year, turned into
pandas frames (for the workbook writers and rules) or JSON only when asked.

Whole amounts are summed exactly (:func:`plan_xl.core.group_sums.exact_sums`),
so totals read from these arrays equal pandas' sums bit for bit; otherwise a
grid keeps the frame pandas built.
"""

from __future__ import annotations

import functools
import math
from typing import Any

import numpy as np
import pandas as pd

TOTAL = "Totaal"
MEASURES = ("mjp", "projects", "difference")


@functools.lru_cache(maxsize=16)
def measure_columns(years: tuple[int, ...]) -> pd.MultiIndex:
    """(year, measure) columns of ``by_action``; an index is immutable, so one serves
    every summary of the same years (building it took longer than the sums)."""
    return pd.MultiIndex.from_product([list(years), MEASURES], names=["year", "measure"])


class SummaryGrid:
    """Sums per label x summary year, rows in their order; the frame (plus
    Totaal) is built on first use.

    ``exact``: the sums are whole numbers added up exactly (``exact_sums``), so
    any order of adding them up again gives the same float.
    """

    def __init__(
        self,
        rows: list[Any],
        values: np.ndarray,
        years: list[int],
        exact: bool,
        frame: pd.DataFrame | None = None,
    ) -> None:
        self.rows, self.values, self.years, self.exact = rows, values, years, exact
        self._frame = frame

    @classmethod
    def of_frame(cls, grid: pd.DataFrame, years: list[int]) -> SummaryGrid:
        """A grid pandas built (label x (years, Totaal)), kept as it is."""
        values = grid.loc[:, years].to_numpy(dtype=float)
        return cls(grid.index.tolist(), values, years, False, grid)

    def frame(self) -> pd.DataFrame:
        if self._frame is None:
            data = np.empty((len(self.rows), len(self.years) + 1))
            data[:, :-1] = self.values
            data[:, -1] = self.values.sum(axis=1)  # whole numbers: any order gives this total
            columns = pd.Index([*self.years, TOTAL], dtype=object)
            self._frame = pd.DataFrame(data, index=pd.Index(self.rows), columns=columns)
        return self._frame

    def json(self) -> dict[str, dict[str, float]]:
        labels = [str(year) for year in self.years]
        return {
            str(label): dict(zip(labels, values, strict=True))
            for label, values in zip(self.rows, plain_rows(self.values), strict=True)
        }


class ActionGrid:
    """MJP estimates and project lines summed per action code x summary year."""

    def __init__(
        self, order: list[str], mjp: np.ndarray, projects: np.ndarray, years: list[int], exact: bool
    ) -> None:
        self.order, self.mjp, self.projects, self.years = order, mjp, projects, years
        self.exact = exact  # the MJP sums are exact (see SummaryGrid)
        self._frame: pd.DataFrame | None = None

    def data(self) -> np.ndarray:
        """(year, measure) columns: mjp, projects, difference per year."""
        data = np.empty((len(self.order), len(self.years) * len(MEASURES)))
        data[:, 0::3] = self.mjp
        data[:, 1::3] = self.projects
        data[:, 2::3] = self.mjp - self.projects
        return data

    def frame(self) -> pd.DataFrame:
        if self._frame is None:
            columns = measure_columns(tuple(self.years))
            index = pd.Index(self.order, dtype=object)
            self._frame = pd.DataFrame(self.data(), index=index, columns=columns)
        return self._frame

    def json(self) -> dict[str, Any]:
        return by_action_json(self.order, self.data(), self.years)


def by_action_json(order: list[str], data: np.ndarray, years: list[int]) -> dict[str, Any]:
    # Plain lists, not per-cell Series lookups: 50,000 lines made this 1.4 s (bench/, issue 5).
    rows = plain_rows(data)
    starts = [(str(year), 3 * i) for i, year in enumerate(years)]
    mjp, projects, difference = MEASURES
    return {  # dict displays, not dict(zip(...)): 30,000 small objects at 5,000 actions
        str(code): {
            label: {mjp: values[k], projects: values[k + 1], difference: values[k + 2]}
            for label, k in starts
        }
        for code, values in zip(order, rows, strict=True)
    }


def plain_rows(values: np.ndarray) -> list[list[float]]:
    """:func:`plain` over a 2-D array: whole numbers (nearly all) need no rounding."""
    values = np.where(np.isfinite(values), values, 0.0)
    rows: list[list[float]] = values.tolist()
    for i, j in zip(*np.nonzero(values != np.trunc(values)), strict=True):
        rows[i][j] = round(rows[i][j], 2)
    return rows


def plain(value: Any) -> float:
    number = float(value)
    return round(number, 2) if math.isfinite(number) else 0.0
