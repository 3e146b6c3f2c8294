"""What a figure measures: indicator, measure type, and own numerator/denominator.

Classification uses only the cues of the codebook (:mod:`dtanalysis.reference`):

1. an anchored cue (``"# văn bản đến"``, ``"văn phòng điện tử ... # tài khoản"``)
   whose parts sit around the figure wins; among several, the longest noun right
   after the figure, then the longest context;
2. otherwise the plain cue nearest to the figure in its clause (clauses are split at
   ``,``, ``;`` and ``:`` outside parentheses; a cue inside a longer cue is ignored);
3. otherwise a percentage or a change ("đạt tỷ lệ 14,4%", "tăng 29 thủ tục") takes
   the indicator of the figure just before it in the same ``;``-segment;
4. otherwise the figure stays unclassified, with its sentence, for review. Nothing
   is guessed.

Figures that are not measurements (an age "15 tuổi", a time "1 giờ", a duration
"01 năm", a rank "xếp thứ 10", numbers inside a time expression) get status
``context``.

Examples
--------
>>> s = "Hệ thống đã xử lý 213.883 văn bản đến và phát hành 75.393 văn bản đi."
>>> [c.indicator for c in classify_sentence(s, [(18, 25, "count"), (51, 57, "count")])]
['documents_incoming_processed', 'documents_outgoing_issued']
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from .periods import find_time_expressions, is_change, transition_role
from .reference import codebook_cues, load_codebook

__all__ = [
    "Classification",
    "classify_sentence",
    "clause_bounds",
    "measure_type",
    "pair_shares",
    "segment_bounds",
]


@dataclass(frozen=True)
class Classification:
    """Indicator of one figure.

    Attributes
    ----------
    indicator : str
        Codebook id, or "" when unclassified or context.
    status : str
        ``classified``, ``unclassified`` or ``context`` (not a measurement).
    cue : str
        The cue that matched (or ``"inherited from <raw>"``), or the reason.
    """

    indicator: str
    status: str
    cue: str


def _lower(s: str) -> str:
    """Lower-case keeping the length (offsets stay valid)."""
    s = unicodedata.normalize("NFC", s)
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in s)


def _bounds(s: str, pos: int, seps: str) -> tuple[int, int]:
    depth = 0
    cuts = [0]
    for i, ch in enumerate(s):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif (
            ch in seps
            and depth == 0
            and not (0 < i < len(s) - 1 and s[i - 1].isdigit() and s[i + 1].isdigit())
        ):
            cuts.append(i + 1)
    start = max(c for c in cuts if c <= pos)
    later = [c - 1 for c in cuts if c > pos]
    return start, (min(later) if later else len(s))


def clause_bounds(sentence: str, pos: int) -> tuple[int, int]:
    """Return the (start, end) of the clause holding offset `pos` (split at , ; :).

    Parameters
    ----------
    sentence : str
    pos : int

    Returns
    -------
    tuple of int
    """
    return _bounds(sentence, pos, ",;:")


def segment_bounds(sentence: str, pos: int) -> tuple[int, int]:
    """Return the (start, end) of the ``;``-segment holding offset `pos`.

    Parameters
    ----------
    sentence : str
    pos : int

    Returns
    -------
    tuple of int
    """
    return _bounds(sentence, pos, ";")


_NUM_HEAD = re.compile(r"^\D{0,12}?[\d][\d.,/]*%?\s*")
_CONTEXT_AFTER = re.compile(
    r"^\s*(?:tuổi|giờ|năm(?!\s+(?:19|20)\d\d)|tháng|ngày|buổi)\b", re.IGNORECASE
)
_CONTEXT_BEFORE = re.compile(
    r"(?<!\w)(?:thứ|hạng|nhóm|top|đợt|lần|phường|khóm|ấp|tổng đài|đề án|số|iso|"
    r"kỳ họp|phiên họp|khoá|khóa)\s*$",
    re.IGNORECASE,
)


def _after_text(low: str, start: int) -> str:
    m = _NUM_HEAD.match(low[start:])
    return low[start + (m.end() if m else 0) :]


def _context_reason(sentence: str, start: int, end: int, time_spans: list[tuple[int, int]]) -> str:
    for b, e in time_spans:
        if b <= start and end <= e:
            return "part of a time expression"
    low = _lower(sentence)
    after = _after_text(low, start)
    if _CONTEXT_AFTER.match(after):
        return f"not a measurement (followed by '{after.split()[0] if after.split() else ''}')"
    if _CONTEXT_BEFORE.search(low[max(0, start - 15) : start]) or re.match(
        r"(?:thứ|hạng|top)\s", low[start:end]
    ):
        return "not a measurement (label, rank or ordinal)"
    return ""


def _best_anchored(low: str, start: int, end: int, cues: dict) -> tuple[str, str, tuple] | None:
    seg_b, seg_e = segment_bounds(low, start)
    cl_b, cl_e = clause_bounds(low, start)
    after = _after_text(low, start).lstrip()
    best = None
    for iid, cs in cues.items():
        for c in cs:
            if c["kind"] != "anchored" or not (c["after"] or c["clause_before"]):
                continue
            score = _anchored_score(c, low, start, end, after, (seg_b, seg_e, cl_b, cl_e))
            if score is None:
                continue
            if best is None or score > best[2] or (score == best[2] and iid < best[0]):
                best = (iid, c["cue"], score)
    return best


def _starts_with_phrase(text: str, phrase: str) -> bool:
    return text.startswith(phrase) and (len(text) == len(phrase) or not text[len(phrase)].isalnum())


def _anchored_score(
    c: dict, low: str, start: int, end: int, after: str, bounds: tuple[int, int, int, int]
) -> tuple[int, int] | None:
    """How well an anchored cue ``[A ... ][B ]# [C][ ... D]`` fits a figure (None: not).

    Two Vietnamese habits are read as well as the cue's own order:

    * the qualifier after the counted noun: "120.000 tài khoản Mobile Money" fits
      "mobile money ... # tài khoản" (``A`` right after ``C``, in the figure's clause);
    * the head noun standing for a name given earlier: "thành lập Tổ công nghệ số cộng
      đồng ... với tổng cộng 1.058 tổ" fits "# tổ công nghệ số cộng đồng" (``C``'s first
      word after the figure, the whole ``C`` earlier in the segment); scored below a full
      match.
    """
    seg_b, seg_e, cl_b, _ = bounds
    after_len = len(c["after"])
    if c["after"] and not _starts_with_phrase(after, c["after"]):
        head = c["after"].split()[0]
        if not (
            " " in c["after"]
            and _starts_with_phrase(after, head)
            and c["after"] in low[seg_b:start]
        ):
            return None
        after_len = len(head)
    if c["clause_before"] and c["clause_before"] not in low[cl_b:start]:
        return None
    if c["segment_before"] and c["segment_before"] not in low[seg_b:start]:
        rest = after[len(c["after"]) :].lstrip() if c["after"] else ""
        if not (
            c["after"]
            and after_len == len(c["after"])
            and _starts_with_phrase(rest, c["segment_before"])
        ):
            return None
    if c["segment_after"] and c["segment_after"] not in low[end:seg_e]:
        return None
    return (after_len, len(c["segment_before"]) + len(c["clause_before"]) + len(c["segment_after"]))


def _best_plain(low: str, start: int, end: int, cues: dict) -> tuple[str, str] | None:
    """The plain cue nearest the figure in its clause, else in the clauses just before.

    A comma also separates the members of a noun phrase ("Mức độ hài lòng của người
    dân, doanh nghiệp ... đạt 92,15%"), so when the figure's clause holds no cue the
    earlier clauses of its ``;``-segment are searched, nearest first, as long as they
    hold no digit (a clause with a figure of its own has its own subject).
    """
    cl_b, cl_e = clause_bounds(low, start)
    found = _plain_in(low, cl_b, cl_e, start, end, cues)
    seg_b, _ = segment_bounds(low, start)
    while found is None and cl_b - 1 > seg_b:
        cl_b, prev_e = clause_bounds(low, cl_b - 2)
        if any(ch.isdigit() for ch in low[cl_b:prev_e]):
            break
        found = _plain_in(low, cl_b, prev_e, start, end, cues)
    return found


def _plain_in(
    low: str, cl_b: int, cl_e: int, start: int, end: int, cues: dict
) -> tuple[str, str] | None:
    clause = low[cl_b:cl_e]
    hits = []
    for iid, cs in cues.items():
        for c in cs:
            if c["kind"] != "plain":
                continue
            for m in re.finditer(re.escape(c["phrase"]), clause):
                b, e = cl_b + m.start(), cl_b + m.end()
                if (b == 0 or not low[b - 1].isalnum()) and (e >= len(low) or not low[e].isalnum()):
                    hits.append((b, e, iid, c["cue"]))
    # drop hits contained in a longer hit
    kept = [
        h
        for h in hits
        if not any(
            o is not h and o[0] < h[1] and h[0] < o[1] and (o[1] - o[0]) > (h[1] - h[0])
            for o in hits
        )
    ]
    if not kept:
        return None

    def dist(h):
        return 0 if h[0] <= start < h[1] else min(abs(h[0] - end), abs(start - h[1]))

    kept.sort(key=lambda h: (dist(h), -(h[1] - h[0]), h[2]))
    return kept[0][2], kept[0][3]


def classify_sentence(
    sentence: str, figures: Sequence[tuple[int, int, str]]
) -> list[Classification]:
    """Classify the figures of one sentence.

    Parameters
    ----------
    sentence : str
        The sentence (NFC).
    figures : sequence of (start, end, unit)
        Offsets of each figure in the sentence and its unit (``percent``, ``count``,
        ``ratio``, ...), in any order.

    Returns
    -------
    list of Classification
        In the order of `figures`.
    """
    low = _lower(sentence)
    cues = codebook_cues()
    spans = [(e.begin, e.stop) for e in find_time_expressions(sentence, "2000-01-01")]
    order = sorted(range(len(figures)), key=lambda i: figures[i][0])
    result: dict[int, Classification] = {}
    prev: tuple[int, Classification] | None = None
    for i in order:
        start, end, unit = figures[i]
        reason = _context_reason(sentence, start, end, spans)
        if reason:
            result[i] = Classification("", "context", reason)
            continue
        a = _best_anchored(low, start, end, cues)
        if a:
            c = Classification(a[0], "classified", a[1])
        else:
            p = _best_plain(low, start, end, cues)
            if p:
                c = Classification(p[0], "classified", p[1])
            elif (
                prev is not None
                and prev[1].status == "classified"
                and (unit == "percent" or is_change(sentence, start))
                and segment_bounds(low, start)[0] <= prev[0]
            ):
                c = Classification(
                    prev[1].indicator,
                    "classified",
                    f"inherited from '{sentence[prev[0] : figures[prev[2]][1]]}'",
                )
            else:
                c = Classification("", "unclassified", "no cue of the codebook")
        result[i] = c
        prev = (start, c, i)
    return [result[i] for i in range(len(figures))]


_TARGET_WORD = re.compile(r"phấn đấu|mục tiêu|chỉ tiêu", re.IGNORECASE)


def measure_type(
    sentence: str,
    figure_start: int,
    unit: str,
    kind: str = "",
    period_start: str = "",
    period_basis: str = "",
    period_end: str = "",
) -> str:
    """Return the measure type of a figure: level, flow, change or target.

    Parameters
    ----------
    sentence : str
        The sentence.
    figure_start : int
        Offset of the figure in the sentence.
    unit : str
        ``percent``, ``count``, ``ratio``, ...
    kind : str
        The indicator's codebook kind (``share``, ``stock``, ``flow``) or "".
    period_start, period_basis, period_end : str
        The resolved period (:func:`dtanalysis.periods.resolve_period`).

    Returns
    -------
    str
        ``target`` when a target word ("phấn đấu", "mục tiêu", "chỉ tiêu") precedes the
        figure in its ``;``-segment or the period is a target deadline; ``change`` for
        "tăng/giảm X"; ``level`` for the values of "tăng từ X lên Y", percentages,
        ratios and stocks; ``flow`` for counts of flow indicators or of unclassified
        indicators over a period with a start before its end (a count "as of" a date
        is a cumulative ``level``).

    Examples
    --------
    >>> measure_type("tăng 29 thủ tục so với cuối năm 2022", 5, "count")
    'change'
    >>> measure_type("tỉnh phấn đấu ... đạt 50%", 22, "percent")
    'target'
    """
    s = unicodedata.normalize("NFC", sentence)
    seg_b, _ = segment_bounds(s, figure_start)
    before = s[seg_b:figure_start]
    tm = _TARGET_WORD.search(before)
    if "target deadline" in period_basis or (
        tm and not re.search(r"so với\s+(?:các\s+)?$", before[: tm.start()])
    ):
        return "target"
    if transition_role(s, figure_start):
        return "level"
    if is_change(s, figure_start):
        return "change"
    if unit in ("percent", "ratio"):
        return "level"
    if kind in ("stock", "share"):
        return "level"
    over_period = bool(period_start) and period_start != period_end
    return "flow" if over_period else "level"


def _head(low: str, end: int) -> str:
    words = re.findall(r"[^\W\d_]+", low[end : end + 30])
    return " ".join(words[:2])


#: What may stand between a count (and its noun) and a percentage that restates it as a
#: share: an opening parenthesis or a comma, then an equivalence word and qualifiers
#: ("385 thủ tục (đạt tỷ lệ 89,74%)", "2.626 hồ sơ (tương đương 73%)", "414 trường hợp
#: qua dịch vụ công, đạt tỷ lệ 14,4%").
_RESTATES = re.compile(
    r"^\s*(?:(?:đạt|chiếm|tương đương|tương ứng|bằng|với|là)(?: với)?\s*)?(?:tỷ lệ\s*)?"
    r"(?:(?:khoảng|gần|hơn|trên|dưới|xấp xỉ|đạt)\s*)?$"
)


def _restates_count(low: str, count_end: int, percent_start: int, head: str) -> bool:
    """Whether a percentage restates the count before it as a share of that count.

    The text after the last "(" or "," between them (or, with neither, after the count's
    noun) holds only an equivalence word: "1.245 trạm BTS, phủ sóng 4G tới 100% ấp" does
    not make 100% a share of the base stations.
    """
    between = low[count_end:percent_start]
    cut = max(between.rfind("("), between.rfind(","))
    if cut >= 0:
        tail = between[cut + 1 :]
    else:
        tail = between.lstrip()
        tail = tail[len(head) :] if head and tail.startswith(head) else tail
    return bool(_RESTATES.match(tail))


def pair_shares(
    sentence: str, figures: Sequence[dict]
) -> dict[int, tuple[float, float | None, str]]:
    """Find the numerator and denominator of percentages stated next to counts.

    Parameters
    ----------
    sentence : str
        The sentence.
    figures : sequence of dict
        Each with ``start, end`` (offsets in the sentence), ``unit``, ``value``,
        ``numerator``, ``denominator`` and ``indicator`` (from classification).

    Returns
    -------
    dict
        Index of a percent figure -> ``(numerator, denominator or None, basis)``. The
        percent's own ratio (``103/117 ..., đạt 88,03%``) or a count of the same
        indicator right before it (``2.626 hồ sơ (tương đương 73%)``) is the numerator;
        its denominator is an earlier larger count, after "trong đó" or with the same
        noun (``3.597 hồ sơ, trong đó có 2.626 hồ sơ``). A count pairs with a percentage
        only when the percentage restates it (:func:`_restates_count`), never when the
        percentage is a share of something else named in between ("có 1.245 trạm BTS,
        phủ sóng 4G tới 100% ấp").
    """
    low = _lower(sentence)
    idx = sorted(range(len(figures)), key=lambda i: figures[i]["start"])
    out: dict[int, tuple[float, float | None, str]] = {}
    for pos, i in enumerate(idx):
        f = figures[i]
        if f["unit"] != "percent" or not f.get("indicator"):
            continue
        seg_b, seg_e = segment_bounds(low, f["start"])
        neighbours = [idx[pos - 1]] if pos > 0 else []
        if pos + 1 < len(idx):
            neighbours.append(idx[pos + 1])
        for j in neighbours:
            g = figures[j]
            if g.get("indicator") != f["indicator"] or not (seg_b <= g["start"] < seg_e):
                continue
            if g["unit"] == "ratio" and g.get("denominator"):
                out[i] = (
                    float(g["numerator"]),
                    float(g["denominator"]),
                    f"own ratio '{sentence[g['start'] : g['end']]}'",
                )
                break
            if (
                g["unit"] == "count"
                and g["start"] < f["start"]
                and _restates_count(low, g["end"], f["start"], _head(low, g["end"]))
            ):
                num = float(g["value"])
                den, basis = (
                    None,
                    f"count '{sentence[g['start'] : g['end']]}' stated with the share",
                )
                head = _head(low, g["end"])
                for k in reversed(idx[: idx.index(j)]):
                    h = figures[k]
                    if (
                        h["unit"] != "count"
                        or not (seg_b <= h["start"])
                        or float(h["value"]) <= num
                    ):
                        continue
                    between = low[h["end"] : g["start"]]
                    if "trong đó" in between:
                        den, basis = (
                            float(h["value"]),
                            basis + f"; of which ('trong đó') '{sentence[h['start'] : h['end']]}'",
                        )
                        break
                    if head and _head(low, h["end"]) == head:
                        den, basis = (
                            float(h["value"]),
                            basis + f"; same noun '{head}' as '{sentence[h['start'] : h['end']]}'",
                        )
                        break
                out[i] = (num, den, basis)
                break
    return out


def indicator_kinds() -> dict[str, str]:
    """Return ``indicator_id -> kind`` from the codebook.

    Returns
    -------
    dict of str to str
    """
    cb = load_codebook()
    return dict(zip(cb["indicator_id"], cb["kind"], strict=True))
