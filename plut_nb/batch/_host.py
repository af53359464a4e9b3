"""The papermill host: one long-lived process per batch worker that forks one process per run.

Started by :mod:`plut_nb.batch.execute` as a script (``python -P _host.py``), so
it imports papermill and nbconvert — and nothing of plut_nb — once, instead of
a new Python and a new papermill import for every run. Every run is still a
process of its own: the host forks, and the forked process (its own process
group) executes the notebook with papermill in a fresh kernel, renders the
HTML report, writes the outcome file and exits. The host itself never executes anything, so it stays single-threaded
and every fork starts from the same clean state.

The kernel is the standard ``python3`` kernel started through
:mod:`plut_nb.batch._kernel` (fewer garbage collections, no debugger), and it
is stopped at once (``SIGKILL``) when the notebook's last cell has finished
instead of being asked to shut down: everything a run keeps — the executed
notebook, the metrics file — has been written by then, and a graceful
shutdown only tears the interpreter down (0.1-0.9 s of CPU per evaluation
report, up to a quarter of the run, and as much waiting). A notebook run by
a batch must therefore finish writing its own files within its cells
(``with open(...)``), as :func:`plut_nb.batch.metrics.record_metrics` does.

Protocol, one JSON object per line: the worker writes a run spec on stdin; the
host answers ``{"started": pid}`` when the run's process exists (the worker
kills that process group, and the kernel, on timeout) and ``{"ended": pid,
"code": exit code}`` when it has been reaped. Before the first spec the host
says ``{"ready": true}`` (or ``{"error": "..."}`` when papermill cannot be
imported). End of input ends the host.

Keep the top-level imports to the standard library: this file runs as a script.
"""

from __future__ import annotations

import gc
import json
import os
import resource
import sys
from pathlib import Path
from typing import Any, NoReturn

_OUT = sys.stdout.buffer
_KERNEL_SCRIPT = Path(__file__).with_name("_kernel.py")
_exporter: Any = None  # nbconvert's HTML exporter, built (templates compiled) once
_kernel_manager: Any = None  # the kernel manager class, built once


def _html_exporter() -> Any:
    global _exporter
    if _exporter is None:
        from nbconvert import HTMLExporter

        _exporter = HTMLExporter(
            exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True
        )
    return _exporter


def export_html(notebook: Path, target: Path, title: str) -> None:
    """The report as HTML without code: no input cells, no In/Out prompts."""
    exporter = _html_exporter()
    body, _ = exporter.from_filename(str(notebook), resources={"metadata": {"name": title}})
    partial = target.with_name(target.name + ".partial")
    partial.write_text(body, encoding="utf-8")
    os.replace(partial, target)  # a run killed mid-write leaves no half page


def _kernel_manager_class() -> Any:
    """jupyter_client's kernel manager, launching the ``python3`` kernel through ``_kernel.py``.

    Any other kernel command is left as it is.
    """
    global _kernel_manager
    if _kernel_manager is None:
        from jupyter_client.manager import AsyncKernelManager

        class BatchKernelManager(AsyncKernelManager):  # type: ignore[misc]
            def format_kernel_cmd(self, extra_arguments: list[str] | None = None) -> list[str]:
                cmd: list[str] = super().format_kernel_cmd(extra_arguments)
                if cmd[1:3] == ["-m", "ipykernel_launcher"]:
                    # -P: the script's folder stays off sys.path (the kernel adds its cwd itself)
                    cmd = [cmd[0], "-P", str(_KERNEL_SCRIPT), *cmd[3:]]
                return cmd

        _kernel_manager = BatchKernelManager
    return _kernel_manager


def _send(message: dict[str, Any]) -> None:
    _OUT.write(json.dumps(message).encode() + b"\n")
    _OUT.flush()


def _redirect(log: str) -> None:
    """Point stdin at /dev/null and stdout/stderr at the run's log (closes the host's pipes)."""
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    os.close(fd)


def _usage() -> dict[str, float]:
    """Peak RSS and CPU time of this run: its own process plus its reaped children (the kernel).

    The two peaks are added, so the memory figure is an upper bound of what the
    run's process and its kernel held at once.
    """
    own = resource.getrusage(resource.RUSAGE_SELF)
    kernel = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "peak_rss_mb": round((own.ru_maxrss + kernel.ru_maxrss) / 1024, 1),  # Linux: KiB
        "cpu_s": round(sum(r.ru_utime + r.ru_stime for r in (own, kernel)), 2),
    }


def _execute(spec: dict[str, Any]) -> dict[str, Any]:
    """Run papermill on the spec's notebook; the outcome as the runner reads it."""
    import logging

    import papermill
    from papermill.exceptions import PapermillExecutionError

    logging.basicConfig(level=logging.INFO, format="%(message)s", force=True)
    try:
        papermill.execute_notebook(
            spec["notebook"],
            spec["output"],
            parameters=spec["parameters"],
            kernel_name="python3",
            cwd=spec["cwd"],
            progress_bar=False,
            log_output=True,
            kernel_manager_class=_kernel_manager_class(),
            shutdown_kernel="immediate",  # the notebook has ended: kill, do not tear down
        )
    except PapermillExecutionError as exc:
        return {
            "status": "failed",
            "cell_index": exc.cell_index,
            "error_name": exc.ename,
            "error_message": exc.evalue,
        }
    except Exception as exc:
        return {"status": "failed", "error_name": type(exc).__name__, "error_message": str(exc)}
    return {"status": "ok"}


def _run(spec: dict[str, Any]) -> NoReturn:
    """Body of a forked run process: never returns to the host's loop."""
    code = 1
    try:
        os.setpgid(0, 0)  # its own process group: a timeout kills the run, not the host
        _redirect(spec["log"])
        os.environ.update(spec["env"])
        result = _execute(spec)
        output = Path(spec["output"])
        if output.is_file():
            try:
                export_html(output, Path(spec["html"]), spec["title"])
            except Exception as exc:  # a report that cannot be rendered fails the run
                if result["status"] == "ok":
                    result = {
                        "status": "failed",
                        "error_name": type(exc).__name__,
                        "error_message": str(exc),
                    }
        result |= _usage()
        Path(spec["outcome"]).write_text(json.dumps(result), encoding="utf-8")
        code = 0
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code)


def main() -> None:
    """Import papermill once, then fork one process per run spec read from stdin."""
    # jsonschema compiles an IRI grammar on import when rfc3987_syntax is installed (about
    # 3 s per process, more than the rest of papermill); nbformat never checks IRIs.
    sys.modules["rfc3987_syntax"] = None  # type: ignore[assignment]
    try:
        # imported once here, inherited by every fork
        import nbformat
        import papermill
        import papermill.engines  # noqa: F401

        _html_exporter().from_notebook_node(nbformat.v4.new_notebook())  # compile templates
        _kernel_manager_class()
    except Exception as exc:  # pragma: no cover - a broken environment
        _send({"error": f"{type(exc).__name__}: {exc}"})
        return
    # What the imports built lives on unchanged in every fork: out of the forks' garbage
    # collections, which would otherwise walk it (and copy the memory pages it sits on).
    gc.freeze()
    _send({"ready": True})
    for line in sys.stdin.buffer:
        spec = json.loads(line)
        pid = os.fork()
        if pid == 0:
            _run(spec)
        _send({"started": pid})
        _, status = os.waitpid(pid, 0)
        _send({"ended": pid, "code": os.waitstatus_to_exitcode(status)})


if __name__ == "__main__":
    main()
