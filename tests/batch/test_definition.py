"""Batch definitions: the format, run expansion and errors that name the file and line."""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path

import pytest

from plut_nb.batch.definition import BatchError, DefinitionError, load_definition
from plut_nb.batch.executors import Executor, ExecutorRegistry, executors, get_executor
from plut_nb.settings import get_settings

NOTEBOOK = Path(__file__).resolve().parents[2] / "notebooks" / "evaluation" / "_batch_smoke.ipynb"


def write(tmp_path: Path, body: str, name: str = "batch.yaml") -> Path:
    path = tmp_path / name
    path.write_text(body.replace("NOTEBOOK", str(NOTEBOOK)), encoding="utf-8")
    return path


def problems(path: Path) -> list[tuple[int, str, str]]:
    with pytest.raises(DefinitionError) as info:
        load_definition(path)
    assert all(p.file == path.resolve() for p in info.value.problems)
    return [(p.line, p.where, p.message) for p in info.value.problems]


def test_runs_merge_common_parameters_and_dates_become_iso_text(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """\
title: Triwulan I
notebook: NOTEBOOK
timeout: 45
parameters:
  period_start: 2026-01-01
  period_end: 2026-03-31
  lang: id
runs:
  - {region: "12.71"}
  - {region: "91.06", lang: en, days: [2026-02-01, 3]}
""",
    )
    d = load_definition(path)
    assert d.title == "Triwulan I" and d.timeout == 45.0 and d.notebook_path == NOTEBOOK
    runs = d.expand()
    assert [r.parameters for r in runs] == [
        {"period_start": "2026-01-01", "period_end": "2026-03-31", "lang": "id", "region": "12.71"},
        {
            "period_start": "2026-01-01",
            "period_end": "2026-03-31",
            "lang": "en",
            "region": "91.06",
            "days": ["2026-02-01", 3],
        },
    ]
    assert runs[0].varying == {"region": "12.71"}
    assert runs[0].run_id.startswith("12-71-") and runs[1].run_id.startswith("91-06-en-")
    # the same parameters give the same ids; a changed common parameter changes them
    assert [r.run_id for r in load_definition(path).expand()] == [r.run_id for r in runs]
    changed = write(tmp_path, path.read_text().replace("lang: id", "lang: jv"), "b.yaml")
    assert load_definition(changed).expand()[0].run_id != runs[0].run_id


def test_grid_is_the_cartesian_product_in_key_order(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """\
notebook: NOTEBOOK
grid:
  region: ["12", "91.06"]
  period_start: [2026-01-01, 2026-04-01, 2026-07-01]
""",
    )
    runs = load_definition(path).expand()
    assert [(r.parameters["region"], r.parameters["period_start"]) for r in runs] == [
        ("12", "2026-01-01"),
        ("12", "2026-04-01"),
        ("12", "2026-07-01"),
        ("91.06", "2026-01-01"),
        ("91.06", "2026-04-01"),
        ("91.06", "2026-07-01"),
    ]
    assert len({r.run_id for r in runs}) == 6


def test_output_placeholders_and_relative_paths(tmp_path: Path) -> None:
    (tmp_path / "nb").mkdir()
    (tmp_path / "nb" / "x.ipynb").write_text("{}")
    path = write(tmp_path, "notebook: nb/x.ipynb\nruns: [{a: 1}]\n", name="quarterly.yaml")
    d = load_definition(path)
    assert d.notebook_path == tmp_path.resolve() / "nb" / "x.ipynb"
    expected = get_settings().data_dir / "batches" / "quarterly-2026-04-01"
    assert d.output_folder(date(2026, 4, 1)) == expected
    rel = write(tmp_path, "notebook: nb/x.ipynb\noutput: out/{date}\nruns: [{a: 1}]\n", "r.yaml")
    assert (
        load_definition(rel).output_folder(date(2026, 1, 2))
        == tmp_path.resolve() / "out/2026-01-02"
    )


def test_a_typo_key_names_the_file_and_line(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """\
notebook: NOTEBOOK
timeout: 60

parametres:
  region: "12"
runs:
  - {region: "12"}
""",
    )
    with pytest.raises(DefinitionError) as info:
        load_definition(path)
    (problem,) = info.value.problems
    assert (problem.line, problem.where) == (4, "parametres")
    assert "parametres" in problem.message and "parameters" in problem.message
    assert f"{path.resolve()}:4:" in info.value.message


