"""The tables of a research extract: their columns, types, and how they are written and read.

Each table is a tuple of ``(column, type)``; types are ``str``, ``int``, ``float``,
``bool`` and ``date``. Writers take pandas chunks, coerce them to the declared
types and append them (Parquet row groups or CSV rows), so an extract of a
million enterprises is written without holding it in memory.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import pandas as pd

__all__ = ["FORMATS", "TABLES", "Format", "TableWriter", "read_table", "sha256_of"]

Format = Literal["parquet", "csv"]
FORMATS: tuple[Format, ...] = ("parquet", "csv")

Columns = tuple[tuple[str, str], ...]

#: Columns of each table of the extract, in file order. No name, NIK, NIB,
#: phone, email, street address, village, free text or staff identity.
TABLES: dict[str, Columns] = {
    "enterprises": (
        ("enterprise_id", "str"), ("owner_id", "str"), ("centre", "str"),
        ("province_code", "str"), ("regency_code", "str"), ("kbli_code", "str"),
        ("kbli_codes", "str"), ("legal_form", "str"), ("has_nib", "bool"),
        ("founding_year", "int"), ("registered_on", "date"), ("outreach_channel", "str"),
        ("flagship_commodity", "str"), ("online_channels", "int"),
        ("capital_at_registration", "float"), ("owners", "int"), ("owner_gender", "str"),
        ("owner_birth_year", "int"), ("owner_age_group", "str"), ("owner_youth", "bool"),
        ("owner_education", "str"), ("owner_disability", "bool"), ("owner_oap", "bool"),
    ),
    "snapshots": (
        ("enterprise_id", "str"), ("taken_on", "date"), ("kind", "str"),
        ("sales_annual", "float"), ("capital", "float"), ("employees_total", "int"),
        ("employees_women", "int"), ("market_regional", "bool"), ("market_national", "bool"),
        ("market_export", "bool"), ("online_channels", "int"), ("size_class", "str"),
    ),
    "cases": (
        ("case_id", "str"), ("enterprise_id", "str"), ("centre", "str"),
        ("service_code", "str"), ("service_field", "str"), ("delivery_mode", "str"),
        ("channel", "str"), ("priority", "str"), ("status", "str"), ("opened_on", "date"),
        ("due_on", "date"), ("closed_on", "date"), ("activities", "int"), ("minutes", "int"),
    ),
    "permits": (
        ("enterprise_id", "str"), ("case_id", "str"), ("permit_type", "str"),
        ("status", "str"), ("submitted_on", "date"), ("issued_on", "date"),
    ),
    "referrals": (
        ("case_id", "str"), ("partner_type", "str"), ("status", "str"), ("referred_on", "date"),
    ),
    "events": (
        ("enterprise_id", "str"), ("centre", "str"), ("event_kind", "str"),
        ("event_on", "date"), ("attended", "bool"), ("sales", "float"),
    ),
}  # fmt: skip

_PANDAS = {"str": "string", "int": "Int64", "float": "Float64", "bool": "boolean"}


def _coerce(df: pd.DataFrame, columns: Columns) -> pd.DataFrame:
    out = {}
    for name, kind in columns:
        col = df[name] if name in df else pd.Series([None] * len(df), index=df.index)
        if kind == "date":
            out[name] = pd.to_datetime(col, errors="raise").astype("datetime64[s]")
        else:
            out[name] = col.astype(_PANDAS[kind])
    return pd.DataFrame(out)


def _arrow_schema(columns: Columns) -> Any:
    import pyarrow as pa

    types = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_(),
             "date": pa.date32()}  # fmt: skip
    return pa.schema([(name, types[kind]) for name, kind in columns])


def sha256_of(path: Path) -> str:
    """SHA-256 of a file, read in blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass
class TableWriter:
    """Appends chunks of one table to ``folder/<name>.<fmt>``."""

    folder: Path
    name: str
    fmt: Format
    rows: int = 0
    _writer: Any = None
    _started: bool = False

    @property
    def path(self) -> Path:
        """The file written."""
        return self.folder / f"{self.name}.{self.fmt}"

    def write(self, chunk: pd.DataFrame) -> None:
        """Coerce ``chunk`` to the table's columns and append it."""
        columns = TABLES[self.name]
        df = _coerce(chunk, columns)
        if self.fmt == "parquet":
            import pyarrow as pa
            import pyarrow.parquet as pq

            schema = _arrow_schema(columns)
            if self._writer is None:
                self._writer = pq.ParquetWriter(self.path, schema, compression="zstd")
            self._writer.write_table(pa.Table.from_pandas(df, schema=schema, preserve_index=False))
        else:
            df.to_csv(self.path, mode="a" if self._started else "w", header=not self._started,
                      index=False, date_format="%Y-%m-%d")  # fmt: skip
        self._started = True
        self.rows += len(df)

    def close(self) -> None:
        """Finish the file (an empty table still gets its header / schema)."""
        if not self._started:
            self.write(pd.DataFrame({name: [] for name, _ in TABLES[self.name]}))
        if self._writer is not None:
            self._writer.close()
            self._writer = None


def read_table(folder: Path, name: str, fmt: Format) -> pd.DataFrame:
    """Read one table back with its declared types (dates as ``datetime64``)."""
    columns = TABLES[name]
    path = Path(folder) / f"{name}.{fmt}"
    if fmt == "parquet":
        df = pd.read_parquet(path)
    else:
        dtypes = {n: _PANDAS[k] for n, k in columns if k != "date"}
        df = pd.read_csv(path, dtype=dtypes, keep_default_na=True)
    return _coerce(df, columns)
