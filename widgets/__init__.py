"""ipywidgets components of the staff apps, built on :mod:`plut_nb.services`."""

from widgets.directory import DirectoryApp
from widgets.shell import AppShell, StartPage

__all__ = ["AppShell", "DirectoryApp", "StartPage"]
