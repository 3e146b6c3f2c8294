# dtanalysis: the front door.
#
#   make report   set up .venv if needed, build the data, the figures and the HTML report
#   make test     set up .venv if needed, run the whole test suite (notebooks included)
#
# Both create .venv when it is missing and reinstall when pyproject.toml or
# constraints.txt (the pinned versions) changed since the last install (stamp file
# $(ENV)/.dtanalysis-installed). To use an existing
# environment instead of .venv (for example an activated conda env made from
# environment.yml), pass ENV:   make test ENV=$$CONDA_PREFIX
# Notebook parameters for the report:   make report REPORT_ARGS='--param LANG=vi'

PYTHON ?= python3
ENV ?= .venv
BIN := $(ENV)/bin
STAMP := $(ENV)/.dtanalysis-installed
EXTRAS := notebooks,test,dev,dask
REPORT_ARGS ?=

export MPLBACKEND := Agg
export JUPYTER_PLATFORM_DIRS := 1
export PYTHONHASHSEED := 0
export DTANALYSIS_ROOT := $(CURDIR)

.PHONY: help install test report data figures lab bench baselines lint clean

help:
	@echo "make report    build data/processed, figures/ and reports/index.html"
	@echo "make test      run the test suite (executes the notebooks too)"
	@echo "make data      only the data build (python -m dtanalysis build --no-figures)"
	@echo "make figures   data build with figures"
	@echo "make lab       open JupyterLab on notebooks/ in the project's environment"
	@echo "make bench     run the benchmarks (extraction throughput, report time)"
	@echo "make baselines regenerate the figure test baselines (on purpose only)"
	@echo "make lint      ruff"
	@echo "make clean     remove .venv, build/ and reports/"

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	@if [ ! -x "$(BIN)/python" ]; then \
	  echo "creating $(ENV)"; $(PYTHON) -m venv "$(ENV)"; fi
	"$(BIN)/python" -m pip install --quiet --upgrade pip
	"$(BIN)/python" -m pip install --quiet -c constraints.txt -e ".[$(EXTRAS)]"
	@touch "$(STAMP)"

test: $(STAMP)
	"$(BIN)/python" -m pytest

data: $(STAMP)
	"$(BIN)/python" -m dtanalysis build --no-figures

figures: $(STAMP)
	"$(BIN)/python" -m dtanalysis build

report: $(STAMP)
	"$(BIN)/python" -m dtanalysis build --no-figures
	"$(BIN)/python" -m dtanalysis report --figures $(REPORT_ARGS)

lab: $(STAMP)
	"$(BIN)/jupytext" --set-formats ipynb,py:percent notebooks/[0-9]*.py
	"$(BIN)/jupyter" lab --notebook-dir=notebooks

bench: $(STAMP)
	"$(BIN)/python" benchmarks/bench_extract.py
	"$(BIN)/python" benchmarks/bench_report.py

baselines: $(STAMP)
	"$(BIN)/python" tests/regenerate_baselines.py

lint: $(STAMP)
	"$(BIN)/ruff" check dtanalysis tests benchmarks notebooks

clean:
	rm -rf .venv build reports
