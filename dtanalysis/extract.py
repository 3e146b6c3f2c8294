"""Figures out of texts: the ``figures.csv`` / ``mentions.csv`` tables.

The ``extract`` command is in :mod:`dtanalysis.cli`.

``python -m dtanalysis extract PATH... [--out figures.csv] [--mentions mentions.csv]
[--encoding cp1258] [--province NAME] [--strict]`` reads any text files or folders
(``*.txt``, searched recursively) and writes one row per figure; see
:data:`FIGURE_COLUMNS` and ``docs/ARCHITECTURE.md``.

Province of a figure (column ``province_basis`` says which rule applied, and
``province_evidence`` names the place or domain when one decided it):

1. ``sentence``: a province named in the figure's sentence: the one named right
   after the figure as its holder ("đứng thứ 2 là Thái Nguyên"), else the last one
   named before the figure, else the first one after it, unless several provinces
   follow it or it opens a list the figure introduces ("Top 10 tỉnh ... gồm: Đà
   Nẵng, ...": none);
2. ``place``: else a district, town or ward of one province named with its type word
   in the sentence ("huyện Thoại Sơn", "TP. Rạch Giá"; :mod:`dtanalysis.places`,
   gazetteer ``vietnamadminunits``), same order;
3. ``document``: else the province the document names most often (ties: the one
   named first);
4. ``document_place``: else the province of the places the document names most
   often;
5. ``domain``: else the province of the provincial web domain (``angiang.gov.vn``
   and its subdomains) in the manifest's publisher field, else in the text, when
   only one province's domain appears;
6. ``default``: else ``default_province`` (``--province``; for the corpus build the
   manifest's province);
7. empty when none of these exists; ``province_evidence`` then says why a place in
   the sentence gave none ("huyện Châu Thành (vietnamadminunits 1.0.4): 10 units of
   this name in 10 pre-2025 provinces").

These rules give no province before any of these (``province_evidence`` says which):
a national subject between the figure and the last province named before it
("giá trị trung bình cả nước đạt 0,69 điểm", "chỉ tiêu toàn quốc là 60%", "DTI cấp
quốc gia gồm 12 chỉ số", "Ở cấp bộ, ..."; also carried from the sentence before in
the paragraph; :func:`dtanalysis.places.sentence_scope`), among them the central
Government or its documents as the subject of the figure's sentence ("Nghị quyết số
30c/NQ-CP ngày 08/11/2011 của Chính phủ, đặt ra mục tiêu ... đạt mức trên 80%";
"Thủ tướng", ".../QĐ-TTg", ".../NĐ-CP", "Chương trình ... quốc gia"; not after a
province or provincial word named before them in the sentence, not the object of
"thực hiện", "triển khai", "căn cứ", not carried to the next sentence; "Chính phủ
điện tử" is no subject); the gap or ratio between two different provinces of the
sentence ("A (56,83%) so với B (4,21%) chênh lệch hơn 13 lần", "A gấp 13 lần B",
"A cao hơn B 5 điểm", "khoảng cách giữa A và B là 0,2 điểm";
:func:`dtanalysis.places.compares_provinces`; each province's own figure keeps it);
a count of the parts of an index in a sentence naming no province ("Bộ chỉ số gồm 8
lĩnh vực"; :func:`dtanalysis.places.counts_index_parts`); and, in a document that
names three or more provinces (a ranking or comparison), a paragraph that names
none of them does not take the document's most-named one (3.).

A province name right after a type word of a lower unit ("xã Hòa Bình") names that
unit, not the province, and is not counted as the province.

Bad input never stops a batch: each file is processed on its own, and problems are
collected as :class:`Failure` rows (file, message, level). Levels: ``error`` (the
file could not be read: missing, empty, binary, undecodable; a folder holding no
``*.txt``) and ``warning`` (the text was read but holds no figure, or look-alike
letters or non-ASCII digits were folded while reading it: one row per file, with
the count and the first fold). The command exits
with status 1 when any error occurred, and also on warnings when ``--strict`` is
given; otherwise warnings are listed on stderr and the status is 0, because a text
without figures is a legitimate finding rather than a broken input.
"""
from __future__ import annotations

import bisect
import os
import sys
import warnings
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from dtanalysis.errors import DtanalysisError, InputError
from dtanalysis.places import (
    OWN_PICK_AFTER,
    after_lower_unit_word,
    compares_provinces,
    counted_in_the_country,
    counts_index_parts,
    counts_provinces,
    detect_places,
    heads_list,
    introduces_list,
    is_dateline,
    is_index_age,
    joined_before,
    merged_into,
    names_holder,
    paragraph_marks,
    respective_index,
    sentence_scope,
)
from dtanalysis.provinces import canonical_province, detect_provinces
from dtanalysis.reading.collector import collector_paused
from dtanalysis.reading.scan import iter_mentions
from dtanalysis.reading.sentences import split_sentences

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "FIGURE_COLUMNS",
    "MENTION_COLUMNS",
    "ExtractionResult",
    "Failure",
    "extract_corpus",
    "extract_figures",
    "extract_paths",
    "iter_units",
    "mentions_frame",
    "open_output",
    "stream_extraction",
    "stream_extraction_dask",
    "write_csv",
    "write_extraction",
]

