"""Reading a research extract back: :func:`load_extract` gives every table as a DataFrame."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from plut_nb.errors import PlutError
from plut_nb.i18n import t
from plut_nb.research._tables import TABLES, read_table
from plut_nb.settings import get_settings

__all__ = ["DEFAULT_EXTRACT_DIR", "ResearchExtract", "default_extract_dir", "load_extract"]

DEFAULT_EXTRACT_DIR = "research"
"""Folder of the extract under ``PLUT_DATA_DIR`` that the notebooks read by default."""


def default_extract_dir() -> Path:
    """``$PLUT_DATA_DIR/research``: where the notebooks look when given no folder."""
    return get_settings().data_dir / DEFAULT_EXTRACT_DIR


@dataclass(frozen=True)
class ResearchExtract:
    """The tables of one extract and its manifest.

    Attributes:
        folder: Where it was read from.
        manifest: The parsed ``manifest.json``.
        tables: Table name → DataFrame (``enterprises``, ``snapshots``, ``cases``,
            ``permits``, ``referrals``, ``events``), columns as declared in the manifest.
    """

    folder: Path
    manifest: dict[str, Any]
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)

    @property
    def enterprises(self) -> pd.DataFrame:
        """One row per enterprise (pseudonymous ``enterprise_id``)."""
        return self.tables["enterprises"]

    @property
    def snapshots(self) -> pd.DataFrame:
        """Indicator snapshots, one row per enterprise and date."""
        return self.tables["snapshots"]

    @property
    def cases(self) -> pd.DataFrame:
        """Service cases."""
        return self.tables["cases"]

    @property
    def permits(self) -> pd.DataFrame:
        """Permit applications."""
        return self.tables["permits"]

    @property
    def events(self) -> pd.DataFrame:
        """Event registrations and attendance."""
        return self.tables["events"]

    @property
    def as_of(self) -> pd.Timestamp:
        """The date ages in the extract are measured at."""
        return pd.Timestamp(self.manifest["as_of"])


def load_extract(folder: str | Path | None = None) -> ResearchExtract:
    """Read an extract written by :func:`~plut_nb.research.extract.export_research_extract`.

    Args:
        folder: The extract folder; ``None`` reads :func:`default_extract_dir`.

    Returns:
        The :class:`ResearchExtract`.

    Raises:
        PlutError: There is no ``manifest.json`` in the folder.
    """
    path = Path(folder) if folder is not None else default_extract_dir()
    manifest_file = path / "manifest.json"
    if not manifest_file.is_file():
        raise PlutError(t("research.extract.missing", path=path))
    manifest = json.loads(manifest_file.read_text("utf-8"))
    fmt = manifest["format"]
    tables = {name: read_table(path, name, fmt) for name in TABLES if name in manifest["tables"]}
    return ResearchExtract(path, manifest, tables)
