"""Reading a text without the cyclic garbage collector's passes.

Reading a text allocates a few container objects per digit token (the token's
context, its mention and quantity, the row tuples of the extraction). CPython starts
a pass of its cyclic collector after every 700 such allocations, and every tenth pass
of the older generations traverses every live object of the process, including the
rows already built and whatever pandas and the notebook hold. On 10 MB of text these
passes cost about 8% of ``extract_figures`` (``benchmarks/bench_extract.py``) while
they free next to nothing: the objects of the reading hold no reference cycles and
are freed by reference counting the moment they are dropped.

:func:`collector_paused` wraps a function so that the collector is disabled while it
runs and re-enabled afterwards (also when it raises), unless it was disabled already
(then it stays so). Nothing is lost: a cycle made in between is collected by the
first pass after. The collector state is process-wide, so a thread that reads while
another allocates cycles delays their collection by at most one text.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable
from typing import ParamSpec, TypeVar

__all__ = ["collector_paused"]

_P = ParamSpec("_P")
_R = TypeVar("_R")


def collector_paused(fn: Callable[_P, _R]) -> Callable[_P, _R]:
    """``fn`` run with the cyclic garbage collector disabled (see the module).

    Examples
    --------
    >>> import gc
    >>> @collector_paused
    ... def state():
    ...     return gc.isenabled()
    >>> state(), gc.isenabled()
    (False, True)
    """

    @functools.wraps(fn)
    def paused(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        if not gc.isenabled():
            return fn(*args, **kwargs)
        gc.disable()
        try:
            return fn(*args, **kwargs)
        finally:
            gc.enable()

    return paused