FIGURE_COLUMNS = (
    "figure_id", "doc_id", "file", "province", "province_id", "province_basis",
    "province_evidence", "value", "low", "high", "unit", "numerator", "denominator",
    "qualifier", "scale", "unit_text", "raw", "start", "end", "sentence", "sentence_start",
    "sentence_end", "flag",
)
MENTION_COLUMNS = (
    "mention_id", "doc_id", "file", "province", "province_id", "province_basis",
    "province_evidence", "start", "end", "raw", "kind", "reason",
    "value", "low", "high", "unit", "numerator", "denominator", "qualifier", "scale",
    "unit_text", "sentence_start", "sentence_end", "flag",
)
TEXT_SUFFIXES = (".txt",)
#: Float format of the CSV files: exact for every double with up to 15 significant
#: digits (so "12.345.678.901 đồng" keeps all its digits) and free of binary noise.
FLOAT_FORMAT = "%.15g"


class Failure(NamedTuple):
    """A file that could not be processed (``error``), or a finding about it (``warning``).

    Warnings: the file holds no figure, or look-alike letters or non-ASCII digits were
    folded while reading it.
    """

    file: str
    message: str
    level: str = "error"


class _FailureLevels:
    """``errors`` and ``warnings``: the :class:`Failure` rows of a batch by level."""

    failures: list[Failure]

    @property
    def errors(self) -> list[Failure]:
        """Failures of level ``error``."""
        return [f for f in self.failures if f.level == "error"]

    @property
    def warnings(self) -> list[Failure]:
        """Failures of level ``warning``."""
        return [f for f in self.failures if f.level == "warning"]


@dataclass
class ExtractionResult(_FailureLevels):
    """Figures, mentions and failures of a batch."""

    figures: pd.DataFrame
    mentions: pd.DataFrame
    failures: list[Failure] = field(default_factory=list)


# --------------------------------------------------------------------------- one text
def _resolve_default(default_province: str | None) -> tuple[str, str]:
    if not default_province:
        return "", ""
    c = canonical_province(default_province)
    return (c[0], c[1]) if c else ("", default_province)


def _document_province(found: list[tuple[str, str, int, int]]) -> tuple[str, str]:
    if not found:
        return "", ""
    counts = Counter(pid for pid, _, _, _ in found)
    first: dict[str, int] = {}
    names: dict[str, str] = {}
    for pid, name, s, _ in found:
        first.setdefault(pid, s)
        names[pid] = name
    best = min(counts, key=lambda pid: (-counts[pid], first[pid]))
    return best, names[best]


_NUMERIC = ("value", "low", "high", "numerator", "denominator", "scale")
_OFFSETS = ("start", "end", "sentence_start", "sentence_end")
_NO_QUANTITY = (None,) * 9
_NO_PLACES: list[tuple[str, str, int, str]] = []  # shared, never modified
_NO_STARTS: list[int] = []
_bisect_left = bisect.bisect_left

Rows = list[tuple[Any, ...]]


