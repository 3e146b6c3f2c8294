"""The same floating-point code on every x86-64 machine, so that fits repeat to the last digit.

numpy and scipy do their linear algebra in OpenBLAS, which picks a kernel for the
processor it runs on (``DYNAMIC_ARCH``), and numpy picks, per processor, the SIMD code
of its own loops (``exp``, ``log``, ``power``: AVX-512 has implementations of its own).
These differ in the order of their sums and in their last bits, so a fit's 15th
significant digit followed the processor: the curves and gaps of ``data/processed/``
built on a processor with AVX-512 and on one without it were not byte-identical (and
OpenBLAS's kernels Haswell, Zen, Sandybridge and Nehalem each gave other digits on one
machine). :func:`fix_kernel` asks, before numpy loads,

- OpenBLAS for its ``Haswell`` kernel (``OPENBLAS_CORETYPE``; AVX2, which every x86-64
  server and laptop made since 2013 has), and
- numpy for no code above AVX2 (``NPY_DISABLE_CPU_FEATURES``: its dispatch targets of
  AVX-512), with the names of the numpy release installed (:data:`NUMPY_ABOVE_AVX2`).

``import dtanalysis`` and the test suite's ``conftest.py`` call it; the Makefile
exports the OpenBLAS kernel too. Left alone: a value the user set, a process in which
numpy is already loaded (too late to choose), a processor without AVX2 or that is not
x86-64 (its own code is used, and its last digits may differ from the committed
tables), and a numpy release whose target names are not listed here (numpy refuses
names it does not know).
"""
from __future__ import annotations

import importlib.util
import os
import platform
import re
import sys
from pathlib import Path

#: The OpenBLAS kernel asked for.
KERNEL = "Haswell"
ENV = "OPENBLAS_CORETYPE"
NUMPY_ENV = "NPY_DISABLE_CPU_FEATURES"
#: numpy's dispatch targets above AVX2, by numpy release (major, minor): the names of
#: ``numpy._core._multiarray_umath.__cpu_dispatch__`` but the AVX2 one (a test checks
#: them against the numpy installed).
NUMPY_ABOVE_AVX2 = {(2, 4): ("X86_V4", "AVX512_ICL", "AVX512_SPR")}


def has_avx2(cpuinfo: str = "/proc/cpuinfo") -> bool:
    """True when the first processor's flags in ``cpuinfo`` (Linux) include AVX2."""
    try:
        with open(cpuinfo, encoding="ascii", errors="replace") as f:
            for line in f:
                if line.startswith("flags"):
                    return "avx2" in line.split()
    except OSError:
        return False
    return False


def numpy_release() -> tuple[int, int] | None:
    """(major, minor) of the numpy installed, read from its ``version.py`` without
    importing it; None when numpy is not found."""
    spec = importlib.util.find_spec("numpy")
    if spec is None or not spec.origin:
        return None
    try:
        text = (Path(spec.origin).parent / "version.py").read_text(encoding="utf-8")
    except OSError:
        return None
    m = re.search(r'^version = "(\d+)\.(\d+)', text, re.MULTILINE)
    return (int(m.group(1)), int(m.group(2))) if m else None


def fix_kernel() -> dict[str, str]:
    """Ask for the same floating-point code on every x86-64 machine with AVX2 (see the
    module docstring) when it can still take effect; return what is asked for now."""
    asked = {k: os.environ[k] for k in (ENV, NUMPY_ENV) if k in os.environ}
    if "numpy" in sys.modules or platform.machine().lower() not in ("x86_64", "amd64"):
        return asked
    if not has_avx2():
        return asked
    if ENV not in os.environ:
        os.environ[ENV] = asked[ENV] = KERNEL
    targets = NUMPY_ABOVE_AVX2.get(numpy_release() or (0, 0))
    if NUMPY_ENV not in os.environ and targets:
        os.environ[NUMPY_ENV] = asked[NUMPY_ENV] = ",".join(targets)
    return asked
