"""Reporting periods of figures, from Vietnamese time expressions.

A figure's period is read from its own sentence first, then from the context the
caller passes (the earlier sentences of its paragraph, the header of a list, the
document's lead), relative to the document date. The rules are generic Vietnamese
reporting forms, not corpus-specific:

===========================================  =======================================
form                                         period (start, end)
===========================================  =======================================
``đến ngày 15/3/2025``, ``tính đến ...``     ("", 2025-03-15): cumulative up to a day
``ngày 27/4/2025``, ``chiều 13/5``           (d, d); a year-less day takes the
                                             document's year
``từ ngày 01/3 đến 26/4/2025``               (2025-03-01, 2025-04-26)
``từ ngày 1.1-20.4.2023``                    (2023-01-01, 2023-04-20)
``từ tháng 12.2022 đến tháng 3.2023``        (2022-12-01, 2023-03-31)
``tháng 3/2023``                             (2023-03-01, 2023-03-31)
``quý I/2025``, ``trong quý I năm 2025``     (2025-01-01, 2025-03-31)
``4 tháng đầu năm 2023``                     (2023-01-01, 2023-04-30)
``6 tháng cuối năm 2023``                    (2023-07-01, 2023-12-31)
``năm 2022``                                 (2022-01-01, 2022-12-31)
``giai đoạn 2021-2025``                      (2021-01-01, 2025-12-31)
``cuối năm 2022``, ``đến hết năm 2022``      (2022-12-31, 2022-12-31) / ("", 2022-12-31)
``từ đầu năm 2023 đến nay``                  (2023-01-01, document date)
``hiện nay``, ``đến nay``, ``hiện``          the document date (a year-precision date
                                             gives the whole year)
``đến năm 2025`` after ``phấn đấu`` etc.     ("", 2025-12-31): a target deadline
``so với cuối năm 2022``                     a comparison base, used only for changes
===========================================  =======================================

Dates of legal documents (``Quyết định số 422/QĐ-TTg ngày 04/4/2022``) are ignored.
In ``tăng từ 56% lên 81%`` the first value takes the start of a range period and
the second its end. Nothing is invented: with no usable expression the period is
empty and the basis says ``unknown``.

Examples
--------
>>> resolve_period("Đến ngày 15/3/2025, Sở Tư pháp đã chuyển 1.738.517 dữ liệu", 40, "2025-05-13")
Period(start='', end='2025-03-15', basis="sentence: 'Đến ngày 15/3/2025'")
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

__all__ = [
    "Period",
    "TimeExpr",
    "find_time_expressions",
    "parse_document_date",
    "resolve_period",
    "transition_role",
]

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}


class Period(NamedTuple):
    """A resolved period: ISO ``start`` and ``end`` ("" when unknown) and how."""

    start: str
    end: str
    basis: str


@dataclass(frozen=True)
class TimeExpr:
    """One time expression found in a text.

    Attributes
    ----------
    start, end : str
        ISO dates ("" when open or unknown).
    role : str
        ``period`` (a reporting period or date), ``comparison`` (after "so với"),
        ``target`` (a deadline after "phấn đấu", "mục tiêu", or in the future of the
        document), or ``document`` (the date of a cited legal document).
    raw : str
        The matched text.
    begin, stop : int
        Offsets in the searched text.
    parts : tuple or None
        For a range "từ A đến B": ``((a_start, a_end), (b_start, b_end))``.
    """

    start: str
    end: str
    role: str
    raw: str
    begin: int
    stop: int
    parts: tuple[tuple[str, str], tuple[str, str]] | None = None


def _nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def parse_document_date(document_date: str) -> tuple[date, date] | None:
    """Return the first and last day a (possibly reduced-precision) ISO date covers.

    Parameters
    ----------
    document_date : str
        ``"2025-05-13"``, ``"2023-05"``, ``"2023"`` or ``""``.

    Returns
    -------
    tuple of datetime.date or None

    Examples
    --------
    >>> parse_document_date("2023")
    (datetime.date(2023, 1, 1), datetime.date(2023, 12, 31))
    """
    s = (document_date or "").strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
            d = date.fromisoformat(s)
            return d, d
        if re.fullmatch(r"\d{4}-\d{2}", s):
            y, m = int(s[:4]), int(s[5:7])
            return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])
        if re.fullmatch(r"\d{4}", s):
            return date(int(s), 1, 1), date(int(s), 12, 31)
    except ValueError:
        return None
    return None


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


_Y = r"(?:19|20)\d{2}"
_PREFIX_DAY = r"(?:ngày|sáng|chiều|trưa|tối|đêm|hôm)"
# Atomic expressions; order matters (most specific first). Each yields a dict of groups.
_ATOMS: list[tuple[str, re.Pattern[str]]] = [
    (
        "since_start_now",
        re.compile(rf"(?:từ\s+)?đầu\s+năm\s+(?P<y>{_Y})\s+(?:đến|tới)\s+nay", re.IGNORECASE),
    ),
    (
        "first_months",
        re.compile(
            rf"(?P<n>\d{{1,2}})\s+tháng\s+(?P<side>đầu|cuối)\s+năm(?:\s+(?P<y>{_Y}))?",
            re.IGNORECASE,
        ),
    ),
    (
        "quarter",
        re.compile(
            rf"quý\s+(?P<q>IV|I{{1,3}}|[1-4])(?![\w])(?:\s*(?:/|-|năm)\s*(?P<y>{_Y}))?",
            re.IGNORECASE,
        ),
    ),
    (
        "day_words",
        re.compile(
            rf"ngày\s+(?P<d>\d{{1,2}})\s+tháng\s+(?P<m>\d{{1,2}})\s+năm\s+(?P<y>{_Y})",
            re.IGNORECASE,
        ),
    ),
    (
        "day_full",
        re.compile(
            rf"(?<![\d.,/])(?P<d>\d{{1,2}})\s*(?P<s>[/.-])\s*(?P<m>\d{{1,2}})\s*(?P=s)\s*(?P<y>{_Y})(?!\d)",
            re.IGNORECASE,
        ),
    ),
    (
        "month_year",
        re.compile(
            rf"tháng\s+(?P<m>\d{{1,2}})\s*(?:[/.-]|\s+năm\s+)\s*(?P<y>{_Y})(?!\d)", re.IGNORECASE
        ),
    ),
    ("year_edge", re.compile(rf"(?P<edge>cuối|hết|đầu)\s+năm\s+(?P<y>{_Y})", re.IGNORECASE)),
    (
        "span_years",
        re.compile(rf"giai\s+đoạn\s+(?P<y1>{_Y})\s*[-–—]\s*(?P<y2>{_Y})", re.IGNORECASE),
    ),
    ("year", re.compile(rf"năm\s+(?P<y>{_Y})(?!\d)", re.IGNORECASE)),
    ("until_year", re.compile(rf"(?:đến|tới)\s+(?P<y>{_Y})(?!\d)", re.IGNORECASE)),
    (
        "day_month",
        re.compile(
            r"(?:(?<=\s)|^)(?P<d>\d{1,2})\s*[/.]\s*(?P<m>\d{1,2})(?![\d]|[/.]\d)", re.IGNORECASE
        ),
    ),
    (
        "now",
        re.compile(
            r"(?<![\w])(?:hiện\s+nay|hiện\s+tại|đến\s+nay|tới\s+nay|"
            r"(?<!thực )(?<!thể )(?<!xuất )(?<!biểu )(?<!phát )(?<!hiển )hiện"
            r"(?!\s+(?:đại|tượng|thực|trạng|diện|vật|hình|thân|hành|rõ)))(?![\w])",
            re.IGNORECASE,
        ),
    ),
]
_DAY_MONTH_LEAD = re.compile(rf"(?:{_PREFIX_DAY}|từ|đến|tới)\s+$|(?:[-–]\s*)$", re.IGNORECASE)
_TARGET_MARK = re.compile(r"phấn đấu|mục tiêu|chỉ tiêu|kế hoạch đề ra|dự kiến", re.IGNORECASE)
_DOC_REF = re.compile(r"(?:số\s+)?\d+[/-][\wĐđ/.-]*[A-ZĐ][\wĐđ/.-]*\s+(?:ngày\s+)?$")


def _atom_dates(
    kind: str, g: dict[str, str | None], doc: tuple[date, date] | None
) -> tuple[date | None, date | None, bool] | None:
    """Return (start, end, needs_year) for an atom; None when invalid."""
    doc_year = doc[1].year if doc else None
    y = int(g["y"]) if g.get("y") else None
    try:
        if kind == "since_start_now":
            return date(y, 1, 1), (doc[1] if doc else None), False
        if kind == "first_months":
            n = int(g["n"])
            if not 1 <= n <= 12:
                return None
            y = y or doc_year
            if y is None:
                return None
            if g["side"].lower() == "đầu":
                return date(y, 1, 1), _month_end(y, n), False
            return date(y, 13 - n, 1), date(y, 12, 31), False
        if kind == "quarter":
            q = ROMAN[g["q"].lower()]
            y = y or doc_year
            if y is None:
                return None
            return date(y, 3 * q - 2, 1), _month_end(y, 3 * q), False
        if kind in ("day_words", "day_full"):
            d = date(y, int(g["m"]), int(g["d"]))
            return d, d, False
        if kind == "month_year":
            m = int(g["m"])
            return date(y, m, 1), _month_end(y, m), False
        if kind == "year_edge":
            edge = g["edge"].lower()
            d = date(y, 1, 1) if edge == "đầu" else date(y, 12, 31)
            return d, d, False
        if kind == "span_years":
            return date(int(g["y1"]), 1, 1), date(int(g["y2"]), 12, 31), False
        if kind == "year":
            return date(y, 1, 1), date(y, 12, 31), False
        if kind == "until_year":
            return None, date(y, 12, 31), False
        if kind == "day_month":
            d, m = int(g["d"]), int(g["m"])
            if not (1 <= m <= 12 and 1 <= d <= 31):
                return None
            date(2000, m, d)  # validates day/month (leap-safe)
            return None, None, True
        if kind == "now":
            if not doc:
                return None, None, False
            return doc[0], doc[1], False
    except (ValueError, TypeError):
        return None
    return None


def _iso(d: date | None) -> str:
    return d.isoformat() if d else ""


def find_time_expressions(text: str, document_date: str = "") -> list[TimeExpr]:
    """Find the time expressions of a text.

    Parameters
    ----------
    text : str
        A sentence or a longer text (NFC).
    document_date : str
        ISO date of the document, possibly of reduced precision, or "".

    Returns
    -------
    list of TimeExpr
        Non-overlapping, in text order; ranges "từ A đến B" are combined.
        Expressions whose date cannot be resolved (a year-less "13/5" without a
        document year, "hiện nay" without a document date) are left out.
    """
    t = _nfc(text)
    doc = parse_document_date(document_date)
    taken: list[tuple[int, int]] = []
    atoms: list[dict] = []
    for kind, rx in _ATOMS:
        for m in rx.finditer(t):
            b, e = m.span()
            if any(b < te and tb < e for tb, te in taken):
                continue
            if kind == "day_month" and not _DAY_MONTH_LEAD.search(t[max(0, b - 12) : b]):
                continue
            res = _atom_dates(kind, m.groupdict(), doc)
            if res is None:
                continue
            taken.append((b, e))
            atoms.append({"kind": kind, "b": b, "e": e, "g": m.groupdict(), "res": res})
    atoms.sort(key=lambda a: a["b"])

    out: list[TimeExpr] = []
    i = 0
    while i < len(atoms):
        a = atoms[i]
        before = t[max(0, a["b"] - 40) : a["b"]]
        # range: "từ [ngày|tháng] A (đến|tới|-) [ngày|tháng] B"
        if i + 1 < len(atoms):
            nxt = atoms[i + 1]
            gap = t[a["e"] : nxt["b"]]
            joins = re.fullmatch(
                r"\s*(?:đến|tới|-|–)\s*(?:ngày\s+|hết\s+ngày\s+|tháng\s+)?", gap, re.IGNORECASE
            ) or (
                nxt["kind"] == "now"
                and re.match(r"(?:đến|tới)\b", t[nxt["b"] : nxt["e"]], re.IGNORECASE)
                and not gap.strip()
            )
            if re.search(r"từ\s+(?:ngày\s+|tháng\s+)?$", before, re.IGNORECASE) and joins:
                rng = _combine(a, nxt, doc, t)
                if rng is not None:
                    lead = re.search(r"từ\s+(?:ngày\s+|tháng\s+)?$", before, re.IGNORECASE)
                    b0 = a["b"] - (len(lead.group(0)) if lead else 0)
                    out.append(
                        TimeExpr(
                            rng[0], rng[1], "period", t[b0 : nxt["e"]], b0, nxt["e"], parts=rng[2]
                        )
                    )
                    i += 2
                    continue
        single = _single(a, doc, t)
        if single is not None:
            out.append(single)
        i += 1
    return out


def _fill_year(
    a: dict, year: int | None, doc: tuple[date, date] | None
) -> tuple[date, date] | None:
    g = a["g"]
    if year is None:
        return None
    try:
        d = date(year, int(g["m"]), int(g["d"]))
    except ValueError:
        return None
    # a year-less day more than a month after a full document date is last year's
    if doc and doc[0] == doc[1] and a["kind"] == "day_month" and d > doc[1] + timedelta(days=31):
        d = date(year - 1, d.month, d.day)
    return d, d


def _combine(a: dict, b: dict, doc, t: str):
    sa, ea, na = a["res"]
    sb, eb, nb = b["res"]
    if nb:
        yb = doc[1].year if doc else None
        fb = _fill_year(b, yb, doc)
        if fb is None:
            return None
        sb, eb = fb
    if eb is None:
        return None
    if na:
        fa = _fill_year(a, eb.year, None)
        if fa is None:
            return None
        sa, ea = fa
        if sa > eb:
            fa = _fill_year(a, eb.year - 1, None)
            sa, ea = fa
    if sa is None or sa > eb:
        return None
    return sa.isoformat(), eb.isoformat(), ((_iso(sa), _iso(ea)), (_iso(sb), _iso(eb)))


def _single(a: dict, doc, t: str) -> TimeExpr | None:
    s, e, needs_year = a["res"]
    if needs_year:
        f = _fill_year(a, doc[1].year if doc else None, doc)
        if f is None:
            return None
        s, e = f
    if a["kind"] == "now" and not doc:
        return None
    if a["kind"] == "since_start_now" and e is None:
        return None
    b0, e0 = a["b"], a["e"]
    before = t[max(0, b0 - 60) : b0]
    role = "period"
    start = _iso(s)
    end = _iso(e)
    if re.search(r"so\s+với\s+(?:cùng\s+kỳ\s+)?$", before, re.IGNORECASE):
        role = "comparison"
    elif _DOC_REF.search(before) or re.search(r"ban\s+hành\s+(?:ngày\s+)?$", before, re.IGNORECASE):
        role = "document"
    # "đến ngày X", "tính đến X", "đến 1 giờ sáng ngày X", "đến hết năm X": cumulative
    lead = re.search(
        r"(?:tính\s+)?(?:đến|tới)\s+(?:hết\s+)?(?:\d{1,2}\s+giờ(?:\s+\d{1,2})?"
        r"(?:\s+(?:sáng|chiều|tối|trưa|đêm))?\s+)?(?:ngày\s+)?$",
        before,
        re.IGNORECASE,
    )
    if (
        role == "period"
        and lead
        and a["kind"]
        in ("day_full", "day_words", "day_month", "month_year", "year_edge", "year", "quarter")
    ):
        start = ""
        b0 -= len(lead.group(0))
    if a["kind"] == "until_year":
        start = ""
    if (
        role == "period"
        and a["kind"] in ("year", "until_year", "year_edge")
        and (lead or a["kind"] == "until_year")
    ):
        # "đến năm 2025" is a deadline when a target word is in the same segment or the
        # year lies after the document's year
        seg_b = max(t.rfind(".", 0, a["b"]), t.rfind(";", 0, a["b"]), t.rfind("\n", 0, a["b"])) + 1
        ends = [
            i for i in (t.find(".", a["e"]), t.find(";", a["e"]), t.find("\n", a["e"])) if i >= 0
        ]
        seg = t[seg_b : min(ends) if ends else len(t)]
        is_future = doc is not None and e is not None and e.year > doc[1].year
        if _TARGET_MARK.search(seg) or is_future:
            role = "target"
            start = ""
    # the "from" lead of a since-start range belongs to it
    if a["kind"] == "since_start_now":
        m = re.search(r"từ\s+$", before, re.IGNORECASE)
        if m:
            b0 -= len(m.group(0))
    return TimeExpr(start, end, role, t[b0:e0], b0, e0)


_FROM_RE = re.compile(r"(?:^|\s)từ\s+(?:mức\s+)?$", re.IGNORECASE)
_TO_RE = re.compile(r"(?:^|\s)(?:lên|lên\s+mức|lên\s+đến|lên\s+tới)\s+$", re.IGNORECASE)
_CHANGE_RE = re.compile(
    r"(?:^|\s)(?:tăng|giảm)(?:\s+(?:thêm|lên|xuống|hơn|đi))?\s+$", re.IGNORECASE
)


def transition_role(sentence: str, figure_start: int) -> str | None:
    """Return ``"from"`` or ``"to"`` for the values of "tăng từ X lên Y", else None.

    Parameters
    ----------
    sentence : str
        The sentence.
    figure_start : int
        Offset of the figure in the sentence.

    Returns
    -------
    str or None

    Examples
    --------
    >>> s = "tỷ lệ tăng từ 56% lên 81%"
    >>> transition_role(s, s.index("56")), transition_role(s, s.index("81"))
    ('from', 'to')
    """
    before = _nfc(sentence)[max(0, figure_start - 20) : figure_start]
    if _FROM_RE.search(before):
        return "from"
    if _TO_RE.search(before):
        return "to"
    return None


def is_change(sentence: str, figure_start: int) -> bool:
    """Return True when the figure directly follows "tăng"/"giảm" (not "tăng từ").

    Parameters
    ----------
    sentence : str
        The sentence.
    figure_start : int
        Offset of the figure in the sentence.

    Returns
    -------
    bool
    """
    before = _nfc(sentence)[max(0, figure_start - 20) : figure_start]
    return bool(_CHANGE_RE.search(before))


def _label(e: TimeExpr) -> str:
    return e.raw.strip()


def resolve_period(
    sentence: str,
    figure_start_in_sentence: int,
    document_date: str = "",
    context: Sequence[str | tuple[str, str]] = (),
) -> Period:
    """Resolve the period a figure refers to.

    Parameters
    ----------
    sentence : str
        The sentence holding the figure (NFC).
    figure_start_in_sentence : int
        Offset of the figure in `sentence`.
    document_date : str
        ISO date of the document, possibly "2023" or "2023-05"; "" when unknown.
    context : sequence of str or (label, str)
        Texts searched, nearest first, when the sentence holds no usable expression:
        e.g. ``("paragraph", earlier sentences of the paragraph)``, ``("list header",
        ...)``, ``("document lead", ...)``. In each the expression nearest to its end
        is used; target deadlines, comparison bases and dates of legal documents are
        skipped.

    Returns
    -------
    Period
        ``(start, end, basis)``; ISO dates or "" and a short English basis quoting
        the expression used. ``("", "", "unknown: ...")`` when nothing applies.

    Examples
    --------
    >>> s = ("Từ tháng 12.2022 đến tháng 3.2023, tỷ lệ hồ sơ phát sinh trực tuyến "
    ...      "tăng từ 56% lên 81%.")
    >>> resolve_period(s, s.index("56%"), "2023-05-11")[:2]
    ('2022-12-01', '2022-12-31')
    >>> resolve_period(s, s.index("81%"), "2023-05-11")[:2]
    ('2023-03-01', '2023-03-31')
    """
    s = _nfc(sentence)
    pos = figure_start_in_sentence
    exprs = find_time_expressions(s, document_date)
    role = transition_role(s, pos)
    usable = [e for e in exprs if e.role in ("period", "target")]
    # a change "tăng X so với <base>": from the base to the observation date
    if is_change(s, pos):
        comps = [e for e in exprs if e.role == "comparison" and e.begin > pos]
        if comps:
            base = comps[0]
            others = [e for e in usable if e.role == "period"]
            if others:
                end, how = others[-1].end, f"'{_label(others[-1])}'"
            else:
                doc = parse_document_date(document_date)
                end = doc[1].isoformat() if doc else ""
                how = "document date" if doc else "unknown end"
            return Period(base.end, end, f"sentence: change since '{_label(base)}' to {how}")
    chosen = None
    if usable:
        before = [e for e in usable if e.begin <= pos]
        chosen = before[-1] if before else usable[0]
    if chosen is not None:
        return _apply_role(
            chosen, role, f"sentence: '{_label(chosen)}'" + _now_note(chosen, document_date)
        )
    comps = [e for e in exprs if e.role == "comparison"]
    doc = parse_document_date(document_date)
    if comps and doc:
        # "đạt X, tăng Y so với cuối năm 2022": the level is the current one
        return _apply_role(
            TimeExpr(doc[0].isoformat(), doc[1].isoformat(), "period", "", 0, 0),
            role,
            f"sentence compares with '{_label(comps[0])}': level as of the document "
            f"date {document_date}",
        )
    for item in context:
        label, text = item if isinstance(item, tuple) else ("context", item)
        cands = [e for e in find_time_expressions(text, document_date) if e.role == "period"]
        if cands:
            return _from_context(cands, label, role, document_date)
    return Period("", "", "unknown: no time expression in the sentence or its context")


def _from_context(
    cands: list[TimeExpr], label: str, role: str | None, document_date: str
) -> Period:
    """The period of the context's last expression that does not end after the document.

    A context (the paragraph, a list header, the document lead) names the period the
    figures report; an expression ending after the document date names the plan ahead
    ("đánh giá kết quả năm 2023 và triển khai nhiệm vụ năm 2024" in a text of March 2024).
    Such expressions are passed over for an earlier one; when every expression ends
    after the document, the last one is used with its end moved back to the document
    date (a value reported on a date cannot describe a later one).
    """
    doc = parse_document_date(document_date)
    doc_end = doc[1].isoformat() if doc else ""
    reported = [e for e in cands if not doc_end or not e.end or e.end <= doc_end]
    if reported:
        e = reported[-1]
        skipped = len(cands) - cands.index(e) - 1
        note = (
            f" (later expressions name plans after the document date {document_date})"
            if skipped
            else ""
        )
        return _apply_role(e, role, f"{label}: '{_label(e)}'" + _now_note(e, document_date) + note)
    e = cands[-1]
    period = _apply_role(e, role, f"{label}: '{_label(e)}'")
    if period.end and period.end > doc_end:
        start = period.start if period.start and period.start <= doc_end else ""
        return Period(
            start,
            doc_end,
            f"{period.basis}, ending at the document date "
            f"{document_date} (the expression ends after it)",
        )
    return period


def _now_note(e: TimeExpr, document_date: str) -> str:
    if re.search(r"nay|hiện", e.raw, re.IGNORECASE):
        return f" (document date {document_date})"
    return ""


def _apply_role(e: TimeExpr, role: str | None, basis: str) -> Period:
    if role and e.parts:
        part = e.parts[0] if role == "from" else e.parts[1]
        which = "start" if role == "from" else "end"
        return Period(part[0], part[1], f"{basis} ({which} value of 'từ … lên …')")
    if role == "from":
        return Period("", "", f"unknown: start value of 'từ … lên …' without a range ({basis})")
    if e.role == "target":
        return Period("", e.end, f"{basis} (target deadline)")
    return Period(e.start, e.end, basis)