class _Provinces:
    """Province candidates of one text: names, places, domains, default.

    Built once per text; :meth:`sentence` selects the candidates of a sentence and
    :meth:`pick` returns ``(province_id, province, basis, evidence)`` of a mention.
    Places are looked for only where they can decide: in sentences that name no
    province, and in the whole text only when the fallback is needed.
    """

    def __init__(self, text: str, default_province: str | None, publisher: str = ""):
        # "xã Hòa Bình" names a commune, not the province Hòa Bình; a dateline ("Hà Nội
        # (TTXVN 2/4/2024) Kết quả ...") names where the news was filed, not its subject
        found = [f for f in detect_provinces(text)
                 if not after_lower_unit_word(text, f[2]) and not is_dateline(text, f[2], f[3])]
        self.text, self.default, self.publisher = text, default_province, publisher
        self.found = found
        self.pstarts = [s for _, _, s, _ in found]
        self.distinct = len({f[0] for f in found})
        self._para: tuple[int, int, bool, Any, bool] = (-1, -1, False, None, False)
        self.para = self._para  # the current sentence's (see _paragraph)
        #: the pick of every figure of the current sentence, when it is one for all
        self.same: tuple[str, str, str, str] | None = None
        self.lo = self.hi = 0
        self.clear: list[tuple[str, str, int, str]] = []
        self.cstarts: list[int] = []
        self.why = ""
        self.cur = (0, 0)
        self._scope: Any = None
        self._marks: list[tuple[int, bool, str]] = []  # of the current paragraph
        self._same_key: Any = None  # (para[2], para[3], why) of the kept _same_pick
        self._same_pick: tuple[str, str, str, str] = ("", "", "", "")

    @cached_property
    def fallback(self) -> tuple[str, str, str, str]:
        """Document, document place, domain or default (computed at first need). The
        document's province is the one it names as the new province of a merger
        ("lấy tên tỉnh mới là Cà Mau", "tỉnh Cà Mau (mới)"), else its most-named one."""
        merged = merged_into(self.text, self.found)
        if merged:
            return (merged[0], merged[1], "document", merged[2])
        doc_pid, doc_name = _document_province(self.found)
        if doc_pid:
            return (doc_pid, doc_name, "document", "")
        return self.other_fallback

    @cached_property
    def other_fallback(self) -> tuple[str, str, str, str]:
        """Document place, domain or default (computed at first need)."""
        clear = [p for p in detect_places(self.text) if p.province_id]
        if clear:
            counts = Counter(p.province_id for p in clear)
            best = min(counts, key=lambda pid: -counts[pid])  # ties: the first named
            p = next(p for p in clear if p.province_id == best)
            return (best, p.province, "document_place", p.evidence)
        return self.domain_or_default

    @cached_property
    def domain_or_default(self) -> tuple[str, str, str, str]:
        """The province of the portal's domain, else the ``--province`` default
        (computed at first need)."""
        dom = _domain_province(self.text, self.publisher)
        if dom:
            return dom
        def_pid, def_name = _resolve_default(self.default)
        return (def_pid, def_name, "default", "") if def_name else ("", "", "", "")

    def sentence(self, cur_s: int, cur_e: int) -> None:
        """Select the candidates inside the sentence ``[cur_s, cur_e)``."""
        pstarts = self.pstarts
        self.lo = lo = _bisect_left(pstarts, cur_s)
        self.hi = hi = _bisect_left(pstarts, cur_e)
        self.cur, self._scope, self.same = (cur_s, cur_e), None, None
        para = self._para
        if not para[0] <= cur_s < para[1]:
            para = self._paragraph(cur_s)
        self.para = para
        if lo < hi:
            return
        places = detect_places(self.text, cur_s, cur_e)
        if places:
            self.clear = [(p.province_id, p.province, p.start, p.evidence)
                          for p in places if p.province_id]
            self.cstarts = [c[2] for c in self.clear]
            self.why = next((p.evidence for p in places if p.reason), "")
        else:  # most sentences name no place
            self.clear, self.cstarts, self.why = _NO_PLACES, _NO_STARTS, ""
        if not self.clear and not (para[4] and self._national_in_sentence()):
            # nothing in the sentence depends on where the figure stands: one answer,
            # unless a figure counts the parts of an index (``_rows`` asks
            # :meth:`pick` for a figure followed by a part noun, "8 chỉ số"); the
            # answer depends only on what the paragraph names and on ``why``, so it
            # is kept for the next such sentence
            key = (para[2], para[3], self.why)
            if self._same_key != key:
                self._same_key, self._same_pick = key, self._unnamed()
            self.same = self._same_pick

    def _national_in_sentence(self) -> bool:
        """False when no figure of the current sentence can have a national subject
        although its paragraph holds a national word: the sentence holds no national
        word and continues none (:meth:`places.Scope.carried`), so that
        :meth:`places.Scope.national_before` is "" wherever the figure stands."""
        scope = self._scope = sentence_scope(self.text, *self.cur, self.pstarts, self._marks)
        return any(m[1] for m in scope.marks) or bool(scope.carried())

    def _paragraph(self, cur_s: int) -> tuple[int, int, bool, Any, bool]:
        """The paragraph (line) around ``cur_s``, computed once per paragraph:
        ``(start, end, names a province, the one province it names, holds a national
        word)``; the fourth is a pick of basis ``paragraph``, or None when it names
        none or more than one. Its scope marks (:func:`places.paragraph_marks`, read
        only in paragraphs that hold a figure) go to ``_marks``."""
        text, pstarts = self.text, self.pstarts
        a = text.rfind("\n", 0, cur_s) + 1
        b = text.find("\n", cur_s)
        b = len(text) if b < 0 else b
        named = self.found[_bisect_left(pstarts, a) : _bisect_left(pstarts, b)]
        one = None
        if named and all(f[0] == named[0][0] for f in named[1:]):
            one = (named[0][0], named[0][1], "paragraph", "")
        self._marks = paragraph_marks(text, a, b)
        para = self._para = (a, b, bool(named), one, bool(self._marks))
        return para

    def national(self, pos: int, after: int = -1) -> str:
        """The national subject of a figure at ``pos`` (:meth:`places.Scope.national_before`),
        or "" at once when its paragraph holds no national word (only such a word
        gives a national subject, and the marks hold only such paragraphs)."""
        if not self.para[4]:
            return ""
        if self._scope is None:
            self._scope = sentence_scope(self.text, *self.cur, self.pstarts, self._marks)
        return self._scope.national_before(pos, after)

    def pick(self, start: int, end: int) -> tuple[str, str, str, str]:
        """Province of a mention ``[start, end)`` in the current sentence."""
        if counts_provinces(self.text, start, end):
            return ("", "", "", "counts provinces or regions (a set of them, not one)")
        if self.lo < self.hi:
            return self._pick_named(start, end)
        if counts_index_parts(self.text, self.cur[0], start, end):
            return ("", "", "", "counts the parts of an index (its method, not a province)")
        if is_index_age(self.text, start, end):
            return ("", "", "", "the age of an index (its history, not a province)")
        country = counted_in_the_country(self.text, start, end)
        if country:
            return ("", "", "", f"a count of the whole country: '{country.strip()}'")
        if self.clear:
            j = bisect.bisect_left(self.cstarts, start)
            c = self.clear[j - 1] if j > 0 else self.clear[0]
            if not self.national(start, c[2] if j > 0 else -1):
                return c[0], c[1], "place", c[3]
        nat = self.national(start)
        if nat:
            return ("", "", "", f"national subject before the figure: '{nat}'")
        return self._unnamed()

    def _pick_named(self, start: int, end: int) -> tuple[str, str, str, str]:
        """Province of a mention in a sentence that names provinces: the one named
        right after the figure as its holder ("thứ 2 là X", unless X opens a list),
        else the last one named before it (:meth:`_named_before`), else the first one
        after it; none when a national subject stands between ("chỉ tiêu toàn quốc là
        60%"), when the figure is the gap between two of them, or when several
        provinces follow it (a list)."""
        lo, hi, found, text = self.lo, self.hi, self.found, self.text
        j = bisect.bisect_left(self.pstarts, start, lo, hi)
        if j < hi and names_holder(text, end, found[j][2]) and not heads_list(text, found, j, hi):
            return found[j][0], found[j][1], "sentence", ""
        if hi - lo > 1:  # the gap between two of them ("A gấp 13 lần B")
            gap = compares_provinces(text, self.cur[0], start, end, found[lo:hi], j - lo)
            if gap:
                return ("", "", "", gap)
        nat = self.national(start, found[j - 1][2] if j > lo else -1)
        if nat:
            return ("", "", "", f"national subject before the figure: '{nat}'")
        if j < hi and introduces_list(text, end, found[j][2]):
            return ("", "", "", "the figure introduces a list of places")
        if j > lo:
            return self._named_before(start, j)
        if any(f[0] != found[lo][0] for f in found[lo + 1 : hi]):
            return ("", "", "", "several provinces named after the figure")
        return found[lo][0], found[lo][1], "sentence", ""

    def _named_before(self, start: int, j: int) -> tuple[str, str, str, str]:
        """The province named last before the figure (``found[j - 1]``), unless it ends
        a list of provinces named together in the figure's clause ("Bạc Liêu, Quảng
        Ninh và Trà Vinh tăng ... 8%": none); after such a list, "lần lượt"
        (respectively) gives the i-th figure to the i-th province."""
        found = self.found
        last = found[j - 1]
        k = joined_before(self.text, found, self.lo, j)
        if all(f[0] == last[0] for f in found[k : j - 1]) or ";" in self.text[last[3] : start]:
            # one province, or a list in an earlier clause ("sáp nhập A và B; ... 2 cấp")
            return last[0], last[1], "sentence", ""
        i = respective_index(self.text, last[3], start)
        if i is None:
            return ("", "", "", "several provinces named together before the figure")
        if i < j - k:
            p = found[k + i]
            return p[0], p[1], "sentence", f"respectively ('lần lượt'): figure {i + 1} of {j - k}"
        return ("", "", "", f"more figures than the {j - k} provinces before 'lần lượt'")

    def _unnamed(self) -> tuple[str, str, str, str]:
        """Province of a figure in a sentence that names none and no place that decides,
        with no national subject: from its paragraph, the document, the portal's
        domain or the default (the same for every such figure of the sentence)."""
        fb = self.fallback
        if self.distinct > 1:
            # a document about several provinces: a sentence naming none continues
            # its paragraph ("Tại tỉnh X, ... . Tỉnh đã cấp ..."), when the paragraph
            # names only one province
            own = self.para[3]
            if own:
                return own
        if fb[2] == "document" and (self.distinct > 2 or (self.distinct > 1 and self.para[2])):
            # a document naming three or more provinces compares them: a paragraph
            # that names none of them is about none of them (a national figure, a
            # table row) rather than about the most-named one, nor about the province
            # of the most-named district; nor is a sentence naming none in a paragraph
            # naming several ("A tăng mạnh nhất, B thấp nhất. Trong khi đó, 9 địa
            # phương giảm"); the portal's domain or --province may decide
            fb = self.domain_or_default
            if not fb[0]:
                what = "several, this sentence none" if self.para[2] else "none"
                why = f"the document names {self.distinct} provinces, this paragraph {what}"
                return ("", "", "", why)
        if not fb[0] and self.why:
            return ("", fb[1], fb[2], self.why)
        return fb


