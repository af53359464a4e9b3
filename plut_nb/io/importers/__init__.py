"""The built-in importers, one module per kind; importing this package registers them."""

from plut_nb.io.importers.cases import CaseImporter
from plut_nb.io.importers.enterprises import EnterpriseImporter
from plut_nb.io.importers.indicators import IndicatorImporter
from plut_nb.io.importers.people import PeopleImporter

__all__ = ["CaseImporter", "EnterpriseImporter", "IndicatorImporter", "PeopleImporter"]
