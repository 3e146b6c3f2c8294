# dtanalysis: the front door.
#
#   make report   set up .venv if needed, build the data, the figures and the HTML report
#   make test     set up .venv if needed, run the whole test suite (notebooks included)
#   make lab      JupyterLab on notebooks/: the .py notebooks open as notebooks, kernel "dtanalysis"
#   make screenshots  every report page in headless Chromium at 1280 px -> build/screenshots/
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
EXTRAS := notebooks,test,dev,dask,native
REPORT_ARGS ?=
KERNEL := $(ENV)/share/jupyter/kernels/dtanalysis/kernel.json
LAB_OVERRIDES := $(ENV)/share/jupyter/lab/settings/overrides.json
CHROMIUM ?= chromium
SCREENSHOT_HEIGHT ?= 24000
SCREENSHOTS := build/screenshots

export MPLBACKEND := Agg
export JUPYTER_PLATFORM_DIRS := 1
export PYTHONHASHSEED := 0
export DTANALYSIS_ROOT := $(CURDIR)
# One OpenBLAS kernel on every x86-64 machine with AVX2, so that the fitted numbers of
# data/processed repeat to the last digit (dtanalysis/_blas.py; a value set is kept)
ifeq ($(origin OPENBLAS_CORETYPE),undefined)
ifneq ($(shell grep -qsw avx2 /proc/cpuinfo && echo y),)
export OPENBLAS_CORETYPE := Haswell
endif
endif

.PHONY: help install native kernel test report data figures lab screenshots export bench baselines lint clean

help:
	@echo "make report    build data/processed, figures/ and reports/index.html"
	@echo "make test      run the test suite (executes the notebooks too)"
	@echo "make data      only the data build (python -m dtanalysis build --no-figures)"
	@echo "make figures   data build with figures"
	@echo "make lab       open JupyterLab on notebooks/ (the .py notebooks open as notebooks)"
	@echo "make native    compile the reading modules (mypyc; make does it when needed)"
	@echo "make kernel    install the project's Jupyter kernel 'dtanalysis' into $(ENV)"
	@echo "make screenshots  render every report page in headless Chromium -> build/screenshots/"
	@echo "make export    write the processed tables as .csv, .dta and .parquet into build/export"
	@echo "make bench     run the benchmarks (extraction throughput, report time)"
	@echo "make baselines regenerate the figure test baselines (on purpose only)"
	@echo "make lint      ruff"
	@echo "make clean     remove .venv, build/ and reports/"

install: $(STAMP)

# The reading modules compiled with mypyc (dtanalysis/_native.py): rebuilt when one of
# their sources changed; needs a C compiler. NATIVE=0 reads with the source instead
# (DTANALYSIS_PURE=1: the same results, slower).
NATIVE ?= 1
NATIVE_MANIFEST := build/native/manifest.json
NATIVE_SOURCES := $(wildcard dtanalysis/reading/*.py dtanalysis/places.py \
  dtanalysis/provinces.py dtanalysis/rows.py dtanalysis/_native.py)
ifeq ($(NATIVE),0)
export DTANALYSIS_PURE := 1
READY := $(STAMP)
else
READY := $(NATIVE_MANIFEST)
endif

native: $(NATIVE_MANIFEST)

$(NATIVE_MANIFEST): $(STAMP) $(NATIVE_SOURCES)
	@DTANALYSIS_PURE=1 "$(BIN)/python" -c 'import sys; from dtanalysis._native import main; sys.exit(main(["build"]))' \
	  || { echo "make: compiling the reading modules needs a C compiler (apt-get install gcc);" \
	       "or run make with NATIVE=0 to read with the source (same results, slower)"; exit 1; }

$(STAMP): pyproject.toml constraints.txt
	@if [ ! -x "$(BIN)/python" ]; then \
	  echo "creating $(ENV)"; $(PYTHON) -m venv "$(ENV)"; fi
	"$(BIN)/python" -m pip install --quiet --upgrade pip
	"$(BIN)/python" -m pip install --quiet -c constraints.txt -e ".[$(EXTRAS)]"
	@touch "$(STAMP)"

test: $(READY)
	"$(BIN)/python" -m pytest

data: $(READY)
	"$(BIN)/python" -m dtanalysis build --no-figures

figures: $(READY)
	"$(BIN)/python" -m dtanalysis build

report: $(READY)
	"$(BIN)/python" -m dtanalysis build --no-figures
	"$(BIN)/python" -m dtanalysis report --figures $(REPORT_ARGS)

# The project's kernel (the .venv's Python) and JupyterLab's default viewer for .py
# files (jupytext's notebook view), both installed into $(ENV) only.
kernel: $(KERNEL) $(LAB_OVERRIDES)

$(KERNEL): $(READY)
	"$(BIN)/python" -m ipykernel install --sys-prefix --name dtanalysis \
	  --display-name "Python (dtanalysis)"

$(LAB_OVERRIDES): notebooks/.jupyter/overrides.json $(STAMP)
	mkdir -p "$(dir $(LAB_OVERRIDES))"
	cp notebooks/.jupyter/overrides.json "$(LAB_OVERRIDES)"

lab: kernel
	"$(BIN)/jupyter" lab --notebook-dir=notebooks \
	  --MappingKernelManager.default_kernel_name=dtanalysis

# Chromium comes from Debian's package, installed only for this target when missing.
screenshots: $(STAMP)
	@if [ ! -f reports/index.html ]; then $(MAKE) report; fi
	@command -v "$(CHROMIUM)" >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium (apt-get)"; \
	  apt-get install -y chromium || { apt-get update && apt-get install -y chromium; }; }
	mkdir -p "$(SCREENSHOTS)"
	@for page in reports/*.html; do \
	  name=$$(basename "$$page" .html); \
	  profile=$$(mktemp -d); \
	  "$(CHROMIUM)" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
	    --disable-background-networking --disable-component-update --disable-sync \
	    --user-data-dir="$$profile" \
	    --window-size=1280,$(SCREENSHOT_HEIGHT) \
	    --screenshot="$(CURDIR)/$(SCREENSHOTS)/$$name.png" "file://$(CURDIR)/$$page" \
	    >/dev/null 2>&1 || { rm -rf "$$profile"; echo "chromium failed on $$page"; exit 1; }; \
	  rm -rf "$$profile"; echo "wrote $(SCREENSHOTS)/$$name.png"; \
	done

export: $(READY)
	"$(BIN)/python" -m dtanalysis export build/export

bench: $(READY)
	"$(BIN)/python" benchmarks/bench_extract.py
	"$(BIN)/python" benchmarks/bench_report.py

baselines: $(STAMP)
	"$(BIN)/python" tests/regenerate_baselines.py

lint: $(STAMP)
	"$(BIN)/ruff" check dtanalysis tests benchmarks notebooks

clean:
	rm -rf .venv build reports