def _domain_province(text: str, publisher: str) -> tuple[str, str, str, str] | None:
    """Province of the provincial web domain(s) in the publisher field, else in the text.

    Domains of more than one province make it unclear (None).
    """
    from dtanalysis.places import detect_domains
    from dtanalysis.provinces import load_provinces

    for source in (publisher, text):
        found = detect_domains(source) if source else []
        pids = {f[0] for f in found}
        if len(pids) == 1:
            pid = found[0][0]
            name = next(p.name for p in load_provinces() if p.province_id == pid)
            where = "publisher" if source is publisher else "text"
            return (pid, name, "domain", f"{found[0][1]} (provincial portal domain, {where})")
        if pids:
            return None
    return None


@collector_paused  # a text's reading makes no reference cycles (see the module)
def _rows(
    text: str,
    doc_id: str,
    file: str | None,
    default_province: str | None,
    *,
    figures: bool = True,
    mentions: bool = True,
    publisher: str = "",
) -> tuple[Rows, Rows]:
    """Figure rows (in FIGURE_COLUMNS order) and mention rows (MENTION_COLUMNS) of one text.

    ``figures=False`` / ``mentions=False`` skip building the table not asked for.
    Mentions come in text order, so consecutive mentions mostly share a sentence:
    the sentence, its text and the province candidates are looked up once per
    sentence and reused.
    """
    sentences = split_sentences(text)
    starts = [s for s, _ in sentences]
    fname = file if file is not None else doc_id
    figs: Rows = []
    ments: Rows = []
    if not (figures or mentions):
        return figs, ments
    prov = _Provinces(text, default_province, publisher)
    bisect_right = bisect.bisect_right
    own_pick_after = OWN_PICK_AFTER.match
    # the current sentence: [cur_s, cur_e)
    cur_s = cur_e = -1
    sentence = ""
    # mentions are consumed as they are found: those not kept are freed at once
    for m in iter_mentions(text):
        kind = m.kind
        if not mentions and kind != "figure":
            continue
        start, end = m.start, m.end
        if not (cur_s <= start < cur_e):
            i = bisect_right(starts, start) - 1
            if i >= 0 and sentences[i][1] > start:
                cur_s, cur_e = sentences[i]
            else:  # pragma: no cover - every digit lies in a sentence
                cur_s, cur_e = start, end
            prov.sentence(cur_s, cur_e)
            sentence = ""
        ss = cur_s
        se = max(cur_e, end)
        picked = prov.same
        if picked is None or own_pick_after(text, end):
            picked = prov.pick(start, end)
        pid, pname, basis, evidence = picked
        q = m.quantity
        if q is not None:
            unit = q.unit
            qcells = (q.value, q.low, q.high, unit, q.value if unit == "ratio" else None,
                      q.denominator, q.qualifier, q.scale, q.unit_text)
        else:
            qcells = _NO_QUANTITY
        ident = f"{doc_id}:{start}-{end}"
        if mentions:
            ments.append((ident, doc_id, fname, pname, pid, basis, evidence, start, end, m.raw,
                          kind, m.reason, *qcells, ss, se, m.flag))
        if not figures or kind != "figure":
            continue
        if se != cur_e:  # pragma: no cover - a mention never runs past its sentence
            sent = text[ss:se]
        else:
            if not sentence:
                sentence = text[ss:se]
            sent = sentence
        figs.append((ident, doc_id, fname, pname, pid, basis, evidence, *qcells, m.raw, start,
                     end, sent, ss, se, m.flag))
    return figs, ments


