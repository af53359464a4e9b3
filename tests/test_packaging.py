"""Packaging promises: environment.yml and pyproject.toml list the same dependencies."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def _name_spec(req: str) -> tuple[str, str]:
    m = re.match(r"^\s*([A-Za-z0-9_.\-]+)(\[[^\]]*\])?\s*(.*)$", req)
    assert m, req
    return re.sub(r"[-_.]+", "-", m.group(1)).lower(), m.group(3).replace(" ", "")


def _pyproject() -> dict[str, str]:
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    reqs = list(meta["dependencies"])
    for extra in meta["optional-dependencies"].values():
        reqs += extra
    return dict(_name_spec(r) for r in reqs)


def _conda() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    out: dict[str, str] = {}
    for dep in env["dependencies"]:
        items = dep["pip"] if isinstance(dep, dict) else [dep]
        for item in items:
            if item.startswith("-e") or item.split(">")[0].split("=")[0] in ("python", "pip"):
                continue
            name, spec = _name_spec(item)
            out[name] = spec
    return out


def test_environment_yml_matches_pyproject() -> None:
    assert _conda() == _pyproject()


def test_console_script_and_packages() -> None:
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert meta["project"]["name"] == "plut-nb"
    assert meta["project"]["scripts"]["plut"] == "plut_nb.cli:app"
    assert (ROOT / "plut_nb" / "py.typed").exists() and (ROOT / "widgets" / "py.typed").exists()


def test_core_never_imports_the_ui() -> None:
    bad = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "plut_nb").rglob("*.py")
        if re.search(r"^\s*(from|import)\s+(ipywidgets|IPython|widgets)\b", p.read_text(), re.M)
    ]
    assert bad == []
