"""Shared fixtures. Area-specific fixtures live in each test folder's conftest."""

from __future__ import annotations

import pytest

from tests.support.libreoffice import require_soffice


@pytest.fixture(scope="session")
def soffice() -> str:
    """Path to LibreOffice headless; skips only when truly absent (never in CI)."""
    return require_soffice()