def _frame(rows: Rows, columns: Sequence[str]) -> pd.DataFrame:
    import numpy as np
    import pandas as pd

    cols = list(zip(*rows, strict=True)) if rows else [()] * len(columns)
    data: dict[str, Any] = {}
    for c, v in zip(columns, cols, strict=True):
        if c in _NUMERIC:
            data[c] = np.array(v, dtype="float64")  # None becomes NaN
        elif c in _OFFSETS:
            data[c] = np.array(v, dtype="int64")
        else:
            data[c] = np.array(v, dtype=object)
    df = pd.DataFrame(data, columns=list(columns), copy=False)  # the arrays are new
    if len(df) and not _sorted_rows(data["doc_id"], data["start"]):
        df = df.sort_values(["doc_id", "start"], kind="mergesort").reset_index(drop=True)
    return df


def _sorted_rows(doc_ids: Any, starts: Any) -> bool:
    """True when rows are already in (doc_id, start) order (one text: no sort needed)."""
    import numpy as np

    if len(starts) < 2:
        return True
    if not np.all(doc_ids == doc_ids[0]):  # elementwise, in C
        return False
    return bool(np.all(starts[1:] >= starts[:-1]))


def extract_figures(
    text: str,
    doc_id: str,
    *,
    file: str | None = None,
    default_province: str | None = None,
) -> pd.DataFrame:
    """One row per figure of a normalised text.

    Parameters
    ----------
    text : str
        Normalised text (:func:`dtanalysis.text.read_text`); offsets refer to it.
    doc_id : str
        Document identifier (the manifest's, or the file name).
    file : str, optional
        File name (defaults to ``doc_id``).
    default_province : str, optional
        Province used when neither the sentence nor the document names one.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`FIGURE_COLUMNS`, sorted by ``start``; ``raw ==
        text[start:end]`` on every row.
    """
    figs, _ = _rows(text, doc_id, file, default_province, mentions=False)
    return _frame(figs, FIGURE_COLUMNS)


def mentions_frame(text: str, doc_id: str, *, file: str | None = None) -> pd.DataFrame:
    """Every digit-bearing mention of a normalised text as a table.

    Parameters
    ----------
    text : str
        Normalised text.
    doc_id : str
        Document identifier.
    file : str, optional
        File name (defaults to ``doc_id``).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`MENTION_COLUMNS`, sorted by ``start``.
    """
    _, ments = _rows(text, doc_id, file, None, figures=False)
    return _frame(ments, MENTION_COLUMNS)


