"""PLUT-NB domain core: models, rules, services and tools for PLUT-KUMKM centres.

This package never imports ipywidgets or notebook code; the UI lives in ``widgets``.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("plut-nb")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0.0.0"

__all__ = ["__version__"]
