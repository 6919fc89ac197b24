"""Batch validation of many submitted workbooks into one consolidated report.

``run_batch`` expands files, folders and patterns, checks each workbook in a
worker process (with a time and memory limit per file), writes the annotated
copies and ``rapport.xlsx``, ``rapport.html`` and ``rapport.json``.
"""

from plan_xl.batch.report_model import BatchReport, FileReport
from plan_xl.batch.runner import run_batch

__all__ = ["BatchReport", "FileReport", "run_batch"]