# --------------------------------------------------------------------------- batches
def _iter_inputs(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[Path], list[Failure]]:
    files: list[Path] = []
    failures: list[Failure] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(
                (f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in TEXT_SUFFIXES),
                key=lambda f: f.as_posix(),
            )
            if not found:
                where = os.fspath(raw)
                failures.append(Failure(where, f"{where}: folder holds no text files (*.txt)"))
            files.extend(found)
        elif p.exists():
            files.append(p)
        else:
            failures.append(Failure(os.fspath(raw), f"{os.fspath(raw)}: no such file or folder"))
    return files, failures


def _manifest_ids() -> dict[str, str]:
    """Map resolved raw-file paths to manifest doc_ids (empty when no manifest)."""
    try:
        from dtanalysis import paths as _paths
        from dtanalysis.corpus import read_manifest

        raw_dir = _paths.raw_dir()
        rows = read_manifest(raw_dir)
    except (ImportError, AttributeError, DtanalysisError, OSError, ValueError, KeyError):
        return {}
    out = {}
    for r in rows:
        if r.get("file") and r.get("doc_id"):
            out[str((Path(raw_dir) / r["file"]).resolve())] = r["doc_id"]
    return out


def _no_figure_failure(name: str, n_mentions: int) -> Failure:
    return Failure(name, f"{name}: no figures found ({n_mentions} other digit mentions)", "warning")


class _Unit(NamedTuple):
    """Files sharing one doc_id (usually one file), processed together."""

    doc_id: str
    files: tuple[tuple[int, str], ...]  # (input position, path)


def _plan(
    paths: Iterable[str | os.PathLike[str]],
) -> tuple[list[_Unit], list[tuple[int, Failure]]]:
    """The units of work in output order (by doc_id, as the tables are sorted)."""
    files, failures = _iter_inputs(paths)
    manifest = _manifest_ids() if files else {}
    names = Counter(f.name for f in files)
    by_doc: dict[str, list[tuple[int, str]]] = {}
    for i, f in enumerate(files):
        doc_id = manifest.get(str(f.resolve())) or (f.name if names[f.name] == 1 else f.as_posix())
        by_doc.setdefault(doc_id, []).append((i + len(failures), os.fspath(f)))
    units = [_Unit(d, tuple(by_doc[d])) for d in sorted(by_doc)]
    # input failures come first in the failure list, as before
    return units, list(enumerate(failures))


class _Done(NamedTuple):
    """What one unit gave: rows (or their CSV text), counts and failures."""

    figures: Any
    mentions: Any
    n_figures: int
    n_mentions: int
    n_texts: int
    failures: list[tuple[int, Failure]]


def _read_noting_lookalikes(name: str, encoding: str | None) -> tuple[str, list[str]]:
    """Read one file; the look-alike folds it reports become messages, not warnings.

    In a batch (and in worker processes, whose Python warnings never reach the
    caller) a :class:`~dtanalysis.text.LookalikeWarning` is one ``warning`` row of
    the batch's failures, so it is listed with the other problems of the run.
    """
    from dtanalysis.text import LookalikeWarning, read_text

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", LookalikeWarning)
        text = read_text(Path(name), encoding=encoding)
    messages = []
    for w in caught:
        if issubclass(w.category, LookalikeWarning):
            messages.append(str(w.message))
        else:  # anything else is re-issued as it came
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    return text, messages


def _run_unit(
    unit: _Unit,
    encoding: str | None,
    default_province: str | None,
    as_csv: bool,
    mentions_csv: bool = True,
) -> _Done:
    """Read and extract the files of one unit (in a worker process for ``jobs > 1``)."""
    figs: Rows = []
    ments: Rows = []
    failures: list[tuple[int, Failure]] = []
    n_texts = 0
    for pos, name in unit.files:
        try:
            text, folded = _read_noting_lookalikes(name, encoding)
        except InputError as exc:
            failures.append((pos, Failure(name, str(exc))))
            continue
        failures.extend((pos, Failure(name, msg, "warning")) for msg in folded)
        n_texts += 1
        fr, mr = _rows(text, unit.doc_id, Path(name).name, default_province)
        if not fr:
            failures.append((pos, _no_figure_failure(name, len(mr))))
        figs.extend(fr)
        ments.extend(mr)
    if len(unit.files) > 1:  # rows of one doc_id in start order, stable, as _frame sorts
        figs.sort(key=lambda r: r[FIGURE_COLUMNS.index("start")])
        ments.sort(key=lambda r: r[MENTION_COLUMNS.index("start")])
    nf, nm = len(figs), len(ments)
    if as_csv:
        ments_text = _csv_text(ments, MENTION_COLUMNS) if mentions_csv else ""
        return _Done(_csv_text(figs, FIGURE_COLUMNS), ments_text, nf, nm, n_texts, failures)
    return _Done(figs, ments, nf, nm, n_texts, failures)


def _csv_text(rows: Rows, columns: Sequence[str]) -> str:
    """Rows as CSV lines without header, exactly as :func:`write_csv` writes them."""
    if not rows:
        return ""
    import io

    buf = io.StringIO()
    _frame(rows, columns).to_csv(
        buf, index=False, header=False, lineterminator="\n", float_format=FLOAT_FORMAT
    )
    return buf.getvalue()


def _csv_header(columns: Sequence[str]) -> str:
    import io

    import pandas as pd

    buf = io.StringIO()
    write_csv(pd.DataFrame(columns=list(columns)), buf)
    return buf.getvalue()


