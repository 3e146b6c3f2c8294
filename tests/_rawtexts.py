"""Shared helper for tests: the five raw texts keyed by their original file name.

Prefers :func:`dtanalysis.corpus.load_corpus` (checksums verified); falls back to the
shared raw folder while the corpus is being set up.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

ORIGINAL_NAMES = (
    "000_3b7aae8af9256ed2.txt",
    "001_e8e96ba8ccdbee9b.txt",
    "002_0ed44bd844841dd8.txt",
    "003_e153036518162329.txt",
    "004_8a3823f08f490e68.txt",
)


@lru_cache(maxsize=1)
def raw_texts() -> dict[str, str]:
    try:
        from dtanalysis.corpus import load_corpus

        docs = load_corpus()
        texts = {d.original_name: d.text for d in docs}
        if set(ORIGINAL_NAMES) <= set(texts):
            return {k: texts[k] for k in ORIGINAL_NAMES}
    except Exception:  # noqa: BLE001, S110 - fall back to the shared copy below
        pass
    from dtanalysis.text import read_text

    shared = Path("/work/shared/raw")
    return {name: read_text(shared / name) for name in ORIGINAL_NAMES}
