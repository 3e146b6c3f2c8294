"""One BLAS kernel (dtanalysis/_blas.py): fits repeat to the last digit across machines."""
from __future__ import annotations

import os
import platform
import subprocess
import sys
from pathlib import Path

from dtanalysis import _blas

ROOT = Path(__file__).resolve().parent.parent


def _kernel_after(code: str, name: str = _blas.ENV, **env: str) -> str:
    """The variable ``name`` as a fresh process sees it after running ``code``."""
    full = {k: v for k, v in os.environ.items() if k not in (_blas.ENV, _blas.NUMPY_ENV)}
    full.update(env)
    show = f"; import os; print(os.environ.get({name!r}, '-'))"
    done = subprocess.run([sys.executable, "-c", code + show], env=full, cwd=ROOT,
                          capture_output=True, text=True, check=True)
    return done.stdout.splitlines()[-1]


def test_avx2_is_read_from_the_first_processor_flags(tmp_path):
    info = tmp_path / "cpuinfo"
    info.write_text("processor\t: 0\nflags\t\t: fpu sse2 avx avx2 fma\nprocessor\t: 1\n")
    assert _blas.has_avx2(str(info))
    info.write_text("processor\t: 0\nflags\t\t: fpu sse2 avx avx2x\n")
    assert not _blas.has_avx2(str(info))  # a whole flag, not a prefix
    assert not _blas.has_avx2(str(tmp_path / "missing"))


def test_import_dtanalysis_asks_for_the_kernel_before_numpy_loads():
    x86 = platform.machine().lower() in ("x86_64", "amd64") and _blas.has_avx2()
    assert _kernel_after("import dtanalysis") == (_blas.KERNEL if x86 else "-")
    assert _kernel_after("import numpy, dtanalysis") == "-"  # too late: left alone
    assert _kernel_after("import dtanalysis", OPENBLAS_CORETYPE="Sandybridge") == "Sandybridge"
    targets = ",".join(_blas.NUMPY_ABOVE_AVX2.get(_blas.numpy_release(), ()))
    assert _kernel_after("import dtanalysis", _blas.NUMPY_ENV) == (targets if x86 else "-")
    assert _kernel_after("import numpy, dtanalysis", _blas.NUMPY_ENV) == "-"


def test_the_numpy_targets_turned_off_are_those_above_avx2_of_the_numpy_installed():
    # a numpy release not listed gets no NPY_DISABLE_CPU_FEATURES (numpy refuses names
    # it does not know): the pinned release must be listed, with its own names
    import numpy
    from numpy._core._multiarray_umath import __cpu_dispatch__

    release = _blas.numpy_release()
    assert release == tuple(int(x) for x in numpy.__version__.split(".")[:2])
    assert release in _blas.NUMPY_ABOVE_AVX2, f"list the AVX-512 targets of numpy {release}"
    assert set(_blas.NUMPY_ABOVE_AVX2[release]) == set(__cpu_dispatch__) - {"X86_V3"}
    # and numpy accepts them: a fresh process loads with them turned off
    code = ("import numpy; from numpy._core._multiarray_umath import __cpu_features__ as f; "
            "print(f['AVX2'], f['AVX512F'])")
    env = dict(os.environ, **{_blas.NUMPY_ENV: " ".join(_blas.NUMPY_ABOVE_AVX2[release])})
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, check=True)
    assert done.stdout.split()[1] == "False"  # no AVX-512 code, whatever the processor


def test_make_exports_the_same_kernel():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert f"export {_blas.ENV} := {_blas.KERNEL}" in makefile
    if _blas.has_avx2() and platform.machine().lower() in ("x86_64", "amd64") \
            and os.environ.get("MAKELEVEL"):
        assert os.environ.get(_blas.ENV) == _blas.KERNEL  # this suite runs under make
