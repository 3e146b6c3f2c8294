"""Sentences of a text: the spans that :mod:`dtanalysis.extract` attributes figures by."""

from __future__ import annotations

import re
from itertools import starmap
from operator import sub

__all__ = ["MAX_SENTENCE", "split_sentences"]

#: Longest sentence, in characters. A longer span (a line without sentence ends, a
#: table pasted as one line) is split at its clause breaks ("; ", then ", ", then
#: ": "), and a piece still longer is cut at the last space before the limit (at the
#: limit itself when there is none), so that a figure row never copies more than this
#: many characters of context and the tables stay proportional to the input.
MAX_SENTENCE = 1000
_CLAUSE_BREAKS = ("; ", ", ", ": ")

# A line break, or a candidate sentence end: punctuation (and closing quotes or
# brackets) followed by spaces and a non-space. The leading character class lets the
# regex engine skip quickly to the next candidate.
_SENT_END_OR_NL = re.compile(r"[\n.!?…](?:(?<=\n)|[.!?…]*[\"”’')\]]*(?= +(\S)))")
_ABBREV = frozenset(
    [
        "tp",
        "tt",
        "tx",
        "ths",
        "ts",
        "pgs",
        "gs",
        "bs",
        "ks",
        "ls",
        "nxb",
        "st",
        "dr",
        "mr",
        "mrs",
        "ms",
        "ltd",
        "co",
        "inc",
        "vs",
        "q",
        "p",
        "h",
        "x",
        "tr",
        "nq",
        "qđ",
        "v.v",
        "vv",
        "ubnd",
    ]
)
_WORD_BEFORE = re.compile(r"([\w.]+)$")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Split a text into sentences.

    A line break always ends a sentence. Inside a line, ".", "!", "?" or "…" end a
    sentence when followed by a space and an upper-case letter, a digit, a quote, a
    bracket or a dash, except after abbreviations ("TP.", "Tp.", "ThS.", "TS.", "v.v.")
    and single-letter initials. A decimal or grouping dot is never followed by a
    space, so it never ends a sentence, and dots inside URLs neither.

    Parameters
    ----------
    text : str
        Normalised text.

    Returns
    -------
    list of (int, int)
        ``(start, end)`` offsets of each sentence, leading and trailing white space
        excluded; empty lines give no sentence. No span is longer than
        :data:`MAX_SENTENCE` characters (longer ones are split at clause breaks, then
        at word boundaries).
    """
    spans: list[tuple[int, int]] = []
    add = spans.append
    isupper, isdigit = str.isupper, str.isdigit
    seg_start = line_start = 0
    # one pass over the text for line breaks and candidate sentence ends; a segment
    # becomes a sentence with its white space trimmed (str.strip() without copies)
    for m in _SENT_END_OR_NL.finditer(text):
        a, b = m.span()
        ch = m.group(1)  # the first non-space after a candidate end (None at "\n")
        if ch is None:
            while seg_start < a and text[seg_start].isspace():
                seg_start += 1
            while a > seg_start and text[a - 1].isspace():
                a -= 1
            if seg_start < a:
                add((seg_start, a))
            seg_start = line_start = b
            continue
        if not (isupper(ch) or isdigit(ch) or ch in "\"“‘'([-–•"):
            continue
        if text[a] == "." and (b - a == 1 or len(text[a:b].rstrip("\"”’')]")) == 1):
            wb = _WORD_BEFORE.search(text, max(line_start, a - 12), a)
            if wb:
                word = wb.group(1).lower()
                if word in _ABBREV or (len(word) == 1 and word.isalpha()):
                    continue
        while seg_start < b and text[seg_start].isspace():
            seg_start += 1
        # b ends on punctuation or a closing quote (no white space to trim), and the
        # next sentence starts at the non-space after the spaces (group 1)
        add((seg_start, b))
        seg_start = m.start(1)
    _add_span(text, seg_start, len(text), spans)
    if spans and min(starmap(sub, spans)) < -MAX_SENTENCE:  # a span longer than the limit
        spans = [piece for a, b in spans for piece in _bounded(text, a, b, 0)]
    return spans


def _bounded(text: str, a: int, b: int, level: int) -> list[tuple[int, int]]:
    """``text[a:b]`` as spans of at most :data:`MAX_SENTENCE` characters.

    A span within the limit is kept; a longer one is split after every clause break
    of kind ``level`` (and the pieces still too long at the next kind), then cut at
    word boundaries.
    """
    if b - a <= MAX_SENTENCE:
        return [(a, b)]
    if level < len(_CLAUSE_BREAKS):
        sep = _CLAUSE_BREAKS[level]
        pieces: list[tuple[int, int]] = []
        start = a
        cut = text.find(sep, a, b)
        while cut != -1:
            _add_span(text, start, cut + 1, pieces)
            start = cut + 1
            cut = text.find(sep, start, b)
        _add_span(text, start, b, pieces)
        return [p for s, e in pieces for p in _bounded(text, s, e, level + 1)]
    out: list[tuple[int, int]] = []
    while b - a > MAX_SENTENCE:
        cut = text.rfind(" ", a + 1, a + MAX_SENTENCE + 1)
        cut = cut if cut > a else a + MAX_SENTENCE
        _add_span(text, a, cut, out)
        a = cut
        while a < b and text[a].isspace():
            a += 1
    _add_span(text, a, b, out)
    return out


def _add_span(text: str, a: int, b: int, spans: list[tuple[int, int]]) -> None:
    """Append ``text[a:b]`` without its white space to ``spans`` unless it is blank."""
    seg = text[a:b]
    core = seg.strip()
    if core:
        a += len(seg) - len(seg.lstrip())
        spans.append((a, a + len(core)))