def iter_units(
    paths: Iterable[str | os.PathLike[str]],
    *,
    encoding: str | None = None,
    default_province: str | None = None,
    jobs: int = 1,
    as_csv: bool = False,
    mentions_csv: bool = True,
) -> Iterator[_Done]:
    """Extraction results one unit (one doc_id) at a time, in output order.

    With ``jobs > 1`` the files are read in that many processes; results still come
    in the serial order, and at most ``2 * jobs`` units are in flight, so memory
    stays bounded whatever the corpus size. Input failures (missing paths, empty
    folders) come first, as a unit without rows.
    """
    units, input_failures = _plan(paths)
    yield _Done([] if not as_csv else "", [] if not as_csv else "", 0, 0, 0, input_failures)
    if jobs <= 1 or len(units) < 2:
        for u in units:
            yield _run_unit(u, encoding, default_province, as_csv, mentions_csv)
        return
    import multiprocessing as mp
    from collections import deque

    from dtanalysis.places import preload

    preload()  # forked workers inherit the gazetteer instead of each reading it
    ctx = mp.get_context("spawn" if sys.platform == "win32" else "fork")
    with ctx.Pool(jobs) as pool:
        pending: deque[Any] = deque()
        todo = iter(units)
        for u in todo:
            args = (u, encoding, default_province, as_csv, mentions_csv)
            pending.append(pool.apply_async(_run_unit, args))
            if len(pending) >= 2 * jobs:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()


def extract_paths(
    paths: Iterable[str | os.PathLike[str]],
    *,
    encoding: str | None = None,
    default_province: str | None = None,
    jobs: int = 1,
) -> ExtractionResult:
    """Extract figures and mentions from text files and folders.

    Each file is processed independently; a bad file becomes a :class:`Failure` and
    the others are still processed. The whole result is held in memory: for large
    corpora use :func:`stream_extraction`, which writes the tables as it goes.

    Parameters
    ----------
    paths : iterable of path-like
        Files (any name) and folders (searched recursively for ``*.txt``).
    encoding : str, optional
        Codec forced for every file (e.g. ``"cp1258"``).
    default_province : str, optional
        Province for figures whose sentence and document name none.
    jobs : int, default 1
        Processes reading the files (the result does not depend on it).

    Returns
    -------
    ExtractionResult
        ``figures`` and ``mentions`` sorted by ``doc_id``, ``start``; ``failures``
        in input order. ``doc_id`` is the manifest's when the file is a listed
        corpus file, else the file name (the path when two files share a name).
    """
    figs: Rows = []
    ments: Rows = []
    failures: list[tuple[int, Failure]] = []
    for done in iter_units(
        paths, encoding=encoding, default_province=default_province, jobs=jobs
    ):
        figs.extend(done.figures)
        ments.extend(done.mentions)
        failures.extend(done.failures)
    failures.sort(key=lambda pf: pf[0])
    return ExtractionResult(
        _frame(figs, FIGURE_COLUMNS), _frame(ments, MENTION_COLUMNS), [f for _, f in failures]
    )


@dataclass
class StreamSummary(_FailureLevels):
    """Counts and failures of :func:`stream_extraction` (the tables are on disk)."""

    n_figures: int = 0
    n_mentions: int = 0
    n_texts: int = 0
    failures: list[Failure] = field(default_factory=list)


_WRITE_TEXT = "w"  # outputs only; _refuse_raw keeps them out of data/raw


def _refuse_raw(target: str) -> None:
    """Refuse an output path inside the corpus folder (only add-article writes there)."""
    try:
        from dtanalysis import paths as _paths

        raw = Path(_paths.raw_dir()).resolve()
    except (ImportError, AttributeError, DtanalysisError, OSError):  # pragma: no cover
        return
    if Path(target).resolve().is_relative_to(raw):
        raise DtanalysisError(f"{target}: refusing to write inside the corpus folder {raw}")


def open_output(target: str) -> Any:
    """Open an output CSV for writing (standard output for ``"-"``).

    Raises
    ------
    DtanalysisError
        Naming the target when it cannot be written (a folder, no permission) or
        lies inside ``data/raw``.
    """
    if target == "-":
        return sys.stdout
    _refuse_raw(target)
    try:
        Path(target).parent.mkdir(parents=True, exist_ok=True)
        return Path(target).open(_WRITE_TEXT, encoding="utf-8", newline="")
    except OSError as exc:
        raise DtanalysisError(f"{target}: cannot write ({exc.strerror or exc})") from None


