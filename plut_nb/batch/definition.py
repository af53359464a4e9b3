"""Batch definitions: which notebook to run, with which parameters, into which folder.

A definition is a YAML file (read with the safe loader, validated strictly)::

    title: Laporan evaluasi triwulan I 2026      # optional; heading of index.html
    notebook: ../notebooks/evaluation/laporan.ipynb
    output: "{data_dir}/batches/triwulan-{date}"  # optional; this is the default
    timeout: 600                                  # optional; seconds per run, wall clock
    parameters:                                   # optional; common to every run
      period_start: 2026-01-01
      period_end: 2026-03-31
    runs:                                         # either a list of runs ...
      - {region: "12.71"}
      - {region: "91.06", lang: en}
    grid:                                         # ... or a grid: every combination
      region: ["12.71", "91.06"]
      period_start: [2026-01-01, 2026-04-01]

- ``notebook`` and ``output`` are relative to the definition file's folder, or
  absolute. ``output`` may use ``{date}`` (today on the centre's clock),
  ``{data_dir}`` (``PLUT_DATA_DIR``) and ``{name}`` (the definition file's name
  without ``.yaml``).
- A run's parameters are the common ``parameters`` overlaid with the run's own
  (a list entry, or one combination of the grid, in the grid's key order).
- Values are text, numbers, ``true``/``false``, empty (``null``) or lists of
  those. Dates (``2026-01-01``, which YAML reads as a date) become ISO text.
  Codes must be quoted: YAML reads ``12.10`` as the number 12.1, ``01131`` as an
  octal number and ``no`` as false, so those spellings are refused unquoted.
- Parameter names are Python identifiers; ``metrics_path`` and ``snapshot_path``
  are set by the runner.

Any unknown key, wrong type or bad value is a :class:`DefinitionError` that
lists every problem with the file and line it is on.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import keyword
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any, NoReturn

import yaml
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, PrivateAttr
from pydantic import ValidationError as PydanticValidationError
from pydantic_core import PydanticCustomError

from plut_nb.errors import PlutError
from plut_nb.i18n import t

__all__ = [
    "RESERVED_PARAMETERS",
    "BatchDefinition",
    "BatchError",
    "DefinitionError",
    "DefinitionProblem",
    "RunSpec",
    "load_definition",
]

RESERVED_PARAMETERS = frozenset({"metrics_path", "snapshot_path"})
_PARAM_SECTIONS = (("parameters",), ("runs",), ("grid",))


class BatchError(PlutError):
    """A batch cannot be prepared or run (bad definition, folder, snapshot, ...)."""


@dataclass(frozen=True)
class DefinitionProblem:
    """One problem in a definition file.

    Attributes:
        file: The definition file.
        line: 1-based line of the offending key or value.
        where: Dotted path to it, e.g. ``runs[2].fail``.
        message: What is wrong, in the configured language.
    """

    file: Path
    line: int
    where: str
    message: str

    def __str__(self) -> str:
        where = f" {self.where}:" if self.where else ""
        return f"{self.file}:{self.line}:{where} {self.message}"


class DefinitionError(BatchError):
    """A definition file is invalid; ``problems`` says where and why."""

    def __init__(self, path: Path, problems: list[DefinitionProblem]) -> None:
        self.path = path
        self.problems = problems
        lines = [t("batch.def.invalid", file=path), *(f"  {p}" for p in problems)]
        super().__init__("\n".join(lines))


def _param_name(name: str) -> str:
    if not name.isidentifier() or keyword.iskeyword(name):
        raise PydanticCustomError("batch_name", t("batch.def.name", name=name))
    if name in RESERVED_PARAMETERS:
        raise PydanticCustomError("batch_name", t("batch.def.reserved", name=name))
    return name


def _param_value(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, list) and not any(isinstance(v, list | dict) for v in value):
        return [_param_value(v) for v in value]
    _bad(value)


def _bad(value: Any) -> NoReturn:
    raise PydanticCustomError("batch_value", t("batch.def.value", value=repr(value)[:60]))


ParamName = Annotated[str, AfterValidator(_param_name)]
ParamValue = Annotated[Any, BeforeValidator(_param_value)]
Parameters = dict[ParamName, ParamValue]


@dataclass(frozen=True)
class RunSpec:
    """One run of a batch.

    Attributes:
        run_id: Stable id (and folder name) derived from the parameters.
        parameters: Every parameter of the run (common ones overlaid with its own).
        varying: The run's own parameters (what tells it apart from the others).
    """

    run_id: str
    parameters: dict[str, Any] = field(hash=False)
    varying: dict[str, Any] = field(hash=False)


def _slug(values: list[Any]) -> str:
    text = "-".join(str(v).lower() for v in values)
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:48].strip("-") or "run"


def _run_id(parameters: dict[str, Any], varying: dict[str, Any]) -> str:
    canonical = json.dumps(parameters, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    digest = hashlib.sha1(canonical.encode(), usedforsecurity=False).hexdigest()[:8]
    return f"{_slug(list(varying.values()))}-{digest}"


class BatchDefinition(BaseModel):
    """A validated batch definition (see the module docstring for the format)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str | None = None
    notebook: str = Field(min_length=1)
    output: str = "{data_dir}/batches/{name}-{date}"
    timeout: Annotated[float, Field(gt=0, strict=True)] = 600.0
    parameters: Parameters = Field(default_factory=dict)
    runs: Annotated[list[Parameters], Field(min_length=1)] | None = None
    grid: (
        Annotated[
            dict[ParamName, Annotated[list[ParamValue], Field(min_length=1)]], Field(min_length=1)
        ]
        | None
    ) = None

    _path: Path = PrivateAttr(default=Path("batch.yaml"))

    @property
    def path(self) -> Path:
        """The definition file it was read from."""
        return self._path

    @property
    def notebook_path(self) -> Path:
        """The notebook, as an absolute path."""
        return (self._path.parent / self.notebook).resolve()

    def output_folder(self, today: date | None = None) -> Path:
        """The batch folder, with ``{date}``, ``{data_dir}`` and ``{name}`` filled in.

        Args:
            today: The date for ``{date}``; default today on the centre's clock.

        Returns:
            An absolute path.
        """
        from plut_nb.clock import today as centre_today
        from plut_nb.settings import get_settings

        text = self.output.format(
            date=(today or centre_today()).isoformat(),
            data_dir=get_settings().data_dir,
            name=self._path.stem,
        )
        return (self._path.parent / Path(text).expanduser()).resolve()

    def expand(self) -> list[RunSpec]:
        """Every run of the batch, in definition order (a grid varies its last key fastest)."""
        if self.runs is not None:
            own = [dict(r) for r in self.runs]
        else:
            grid = self.grid or {}
            own = [
                dict(zip(grid, combo, strict=True)) for combo in itertools.product(*grid.values())
            ]
        specs = []
        for varying in own:
            params = {**self.parameters, **varying}
            specs.append(RunSpec(_run_id(params, varying), params, varying))
        return specs


