"""Vietnam's 63 provinces (pre-July-2025 units) and their names in text.

The table ``dtanalysis/data/provinces.csv`` holds the GSO two-digit codes (Decision
124/2004/QĐ-TTg scheme, as reproduced in the VietnamProvinces library; status
"secondary"), the canonical name with diacritics, and aliases: the name without
diacritics, tone-placement variants ("Hoà"/"Hòa"), the "TP." forms of the five
centrally-run cities and upper-case forms.

Matching is case-sensitive on purpose: lower-case "hòa bình" (peace), "thái bình"
(peaceful) or "long an" are ordinary words, while "Hòa Bình" or "HÒA BÌNH" name a
province. The one exception: right after "tỉnh"/"Tỉnh", "thành phố"/"Thành phố",
"TP." or "TP" a lower-case name is a province too ("tỉnh kiên giang", "thành phố hồ chí
minh"), since there the word cannot be anything else.

A capitalised name right after a Vietnamese family name or middle name ("Phó Thủ
tướng Nguyễn Hòa Bình", "ông Trần Hà Nam", see :data:`PERSON_NAME_WORDS`) is part of a
person's name and is not matched. Names match only as whole words ("An Giang" is not found inside
"Kiên Giang"), the longest alias wins ("TP. Hồ Chí Minh"), "Hồ Chí Minh" alone is
not matched (it names the president far more often than the city) and "Điện Biên
Phủ" (also a street name) is not matched as Điện Biên.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

__all__ = [
    "PERSON_NAME_WORDS",
    "Province",
    "canonical_province",
    "detect_provinces",
    "load_provinces",
    "strip_diacritics",
]

#: Family names and common middle names: a province name right after one of these
#: is part of a person's name ("Nguyễn Hòa Bình", "Trần Hà Nam", "Lê Văn Long An").
PERSON_NAME_WORDS = frozenset(
    [
        "Nguyễn",
        "Trần",
        "Lê",
        "Phạm",
        "Hoàng",
        "Huỳnh",
        "Phan",
        "Vũ",
        "Võ",
        "Đặng",
        "Bùi",
        "Đỗ",
        "Hồ",
        "Ngô",
        "Lý",
        "Lưu",
        "Trương",
        "Đinh",
        "Mai",
        "Tạ",
        "Đoàn",
        "Lâm",
        "Tô",
        "Châu",
        "Quách",
        "Thái",
        "Trịnh",
        "Cao",
        "La",
        "Triệu",
        "Hà",
        "Kiều",
        "Văn",
        "Thị",
        "Hữu",
        "Đình",
        "Ngọc",
    ]
)


@dataclass(frozen=True)
class Province:
    """One province: GSO code, canonical name, aliases, region."""

    province_id: str
    name: str
    aliases: tuple[str, ...]
    region: str
    source: str
    status: str


def strip_diacritics(s: str) -> str:
    """Remove Vietnamese diacritics ("Kiên Giang" -> "Kien Giang", "Đ" -> "D").

    Parameters
    ----------
    s : str

    Returns
    -------
    str
    """
    d = unicodedata.normalize("NFD", s).replace("đ", "d").replace("Đ", "D")
    return unicodedata.normalize("NFC", "".join(c for c in d if unicodedata.category(c) != "Mn"))


@lru_cache(maxsize=1)
def _load() -> tuple[Province, ...]:
    from .tables import read_table

    rows = read_table("provinces").to_dict("records")  # typed, validated, NFC
    return tuple(
        Province(
            province_id=r["province_id"],
            name=r["name"],
            aliases=_tp_forms(tuple(a for a in r["aliases"].split("|") if a)),
            region=r["region"],
            source=r["source"],
            status=r["status"],
        )
        for r in rows
    )


def _tp_forms(aliases: tuple[str, ...]) -> tuple[str, ...]:
    """The aliases, and for each "TP. X" also "TP.X" and "TP X" (the abbreviation of
    "thành phố" is written with and without its space or dot: "TP.Huế", "TP Huế")."""
    extra = []
    for a in aliases:
        if a.startswith(("TP. ", "tp. ")):
            for form in (a[:3] + a[4:], a[:2] + a[3:]):
                if form not in aliases and form not in extra:
                    extra.append(form)
    return aliases + tuple(extra)


def load_provinces() -> list[Province]:
    """Return the 63 provinces, sorted by GSO code.

    Returns
    -------
    list of Province
    """
    return sorted(_load(), key=lambda p: p.province_id)


def _trie(words: list[str]) -> str:
    """A regex for exactly ``words``, factored as a trie; the longest word wins.

    At every node the continuations are tried before stopping there (``(?:...)?``
    is greedy) and the text admits at most one path through the trie, so the first
    match found is the longest word that matches, as with a plain alternation
    sorted by decreasing length, without trying every word at every position.
    """
    root: dict[str, dict] = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        alts = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        if len(alts) == 1:
            return "(?:" + alts[0] + ")?" if "" in node else alts[0]
        body = "(?:" + "|".join(alts) + ")"
        return body + "?" if "" in node else body

    return emit(root)


def _alias_pattern(aliases: list[str]) -> str:
    r"""The alternation of all aliases as whole words (look-ahead added by the caller).

    The word-start check ``(?<!\w.)`` sits after the first character, so the pattern
    begins with a plain set of first letters, which the regex engine scans for
    quickly, instead of with a look-behind tried at every position of the text.
    """
    by_first: dict[str, list[str]] = {}
    for a in aliases:
        by_first.setdefault(a[0], []).append(a[1:])
    return (
        "(?:"
        + "|".join(
            re.escape(ch) + r"(?<!\w.)" + _trie(rests) for ch, rests in sorted(by_first.items())
        )
        + ")"
    )


_ALIAS_TAIL = r"(?!\w)(?! Phủ)(?!-\w)"


@lru_cache(maxsize=1)
def _matcher() -> tuple[re.Pattern[str], dict[str, Province]]:
    """The pattern of the aliases that start with no lower-case letter, and all aliases.

    The few aliases that start with a lower-case letter ("thành phố Hà Nội") are
    matched apart (:func:`_lower_initial_matcher`): in the one pattern, their first
    letter would make the regex engine stop at every "t" of the text.
    """
    by_alias: dict[str, Province] = {}
    for p in _load():
        for a in p.aliases:
            by_alias.setdefault(a, p)
    if any(len(a) < 2 or not a[0].isalnum() for a in by_alias):  # pragma: no cover - data check
        raise ValueError(
            "provinces.csv: every alias must start with a letter and have 2+ characters"
        )
    pattern = re.compile(_alias_pattern([a for a in by_alias if not a[0].islower()]) + _ALIAS_TAIL)
    return pattern, by_alias


@lru_cache(maxsize=1)
def _lower_initial_matcher() -> tuple[re.Pattern[str] | None, tuple[str, ...]]:
    """Pattern of the aliases starting with a lower-case letter, and their heads.

    A head is an alias up to and including its second space ("thành phố "): every
    such alias starts with one of the heads, which are found with ``str.find``.
    """
    lower = [a for a in _matcher()[1] if a[0].islower()]
    if not lower:  # pragma: no cover - data dependent
        return None, ()
    heads = set()
    for a in lower:
        i = a.find(" ")
        j = a.find(" ", i + 1) if i >= 0 else -1
        heads.add(a[: j + 1] if j >= 0 else a)
    return re.compile(_alias_pattern(lower) + _ALIAS_TAIL), tuple(sorted(heads))


def _alias_matches(text: str) -> list[re.Match[str]]:
    """Matches of all aliases, as ``finditer`` of one pattern of all aliases would give.

    The aliases with an upper-case (or other non-lower-case) first letter and those
    with a lower-case one never start at the same character, so the two patterns are
    merged by walking the text: at each step the earlier of the next match of
    either pattern is taken and the scan goes on after its end.
    """
    pattern, _ = _matcher()
    lower_rx, heads = _lower_initial_matcher()
    cands: list[int] = []
    for h in heads:
        i = text.find(h)
        while i >= 0:
            cands.append(i)
            i = text.find(h, i + 1)
    if not cands:
        return list(pattern.finditer(text))
    assert lower_rx is not None
    cands.sort()
    out: list[re.Match[str]] = []
    pos = k = 0
    ma = pattern.search(text)
    while True:
        if ma is not None and ma.start() < pos:
            ma = pattern.search(text, pos)
        while k < len(cands) and cands[k] < pos:
            k += 1
        mb = None
        while k < len(cands) and (ma is None or cands[k] < ma.start()):
            mb = lower_rx.match(text, cands[k])
            k += 1
            if mb is not None:
                break
        m = mb if mb is not None else ma
        if m is None:
            return out
        out.append(m)
        pos = m.end()


def detect_provinces(text: str) -> list[tuple[str, str, int, int]]:
    """Find province names in a (normalised) text.

    Parameters
    ----------
    text : str

    Returns
    -------
    list of (province_id, name, start, end)
        Canonical name with diacritics and the span of the name as written, in text
        order, non-overlapping.

    Examples
    --------
    >>> detect_provinces("UBND tỉnh Kiên Giang và TP. Cần Thơ")
    [('91', 'Kiên Giang', 10, 20), ('92', 'Cần Thơ', 24, 35)]
    """
    _, by_alias = _matcher()
    out = []
    for m in _alias_matches(text):
        if _after_person_name(text, m.start()):
            continue
        p = by_alias[m.group(0)]
        out.append((p.province_id, p.name, m.start(), m.end()))
    extra = _lower_case_names(text)
    if extra:
        out = sorted(out + extra, key=lambda t: t[2])
    return out


def _after_person_name(text: str, start: int) -> bool:
    """True when the word before ``start`` is a family or middle name ("Nguyễn Hòa Bình")."""
    if start < 3 or text[start - 1] != " ":
        return False
    i = start - 2
    j = i
    while j >= 0 and text[j].isalpha():
        j -= 1
    return text[j + 1 : i + 1] in PERSON_NAME_WORDS


# The words after which a lower-case province name is matched: "tỉnh"/"Tỉnh",
# "thành phố"/"Thành phố" (found by their tails, with the "t"/"T" checked), "TP." and
# "TP" (a writer who capitalises neither cue nor name writes "tp" rarely enough).
_LOWER_CUES = (("ỉnh ", "tT"), ("hành phố ", "tT"), ("TP", ""))


@lru_cache(maxsize=1)
def _lower_matcher() -> tuple[re.Pattern[str], dict[str, Province], frozenset[str]]:
    """Lower-case names ("kiên giang", "hồ chí minh") and the province of each."""
    by_lower: dict[str, Province] = {}
    for p in _load():
        for a in (p.name, *p.aliases):
            a = _PREFIX.sub("", a).strip()
            low = a.lower()
            if low and low[0].isalpha() and low != a:
                by_lower.setdefault(low, p)
    rx = re.compile("(?:" + _trie(sorted(by_lower)) + r")(?!\w)(?! phủ)(?!-\w)")
    return rx, by_lower, frozenset(a[:2] for a in by_lower)


def _lower_case_names(text: str) -> list[tuple[str, str, int, int]]:
    """Lower-case province names right after "tỉnh"/"thành phố"/"TP." ("tỉnh kiên giang").

    The cue words are found with ``str.find`` (fast), and the names are matched only
    where a cue is followed by a lower-case letter.
    """
    rx, by_lower, heads = _lower_matcher()
    out = []
    for cue, before in _LOWER_CUES:
        i = text.find(cue)
        while i >= 0:
            j = i + len(cue)
            if not before:  # "TP. " or "TP " ("TPcà" is no cue: j then points at "P")
                j += 2 if text[j : j + 2] == ". " else (1 if text[j : j + 1] == " " else -1)
            if text[j : j + 2] in heads:
                a = i - 1 if before else i  # start of the cue word
                if (not before or (a >= 0 and text[a] in before)) and (
                    a == 0 or not text[a - 1].isalnum()
                ):
                    m = rx.match(text, j)
                    if m:
                        p = by_lower[m.group(0)]
                        out.append((p.province_id, p.name, j, m.end()))
            i = text.find(cue, j)
    return out


@lru_cache(maxsize=1)
def _folded() -> dict[str, Province]:
    d: dict[str, Province] = {}
    for p in _load():
        for a in (p.name, *p.aliases):
            d.setdefault(_fold(a), p)
    return d


_PREFIX = re.compile(r"^(?:tỉnh|tinh|thành phố|thanh pho|tp\.?|tp)\s*", re.IGNORECASE)


def _fold(s: str) -> str:
    s = unicodedata.normalize("NFC", s).strip()
    s = _PREFIX.sub("", s)
    s = strip_diacritics(s).lower()
    return re.sub(r"[\s\-–]+", " ", s).strip()


def canonical_province(name: str) -> tuple[str, str] | None:
    """Map a province name as written to its GSO code and canonical name.

    Case, diacritics, tone-placement variants and a leading "tỉnh"/"thành phố"/"TP."
    are ignored.

    Parameters
    ----------
    name : str
        E.g. "Kien Giang", "tỉnh Cà Mau", "TP.HCM", "HẢI DƯƠNG".

    Returns
    -------
    (province_id, name) or None
        None when the name is not one of the 63 provinces.
    """
    if not isinstance(name, str) or not name.strip():
        return None
    p = _folded().get(_fold(name))
    return (p.province_id, p.name) if p else None