def stream_extraction(
    paths: Iterable[str | os.PathLike[str]],
    figures_out: Any,
    mentions_out: Any = None,
    *,
    encoding: str | None = None,
    default_province: str | None = None,
    jobs: int = 1,
) -> StreamSummary:
    """Extract and write the tables file by file (flat memory at any corpus size).

    The CSV written is byte-identical to :func:`write_csv` of
    :func:`extract_paths`'s tables: the header once, then each document's rows as
    soon as they are produced, documents in ``doc_id`` order.

    Parameters
    ----------
    paths : iterable of path-like
        Files and folders, as for :func:`extract_paths`.
    figures_out, mentions_out : text stream
        Where the figures (and, when given, the mentions) CSV go.
    encoding, default_province, jobs
        As for :func:`extract_paths`.

    Returns
    -------
    StreamSummary
    """
    summary = StreamSummary()
    failures: list[tuple[int, Failure]] = []
    figures_out.write(_csv_header(FIGURE_COLUMNS))
    if mentions_out is not None:
        mentions_out.write(_csv_header(MENTION_COLUMNS))
    for done in iter_units(
        paths,
        encoding=encoding,
        default_province=default_province,
        jobs=jobs,
        as_csv=True,
        mentions_csv=mentions_out is not None,
    ):
        figures_out.write(done.figures)
        if mentions_out is not None:
            mentions_out.write(done.mentions)
        summary.n_figures += done.n_figures
        summary.n_mentions += done.n_mentions
        summary.n_texts += done.n_texts
        failures.extend(done.failures)
    failures.sort(key=lambda pf: pf[0])
    summary.failures = [f for _, f in failures]
    return summary


def stream_extraction_dask(
    paths: Iterable[str | os.PathLike[str]],
    figures_out: Any,
    mentions_out: Any = None,
    *,
    encoding: str | None = None,
    default_province: str | None = None,
    client: Any = None,
    window: int | None = None,
) -> StreamSummary:
    """:func:`stream_extraction` on a Dask cluster (optional extra ``dask``).

    The files become a :mod:`dask.bag` with one document per partition; the
    partitions are computed ``window`` at a time (default: twice the cluster's
    threads) and their CSV text is written in order as they come back, so the
    output is byte-identical to a serial run and the client's memory stays bounded.
    The files must be readable at the same paths on every worker (a shared file
    system).

    Parameters
    ----------
    paths, figures_out, mentions_out, encoding, default_province
        As for :func:`stream_extraction`.
    client : dask.distributed.Client, optional
        The cluster to use; without one, Dask's default scheduler runs locally.
    window : int, optional
        Partitions in flight at a time.

    Returns
    -------
    StreamSummary
    """
    import dask
    import dask.bag as db

    units, input_failures = _plan(paths)
    if window is None:
        threads = sum(client.nthreads().values()) if client is not None else os.cpu_count()
        window = 2 * max(1, threads or 1)
    want_m = mentions_out is not None
    parts = db.from_sequence(units, npartitions=max(1, len(units))).map(
        _run_unit, encoding, default_province, True, want_m
    ).to_delayed()
    summary = StreamSummary()
    failures = list(input_failures)
    figures_out.write(_csv_header(FIGURE_COLUMNS))
    if want_m:
        mentions_out.write(_csv_header(MENTION_COLUMNS))
    for i in range(0, len(parts) if units else 0, window):
        chunk = parts[i : i + window]
        if client is not None:
            results = client.gather(client.compute(chunk))
        else:
            results = dask.compute(*chunk)
        for part in results:
            for done in part:
                figures_out.write(done.figures)
                if want_m:
                    mentions_out.write(done.mentions)
                summary.n_figures += done.n_figures
                summary.n_mentions += done.n_mentions
                summary.n_texts += done.n_texts
                failures.extend(done.failures)
    failures.sort(key=lambda pf: pf[0])
    summary.failures = [f for _, f in failures]
    return summary


def extract_corpus(documents: Iterable[Any]) -> ExtractionResult:
    """Extract figures and mentions from loaded documents (the corpus build).

    Parameters
    ----------
    documents : iterable
        Objects with ``doc_id``, ``file`` and ``text`` (normalised), such as
        :class:`dtanalysis.corpus.Document`; an optional ``province`` attribute is
        used as the default province.

    Returns
    -------
    ExtractionResult
    """
    figs: Rows = []
    ments: Rows = []
    failures: list[Failure] = []
    for doc in documents:
        fr, mr = _rows(doc.text, doc.doc_id, doc.file, getattr(doc, "province", None) or None,
                       publisher=getattr(doc, "publisher", "") or "")
        if not fr:
            failures.append(_no_figure_failure(doc.file, len(mr)))
        figs.extend(fr)
        ments.extend(mr)
    return ExtractionResult(_frame(figs, FIGURE_COLUMNS), _frame(ments, MENTION_COLUMNS), failures)


def write_csv(df: pd.DataFrame, path: str | os.PathLike[str] | Any) -> None:
    """Write a table as UTF-8 CSV deterministically (``\\n`` line ends, ``%.15g`` floats).

    Parameters
    ----------
    df : pandas.DataFrame
    path : path-like or text stream
    """
    df.to_csv(path, index=False, lineterminator="\n", float_format=FLOAT_FORMAT)


def write_extraction(df: pd.DataFrame, target: str) -> None:
    """Write an extraction table to a file, or to standard output for ``"-"``.

    Raises
    ------
    DtanalysisError
        Naming the target when it cannot be written.
    """
    if target == "-":
        write_csv(df, sys.stdout)
        return
    try:
        Path(target).parent.mkdir(parents=True, exist_ok=True)
        write_csv(df, target)
    except OSError as exc:
        raise DtanalysisError(f"{target}: cannot write ({exc.strerror or exc})") from None
