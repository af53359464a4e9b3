"""The kernel of a batch run: the standard IPython kernel, started for a process that runs one notebook.

papermill starts a fresh kernel for every run; the host
(:mod:`plut_nb.batch._host`) has it start this script (``python -P _kernel.py
-f CONNECTION_FILE ...``) instead of ``python -m ipykernel_launcher``. It is
the same kernel (ipykernel's ``IPKernelApp``, same interpreter, same
arguments, empty namespace); two settings differ, both about the cost of a
process that lives for one notebook and is then stopped:

- **garbage collection**: a report imports pandas, matplotlib and SQLAlchemy —
  some 200,000 objects that live until the kernel ends. With Python's default
  thresholds (700, 10, 10) that growth triggers several full collections that
  find nothing to free (about a tenth of a run's CPU time). The first
  threshold is raised to 10,000: collections are rarer, cyclic garbage is
  still collected.
- **no debugger**: ipykernel imports debugpy at start-up only so that a front
  end can attach a debugger; nobody attaches to a batch kernel.

Nothing runs in the kernel's namespace and no module is imported ahead of the
notebook. Keep this file to the standard library and ipykernel: it runs as a
script.
"""

from __future__ import annotations

import gc
import sys

GC_THRESHOLDS = (10_000, 10, 10)


def main() -> None:
    """Apply the two settings, then start the IPython kernel with this process's arguments."""
    gc.set_threshold(*GC_THRESHOLDS)
    sys.modules["debugpy"] = None  # type: ignore[assignment]  # ipykernel: "debugger not available"
    from ipykernel.kernelapp import launch_new_instance

    launch_new_instance()


if __name__ == "__main__":
    main()