# --- reading YAML with line numbers -------------------------------------------------


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _where(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part != "[key]":
            out += f".{part}" if out else str(part)
    return out


def _node_at(root: yaml.Node, loc: tuple[int | str, ...], *, key: bool) -> yaml.Node:
    """The deepest node on ``loc``; the key node of the last step when ``key`` is true.

    Pydantic marks a bad mapping key with a trailing ``"[key]"``: that too points at the key.
    """
    if loc and loc[-1] == "[key]":
        loc, key = loc[:-1], True
    node = root
    for i, part in enumerate(loc):
        if isinstance(node, yaml.MappingNode):
            match = next(((k, v) for k, v in node.value if str(k.value) == str(part)), None)
            if match is None:
                return node
            if key and i == len(loc) - 1:
                return match[0]
            node = match[1]
        elif (
            isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value)
        ):
            node = node.value[part]
        else:
            return node
    return node


_TYPE_MESSAGES = {
    "float_type": "batch.def.number",
    "float_parsing": "batch.def.number",
    "greater_than": "batch.def.positive",
    "string_type": "batch.def.text",
    "list_type": "batch.def.list",
    "dict_type": "batch.def.mapping",
    "too_short": "batch.def.empty",
    "missing": "batch.def.missing",
}


def _pydantic_problems(
    path: Path, root: yaml.Node, exc: PydanticValidationError
) -> list[DefinitionProblem]:
    problems = []
    for err in exc.errors():
        loc = tuple(err["loc"])
        kind = err["type"]
        node = _node_at(root, loc, key=kind == "extra_forbidden")
        if kind == "extra_forbidden":
            allowed = ", ".join(BatchDefinition.model_fields)
            message = t("batch.def.unknown_key", key=loc[-1], allowed=allowed)
        elif kind in _TYPE_MESSAGES:
            message = t(_TYPE_MESSAGES[kind], key=loc[-1] if loc else "")
        else:
            message = err["msg"]
        problems.append(DefinitionProblem(path, _line(node), _where(loc), message))
    return problems


