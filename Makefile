# The two commands: `make run` serves the staff apps on demo data, `make test` runs everything.
VENV    ?= .venv
PY      := $(VENV)/bin/python
STAMP   := $(VENV)/.installed-stamp
PORT    ?= 8866
SERVE_ARGS ?=
# Jupyter refuses to run as root unless told (containers, CI machines).
LAB_ARGS ?= $(if $(filter 0,$(shell id -u)),--allow-root)

.PHONY: run test install lint typecheck unit lab bench clean

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev,postgres,dask]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(VENV)/bin/plut demo --if-absent
	$(VENV)/bin/plut serve --port $(PORT) $(SERVE_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: $(STAMP)
	$(VENV)/bin/mypy

unit: $(STAMP)
	$(PY) -m pytest

test: lint typecheck unit

# Kernels start in the notebook's folder: pin the data folder to this checkout's ./data.
lab: $(STAMP)
	PLUT_DATA_DIR="$${PLUT_DATA_DIR:-$(CURDIR)/data}" $(VENV)/bin/jupyter lab notebooks/ $(LAB_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
