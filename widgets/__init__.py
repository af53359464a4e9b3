"""ipywidgets components of the staff apps, built on :mod:`plut_nb.services`."""

from widgets.directory import DirectoryApp

__all__ = ["DirectoryApp"]
