"""One text's figure and mention rows: each mention with its sentence and province.

:func:`text_rows` reads a normalised text once: its sentences
(:func:`dtanalysis.reading.split_sentences`), its province names
(:func:`dtanalysis.provinces.detect_provinces`) and its mentions
(:func:`dtanalysis.reading.iter_mentions`), and gives each mention its sentence
and a province by the rules listed in :mod:`dtanalysis.extract` (whose tables, files
and command line are built on these rows). :class:`_Provinces` holds a text's
province candidates and applies those rules, with the place, scope and list rules of
:mod:`dtanalysis.places`.

This module is compiled with the reading modules (:mod:`dtanalysis._native`): it runs
once for every mention of every text, so its calls to the reading and place rules
then run in C. It holds no pandas: the rows are tuples in the column order of
:data:`dtanalysis.extract.FIGURE_COLUMNS` and :data:`dtanalysis.extract.MENTION_COLUMNS`.
"""
from __future__ import annotations

import bisect
from collections import Counter
from typing import Any

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
from dtanalysis.reading.scan import iter_mentions
from dtanalysis.reading.sentences import split_sentences

__all__ = ["Rows", "text_rows"]

#: Rows of a table: tuples in the order of its columns.
Rows = list[tuple[Any, ...]]
#: A province pick: ``(province_id, province, basis, evidence)``.
Pick = tuple[str, str, str, str]
#: A paragraph: ``(start, end, names a province, its one pick or None, holds a
#: national word)`` (:meth:`_Provinces._paragraph`).
Paragraph = tuple[int, int, bool, "Pick | None", bool]


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


_NO_QUANTITY = (None,) * 9
_NO_PLACES: list[tuple[str, str, int, str]] = []  # shared, never modified
_NO_STARTS: list[int] = []
_bisect_left = bisect.bisect_left


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
        self._para: Paragraph = (-1, -1, False, None, False)
        self.para: Paragraph = self._para  # the current sentence's (see _paragraph)
        #: the pick of every figure of the current sentence, when it is one for all
        self.same: Pick | None = None
        self.lo = self.hi = 0
        self.clear: list[tuple[str, str, int, str]] = []
        self.cstarts: list[int] = []
        self.why = ""
        self.cur = (0, 0)
        self._scope: Any = None
        self._marks: list[tuple[int, bool, str]] = []  # of the current paragraph
        self._same_key: Any = None  # (para[2], para[3], why) of the kept _same_pick
        self._same_pick: Pick = ("", "", "", "")
        # the fallbacks, computed at first need (properties below)
        self._fallback: Pick | None = None
        self._other_fallback: Pick | None = None
        self._domain_or_default: Pick | None = None

    @property
    def fallback(self) -> Pick:
        """Document, document place, domain or default (computed at first need). The
        document's province is the one it names as the new province of a merger
        ("lấy tên tỉnh mới là Cà Mau", "tỉnh Cà Mau (mới)"), else its most-named one."""
        if self._fallback is None:
            self._fallback = self._document_fallback()
        return self._fallback

    def _document_fallback(self) -> Pick:
        merged = merged_into(self.text, self.found)
        if merged:
            return (merged[0], merged[1], "document", merged[2])
        doc_pid, doc_name = _document_province(self.found)
        if doc_pid:
            return (doc_pid, doc_name, "document", "")
        return self.other_fallback

    @property
    def other_fallback(self) -> Pick:
        """Document place, domain or default (computed at first need)."""
        if self._other_fallback is None:
            self._other_fallback = self._place_fallback()
        return self._other_fallback

    def _place_fallback(self) -> Pick:
        clear = [p for p in detect_places(self.text) if p.province_id]
        if clear:
            counts = Counter(p.province_id for p in clear)
            best = min(counts, key=lambda pid: -counts[pid])  # ties: the first named
            p = next(p for p in clear if p.province_id == best)
            return (best, p.province, "document_place", p.evidence)
        return self.domain_or_default

    @property
    def domain_or_default(self) -> Pick:
        """The province of the portal's domain, else the ``--province`` default
        (computed at first need)."""
        if self._domain_or_default is None:
            self._domain_or_default = self._domain_fallback()
        return self._domain_or_default

    def _domain_fallback(self) -> Pick:
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
            # unless a figure counts the parts of an index (:func:`text_rows` asks
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

    def _paragraph(self, cur_s: int) -> Paragraph:
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
        one: Pick | None = None
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

    def pick(self, start: int, end: int) -> Pick:
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

    def _pick_named(self, start: int, end: int) -> Pick:
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

    def _named_before(self, start: int, j: int) -> Pick:
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

    def _unnamed(self) -> Pick:
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


def _domain_province(text: str, publisher: str) -> Pick | None:
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


def text_rows(
    text: str,
    doc_id: str,
    file: str | None,
    default_province: str | None,
    *,
    figures: bool = True,
    mentions: bool = True,
    publisher: str = "",
) -> tuple[Rows, Rows]:
    """Figure rows (in ``FIGURE_COLUMNS`` order) and mention rows (``MENTION_COLUMNS``)
    of one normalised text.

    ``file`` defaults to ``doc_id``; ``default_province`` is the last resort of the
    province rules, ``publisher`` the manifest's publisher field (its domain may name
    the province). ``figures=False`` / ``mentions=False`` skip building the table not
    asked for.
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
        # Any: compiled code would turn a value held as int (a rank, "thứ 2") into a float
        q: Any = m.quantity
        qcells: tuple[Any, ...]
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