def _yaml_traps(path: Path, root: yaml.Node) -> list[DefinitionProblem]:
    """Duplicate keys anywhere; unquoted codes that YAML would turn into numbers or booleans."""
    problems: list[DefinitionProblem] = []

    def walk(node: yaml.Node, loc: tuple[int | str, ...]) -> None:
        if isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for k, v in node.value:
                name = str(k.value)
                if name in seen:
                    where = _where((*loc, name))
                    problems.append(DefinitionProblem(path, _line(k), where, t("batch.def.twice")))
                seen.add(name)
                walk(v, (*loc, name))
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                walk(item, (*loc, i))
        elif isinstance(node, yaml.ScalarNode) and loc[:1] in _PARAM_SECTIONS and not node.style:
            text, tag = str(node.value), node.tag.rsplit(":", 1)[-1]
            trap = (
                (tag == "int" and re.fullmatch(r"[-+]?0\d+", text))
                or (tag == "float" and re.fullmatch(r"[-+]?\d*\.\d*0", text))
                or (tag == "bool" and text.lower() not in {"true", "false"})
            )
            if trap:
                msg = t("batch.def.quote", text=text)
                problems.append(DefinitionProblem(path, _line(node), _where(loc), msg))

    walk(root, ())
    return problems


def _run_problems(
    path: Path, root: yaml.Node, definition: BatchDefinition
) -> list[DefinitionProblem]:
    """Exactly one of ``runs``/``grid``, a notebook that exists, no run given twice."""
    problems = []
    if (definition.runs is None) == (definition.grid is None):
        loc: tuple[str, ...] = ("grid",) if definition.grid is not None else ()
        node = _node_at(root, loc, key=True)
        problems.append(DefinitionProblem(path, _line(node), "", t("batch.def.runs_or_grid")))
        return problems
    if not definition.notebook_path.is_file():
        node = _node_at(root, ("notebook",), key=False)
        msg = t("batch.def.no_notebook", path=definition.notebook_path)
        problems.append(DefinitionProblem(path, _line(node), "notebook", msg))
    try:
        definition.output_folder()
    except (KeyError, IndexError, ValueError) as exc:
        node = _node_at(root, ("output",), key=False)
        msg = t("batch.def.placeholder", detail=exc)
        problems.append(DefinitionProblem(path, _line(node), "output", msg))
    seen: set[str] = set()
    for i, spec in enumerate(definition.expand() if definition.runs is not None else []):
        if spec.run_id in seen:
            node = _node_at(root, ("runs", i), key=False)
            msg = t("batch.def.duplicate_run")
            problems.append(DefinitionProblem(path, _line(node), f"runs[{i}]", msg))
        seen.add(spec.run_id)
    for name, values in (definition.grid or {}).items():
        canon = [json.dumps(v, sort_keys=True) for v in values]
        for i, value in enumerate(canon):
            if value in canon[:i]:
                node = _node_at(root, ("grid", name, i), key=False)
                msg = t("batch.def.duplicate_value")
                problems.append(DefinitionProblem(path, _line(node), f"grid.{name}[{i}]", msg))
    return problems


def load_definition(path: str | Path) -> BatchDefinition:
    """Read and validate a batch definition file.

    Args:
        path: The YAML file.

    Returns:
        The validated, frozen definition (its ``path`` is the resolved file).

    Raises:
        DefinitionError: The file is unreadable, not YAML, or breaks the format;
            every problem names the file and line.
    """
    path = Path(path).resolve()
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        problem = DefinitionProblem(path, 1, "", t("batch.def.unreadable", detail=exc.strerror))
        raise DefinitionError(path, [problem]) from exc
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        detail = exc.problem or str(exc)
        problem = DefinitionProblem(path, line, "", t("batch.def.yaml", detail=detail))
        raise DefinitionError(path, [problem]) from exc
    if root is None or not isinstance(root, yaml.MappingNode):
        line = _line(root) if root is not None else 1
        raise DefinitionError(path, [DefinitionProblem(path, line, "", t("batch.def.not_mapping"))])
    problems = _yaml_traps(path, root)
    try:
        definition = BatchDefinition.model_validate(data)
    except PydanticValidationError as exc:
        problems += _pydantic_problems(path, root, exc)
        raise DefinitionError(path, sorted(problems, key=lambda p: p.line)) from exc
    definition._path = path
    problems += _run_problems(path, root, definition)
    if problems:
        raise DefinitionError(path, sorted(problems, key=lambda p: p.line))
    return definition
