"""One BLAS kernel on every x86-64 machine, so that fitted numbers repeat to the last digit.

numpy and scipy do their linear algebra in OpenBLAS, which picks a kernel for the
processor it runs on (``DYNAMIC_ARCH``). The kernels order their sums differently, so a
fit's 15th significant digit can differ from one machine to the next: the curves and
gaps of ``data/processed/`` built on a processor with AVX-512 (kernel ``SkylakeX``) and
on one without it (``Haswell``) were not byte-identical. :func:`fix_kernel` asks
OpenBLAS for the ``Haswell`` kernel (AVX2, which every x86-64 server and laptop since
2013 has) through ``OPENBLAS_CORETYPE``, before numpy loads; the Makefile exports the
same value, so the tests, the build and the notebooks' kernels use it too.

Left alone: a value the user set, a process in which numpy is already loaded (too late
to choose), and a processor without AVX2 or that is not x86-64 (its own kernel is used,
and its last digits may differ from the committed tables).
"""
from __future__ import annotations

import os
import platform
import sys

#: The kernel asked for (OpenBLAS's name).
KERNEL = "Haswell"
ENV = "OPENBLAS_CORETYPE"


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


def fix_kernel() -> str | None:
    """Set ``OPENBLAS_CORETYPE`` to :data:`KERNEL` when it can still take effect (see
    the module docstring); return the kernel now asked for (None: OpenBLAS chooses)."""
    if ENV in os.environ or "numpy" in sys.modules:
        return os.environ.get(ENV)
    if platform.machine().lower() not in ("x86_64", "amd64") or not has_avx2():
        return None
    os.environ[ENV] = KERNEL
    return KERNEL
