"""Batch outputs are written with the project's one atomic writer."""

from plan_xl.atomic import atomic_write, atomic_write_text

__all__ = ["atomic_write", "atomic_write_text"]
