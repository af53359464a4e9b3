"""Synthetic demo data: ``generate_demo`` fills an empty database with a realistic PLUT world."""

from plut_nb.demo.generator import DemoSummary, generate_demo, max_centres

__all__ = ["DemoSummary", "generate_demo", "max_centres"]
