"""Data in and out: validated imports, exports, offline field sheets, backup and restore.

- :func:`import_file` — CSV/Excel rows through the intake's validation, in
  resumable chunks, rejected rows to an error file beside the input;
- :func:`write_report_workbook` — the government-reporting workbook of a centre
  and period; :func:`export_tables` — chosen tables as CSV or Parquet;
- :func:`write_field_sheet` — the offline Excel template for field officers;
- :func:`backup_database` / :func:`restore_database` — the embedded SQLite
  database, copied consistently while in use.
"""

from plut_nb.io.backup import backup_database, restore_database
from plut_nb.io.fieldsheet import write_field_sheet
from plut_nb.io.importing import ImportSummary, import_file
from plut_nb.io.tables import export_tables
from plut_nb.io.workbook import write_report_workbook

__all__ = [
    "ImportSummary",
    "backup_database",
    "export_tables",
    "import_file",
    "restore_database",
    "write_field_sheet",
    "write_report_workbook",
]