def test_wrong_types_and_values_point_at_their_lines(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """\
notebook: NOTEBOOK
timeout: ten
parameters:
  bad-name: 1
  snapshot_path: x
runs:
  - {region: "12"}
  - region: "91"
    nested: {a: 1}
""",
    )
    found = problems(path)
    assert [(line, where) for line, where, _ in found] == [
        (2, "timeout"),
        (4, "parameters.bad-name"),
        (5, "parameters.snapshot_path"),
        (9, "runs[1].nested"),
    ]
    assert "angka" in found[0][2]  # Indonesian by default


def test_english_messages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from plut_nb.settings import reset_settings

    monkeypatch.setenv("PLUT_LANG", "en")
    reset_settings()
    path = write(tmp_path, "notebook: NOTEBOOK\ntimeout: -5\nruns: [{a: 1}]\n")
    assert problems(path) == [(2, "timeout", "must be greater than 0.")]


def test_yaml_traps_duplicates_and_unquoted_codes(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """\
notebook: NOTEBOOK
parameters:
  region: 12.10
  kbli: 01131
  online: no
  ratio: 0.5
  period_start: 2026-01-01
  period_start: 2026-02-01
runs:
  - {a: 1}
""",
    )
    assert [(line, where) for line, where, _ in problems(path)] == [
        (3, "parameters.region"),
        (4, "parameters.kbli"),
        (5, "parameters.online"),
        (8, "parameters.period_start"),
    ]


def test_runs_or_grid_duplicates_missing_notebook_and_yaml_syntax(tmp_path: Path) -> None:
    both = write(tmp_path, "notebook: NOTEBOOK\nruns: [{a: 1}]\ngrid: {a: [1]}\n", "both.yaml")
    assert problems(both)[0][:1] == (3,)
    neither = write(tmp_path, "notebook: NOTEBOOK\ntimeout: 5\n", "neither.yaml")
    assert len(problems(neither)) == 1
    dup = write(
        tmp_path,
        "notebook: NOTEBOOK\nruns:\n  - {a: 1}\n  - {b: 2}\n  - {a: 1}\ngrid_x: 1\n",
        "dup.yaml",
    )
    assert [p[:2] for p in problems(dup)] == [(6, "grid_x")]
    dup = write(
        tmp_path, "notebook: NOTEBOOK\nruns:\n  - {a: 1}\n  - {b: 2}\n  - {a: 1}\n", "d2.yaml"
    )
    assert [p[:2] for p in problems(dup)] == [(5, "runs[2]")]
    grid = write(tmp_path, "notebook: NOTEBOOK\ngrid:\n  a: [1,\n      2,\n      1]\n", "g.yaml")
    assert [p[:2] for p in problems(grid)] == [(5, "grid.a[2]")]
    missing = write(tmp_path, "timeout: 5\nnotebook: nope.ipynb\nruns: [{a: 1}]\n", "m.yaml")
    assert [p[:2] for p in problems(missing)] == [(2, "notebook")]
    broken = write(tmp_path, "notebook: NOTEBOOK\nruns:\n  - {a: 1\n  - {b: 2}\n", "y.yaml")
    assert problems(broken)[0][0] >= 3
    assert problems(write(tmp_path, "- a\n- b\n", "list.yaml"))[0][0] == 1
    unreadable = tmp_path / "absent.yaml"
    assert problems(unreadable)[0][0] == 1


def test_local_executor_hands_back_results_and_exceptions() -> None:
    with get_executor("local", workers=2) as ex:
        got = dict(ex.map_unordered(math.sqrt, [4.0, -1.0, 9.0]))
    assert got[4.0] == 2.0 and got[9.0] == 3.0
    assert isinstance(got[-1.0], ValueError)


def test_executor_registry() -> None:
    registry = ExecutorRegistry()

    class Inline(Executor):
        name = "inline"

        def map_unordered(self, fn, items):  # type: ignore[no-untyped-def]
            for item in items:
                yield item, fn(item)

    registry.register("inline", Inline)
    with registry.get("inline", workers=3) as ex:
        assert ex.workers == 3
        assert list(ex.map_unordered(str, [1, 2])) == [(1, "1"), (2, "2")]
    with pytest.raises(BatchError, match="inline"):
        registry.get("nope")
    with pytest.raises(BatchError):
        get_executor("dask")  # no scheduler address
    assert {"local", "dask"} <= set(executors.names())
