"""Provinces named through their districts, towns, wards and web domains (issue 11, item 6).

A text about "huyện Thoại Sơn" or "TP. Rạch Giá", or published on angiang.gov.vn,
names its province only through those. :func:`detect_places` finds such names and
maps each to a pre-2025 province, under rules that prefer no answer to a wrong one:

* a place counts only with its type word in front ("huyện", "quận", "thị xã",
  "thành phố"/"TP.", "thị trấn", "xã", "phường", "đặc khu"), followed by its name in
  capitalised words (the whole run of capitalised words must be the name);
* the gazetteer is the ``vietnamadminunits`` package (its data files
  ``dataset.db``, tables ``admin_units_legacy`` (63 provinces, districts, wards) and
  ``admin_units`` (the 34 units of July 2025), and ``converter_2025.json``), read
  directly so that importing it (geopy, shapely) is not needed;
* a (type, name) pair counts only when every unit of that type and name, before and
  after 2025, lies in one pre-2025 province and the package does not flag it as
  duplicated; otherwise the place is *unclear* and gives no province (the reason is
  kept, e.g. "11 units of this name in 11 provinces");
* a post-2025 ward maps to a pre-2025 province only when all the old wards it was
  formed from (the converter data) lie in that one province;
* web domains: ``<province slug>.gov.vn`` and its subdomains
  (``dichvucong.kiengiang.gov.vn``), the slug being the name without diacritics and
  spaces (plus ``hochiminhcity.gov.vn`` and ``tphcm.gov.vn``). Provincial newspapers
  are not listed: no maintained source of their domains was found.

The evidence of each attribution names the package and its version
(:func:`gazetteer_version`).
"""

from __future__ import annotations

import bisect
import json
import re
import sqlite3
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from .provinces import canonical_province, strip_diacritics

__all__ = [
    "ALL_PROVINCES",
    "OWN_PICK_AFTER",
    "PART_NOUN_AFTER",
    "PLACE_TYPES",
    "PROVINCES_COUNTED",
    "SCOPE_LOOKBACK",
    "Place",
    "Scope",
    "compares_provinces",
    "counted_in_the_country",
    "counts_index_parts",
    "counts_provinces",
    "detect_domains",
    "detect_places",
    "gazetteer_version",
    "government_words",
    "heads_list",
    "introduces_list",
    "is_dateline",
    "is_government",
    "is_index_age",
    "joined_before",
    "merged_into",
    "names_holder",
    "national_paragraph_marks",
    "paragraph_marks",
    "preload",
    "province_of_domain",
    "respective_index",
    "scope_marks",
    "sentence_scope",
]

GAZETTEER = "vietnamadminunits"

#: Type words as written -> the gazetteer's unit type (lower case).
PLACE_TYPES = {
    "huyện": "huyện",
    "quận": "quận",
    "thị xã": "thị xã",
    "thành phố": "thành phố",
    "tp.": "thành phố",
    "tp": "thành phố",
    "thị trấn": "thị trấn",
    "xã": "xã",
    "phường": "phường",
    "đặc khu": "đặc khu",
}


@dataclass(frozen=True)
class Place:
    """A place name in a text and the province it gives (empty when unclear)."""

    start: int  # of the type word
    end: int  # of the name
    name_start: int  # where the name begins (after the type word)
    text: str  # as written, e.g. "huyện Thoại Sơn"
    province_id: str
    province: str
    reason: str  # why no province, when province_id is empty

    @property
    def evidence(self) -> str:
        """``"huyện Thoại Sơn (vietnamadminunits 1.0.4)"``, with the reason when unclear."""
        why = f": {self.reason}" if self.reason else ""
        return f"{self.text} ({GAZETTEER} {gazetteer_version()}){why}"


@lru_cache(maxsize=1)
def gazetteer_version() -> str:
    """Version of the installed gazetteer package (``"1.0.4"``)."""
    from importlib.metadata import version

    return version(GAZETTEER)


def _data_dir() -> Path:
    """The package's data folder, found without importing the package."""
    import importlib.util

    spec = importlib.util.find_spec(GAZETTEER)
    if spec is None or not spec.submodule_search_locations:  # pragma: no cover
        raise ImportError(f"{GAZETTEER} is not installed (pip install {GAZETTEER})")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def _key(name: str) -> str:
    return unicodedata.normalize("NFC", name).strip().lower()


@lru_cache(maxsize=1)
def _gazetteer() -> dict[tuple[str, str], tuple[str, str]]:
    """(type, name) -> (province_id, "") when clear, ("", reason) when not."""
    data = _data_dir()
    con = sqlite3.connect(f"file:{data / 'dataset.db'}?mode=ro", uri=True)
    try:
        legacy = con.execute(
            "SELECT province, provinceKey, districtShort, districtType, "
            "districtShortDuplicated, wardShort, wardType, wardShortDuplicated "
            "FROM admin_units_legacy"
        ).fetchall()
        new = con.execute(
            "SELECT provinceKey, wardKey, wardShort, wardType, wardKeyDuplicated, "
            "wardShortKeyDuplicated FROM admin_units"
        ).fetchall()
    finally:
        con.close()
    pid_of_key: dict[str, str] = {}
    units: dict[tuple[str, str], set[str]] = {}  # (type, name) -> unit ids
    provinces: dict[tuple[str, str], set[str]] = {}  # (type, name) -> pre-2025 provinces
    flagged: set[tuple[str, str]] = set()
    for prov, pkey, dname, dtype, ddup, wname, wtype, wdup in legacy:
        c = canonical_province(prov)
        if c is None:  # pragma: no cover - the 63 provinces are all known
            continue
        pid_of_key[pkey] = c[0]
        for name, typ, dup, uid in ((dname, dtype, ddup, f"{pkey}/{dname}"),
                                    (wname, wtype, wdup, f"{pkey}/{dname}/{wname}")):
            if not name or not typ:
                continue
            k = (_key(typ), _key(name))
            units.setdefault(k, set()).add(uid)
            provinces.setdefault(k, set()).add(c[0])
            if dup:
                flagged.add(k)
    old_of_new = _old_provinces_of_new_wards(data, pid_of_key)
    for pkey, wkey, wname, wtype, kdup, skdup in new:
        k = (_key(wtype), _key(wname))
        units.setdefault(k, set()).add(f"2025/{pkey}/{wkey}")
        olds = old_of_new.get((pkey, wkey), set())
        provinces.setdefault(k, set()).update(olds or {"?"})
        if kdup or skdup:
            flagged.add(k)
    out: dict[tuple[str, str], tuple[str, str]] = {}
    for k, pids in provinces.items():
        if k in flagged:
            out[k] = ("", "flagged as duplicated by the gazetteer")
        elif "?" in pids:
            out[k] = ("", "a post-2025 unit whose former wards are not in the converter data")
        elif len(pids) == 1:
            # one unit, or an old unit and the new one formed from it, or several units
            # of one province: the province is clear either way
            out[k] = (next(iter(pids)), "")
        elif len(units[k]) == 1:
            names = ", ".join(sorted(_province_name(p) for p in pids))
            out[k] = ("", (f"a post-2025 unit formed from wards of {len(pids)} pre-2025 "
                          f"provinces ({names})"))
        else:
            out[k] = ("", f"{len(units[k])} units of this name in {len(pids)} pre-2025 provinces")
    return out


def _old_provinces_of_new_wards(
    data: Path, pid_of_key: dict[str, str]
) -> dict[tuple[str, str], set[str]]:
    """(new province key, new ward key) -> pre-2025 provinces of the wards it was formed from."""
    conv = json.loads((data / "converter_2025.json").read_text(encoding="utf-8"))
    out: dict[tuple[str, str], set[str]] = {}
    for pkey, wards in conv["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for wkey, olds in wards.items():
            s = out.setdefault((pkey, wkey), set())
            s.update(pid_of_key.get(o.split("_", 1)[0], "?") for o in olds)
    for pkey, olds in conv["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old, parts in olds.items():
            pid = pid_of_key.get(old.split("_", 1)[0], "?")
            for part in parts:
                out.setdefault((pkey, part["newWardKey"]), set()).add(pid)
    return out


_UPPER = "".join(
    c for c in map(chr, [*range(0x41, 0x5B), *range(0xC0, 0x250), *range(0x1E00, 0x1F00)])
    if c.isupper()
)
# Candidates: a capital letter right after a type word and a space (or "TP."). The
# pattern starts with a character set (capitals are rare enough) and checks the type
# word with fixed-width look-behinds, so the regex engine skips quickly; the type word
# and the name are then read at each candidate.
_STEMS = ("uyện ", "uận ", "hị xã ", "hành phố ", "hị trấn ", "xã ", "Xã ", "hường ",
          "ặc khu ", "TP.", "Tp.", "TP ", "Tp ", "TP. ", "Tp. ")


def _candidates() -> re.Pattern[str]:
    by_width: dict[int, list[str]] = {}
    for stem in _STEMS:
        by_width.setdefault(len(stem) + 1, []).append(re.escape(stem) + ".")
    behind = "|".join(f"(?<={'|'.join(v)})" for v in by_width.values())
    return re.compile(f"[{_UPPER}](?:{behind})")


_CANDIDATE = _candidates()
_TYPE_BEFORE = re.compile(
    r"(?<!\w)([Hh]uyện|[Qq]uận|[Tt]hị xã|[Tt]hành phố|T[Pp]\.|TP|Tp|[Tt]hị trấn|[Xx]ã"
    r"|[Pp]hường|[Đđ]ặc khu) ?\Z"
)
_NAME = re.compile(rf"[{_UPPER}]\w*(?: [{_UPPER}]\w*)*(?!\.\w)")
#: Text right before a name that makes it a lower unit's name ("xã Hòa Bình").
_SUB_PROVINCE_BEFORE = re.compile(
    r"(?<!\w)(?:[Hh]uyện|[Qq]uận|[Tt]hị xã|[Tt]hị trấn|[Xx]ã|[Pp]hường|[Đđ]ặc khu) \Z"
)


#: The last letters of the type words of :data:`_SUB_PROVINCE_BEFORE` (tested).
_TYPE_WORD_ENDS = frozenset("nãgu")


def after_lower_unit_word(text: str, start: int) -> bool:
    """True when ``text[start:]`` follows a district or ward type word ("xã Hòa Bình").

    Examples
    --------
    >>> after_lower_unit_word("xã Hòa Bình", 3), after_lower_unit_word("tỉnh Hòa Bình", 5)
    (True, False)
    """
    # the type words end in "n", "ã", "g" or "u" before their space: most names are
    # told apart by that character alone
    if start < 3 or text[start - 1] != " " or text[start - 2] not in _TYPE_WORD_ENDS:
        return False
    return bool(_SUB_PROVINCE_BEFORE.search(text, max(0, start - 10), start))


def detect_places(text: str, start: int = 0, end: int | None = None) -> list[Place]:
    """Places named with their type word, in text order.

    Parameters
    ----------
    text : str
        Normalised text.
    start, end : int, optional
        Only this part of the text (offsets stay those of ``text``).

    Returns
    -------
    list of Place
        Every type word followed by a capitalised name; a place whose province is
        unclear (or that the gazetteer does not know) has an empty ``province_id``
        and a ``reason``.

    Examples
    --------
    >>> [(p.text, p.province) for p in detect_places("Huyện Thoại Sơn đạt 90%")]
    [('Huyện Thoại Sơn', 'An Giang')]
    >>> detect_places("huyện Châu Thành có 3 xã")[0].reason
    '10 units of this name in 10 pre-2025 provinces'
    >>> detect_places("Thành phố Hà Nội")[0].reason
    'not in the gazetteer'
    """
    end = len(text) if end is None else end
    gaz = None
    out = []
    for c in _CANDIDATE.finditer(text, start, end):
        pos = c.start()
        t = _TYPE_BEFORE.search(text, max(start, pos - 11), pos)
        if t is None:
            continue
        n = _NAME.match(text, pos, end)
        if n is None:
            continue
        if gaz is None:
            gaz = _gazetteer()
        typ = PLACE_TYPES[t.group(1).lower()]
        name = n.group(0)
        pid, reason = gaz.get((typ, _key(name)), ("", "not in the gazetteer"))
        pname = _province_name(pid) if pid else ""
        written = text[t.start() : n.end()]
        out.append(Place(t.start(), n.end(), pos, written, pid, pname, reason))
    return out


def preload() -> None:
    """Read the gazetteer now (before forking workers), not at the first place name."""
    _gazetteer()
    _domains()


@cache
def _province_name(pid: str) -> str:
    from .provinces import load_provinces

    return next(p.name for p in load_provinces() if p.province_id == pid)


# --------------------------------------------------------------------------- domains
@lru_cache(maxsize=1)
def _domains() -> dict[str, str]:
    """Domain label -> province_id (``"angiang"`` -> ``"89"``)."""
    from .provinces import load_provinces

    out = {}
    for p in load_provinces():
        slug = re.sub(r"[^a-z]", "", strip_diacritics(p.name).lower())
        out[slug] = p.province_id
    hcm = canonical_province("Hồ Chí Minh")
    if hcm:
        out["hochiminhcity"] = out["tphcm"] = hcm[0]
    return out


_LABEL = re.compile(r"(?<![\w-])([A-Za-z0-9-]+)\Z")


def province_of_domain(host: str) -> tuple[str, str] | None:
    """The province of a provincial web domain, or None.

    Parameters
    ----------
    host : str
        A host, URL or text holding one ("https://sotttt.angiang.gov.vn/a").

    Returns
    -------
    (province_id, domain) or None

    Examples
    --------
    >>> province_of_domain("https://dichvucong.kiengiang.gov.vn/x")
    ('91', 'kiengiang.gov.vn')
    >>> province_of_domain("mic.gov.vn") is None
    True
    """
    found = detect_domains(host or "")
    return (found[0][0], found[0][1]) if found else None


def detect_domains(text: str) -> list[tuple[str, str, int, int]]:
    """Provincial ``.gov.vn`` domains in a text: (province_id, domain, start, end)."""
    table = _domains()
    out = []
    for suffix in (".gov.vn", ".GOV.VN"):
        i = text.find(suffix)
        while i != -1:
            j = i + len(suffix)
            m = _LABEL.search(text, max(0, i - 40), i)
            if m and not (j < len(text) and (text[j].isalnum() or text[j] in "-_")):
                pid = table.get(m.group(1).lower())
                if pid:
                    host = i
                    while host > 0 and (text[host - 1].isalnum() or text[host - 1] in ".-"):
                        host -= 1
                    out.append((pid, f"{m.group(1).lower()}.gov.vn", host, j))
            i = text.find(suffix, j)
    out.sort(key=lambda t: t[2])
    return out


# ------------------------------------------------------------------ scope of a figure
# Words that make the subject of what follows national ("cả nước", "toàn quốc", "cấp
# quốc gia"), of the ministries ("cấp bộ"), of all provinces ("các tỉnh, thành
# phố") or the definition of an index ("Bộ chỉ số ... gồm 8 chỉ số"), and words that
# make it provincial ("tỉnh", "huyện", "xã", a department "Sở ..."). The product of
# the country, "GDP quốc gia", is national too (a province's is its GRDP). "cấp tỉnh" (the
# provincial level) and "tỉnh, thành phố" (provinces and cities) are generic and make
# neither; "xã hội" (society) is no commune.
_SCOPE = re.compile(
    # each branch starts with its first letter (a set the regex engine scans for), the
    # word start checked after it, as in dtanalysis.provinces
    r"[cC](?<!\w.)(?:ả nước|ấp quốc gia|ấp bộ|ác tỉnh, thành(?: phố)?)(?!\w)"
    r"|[tT](?<!\w.)(?:oàn quốc|hị xã|ỉnh(?<![cC]ấp tỉnh)(?!, thành)(?! thành phố))(?!\w)"
    r"|[bB](?<!\w.)ộ chỉ số(?!\w)|[hH](?<!\w.)uyện(?!\w)|[xX](?<!\w.)ã(?! hội)(?!\w)"
    r"|S(?<!\w.)ở(?= [A-ZĐ])|G(?<!\w.)DP quốc gia(?!\w)"
)
_NATIONAL_FIRST = ("cả", "cấp", "các", "toàn", "bộ", "gdp")
_SCOPE_KEY = re.compile(r"ả nước|oàn quốc|ấp quốc|DP quốc|ỉnh|uyện|xã|Xã|Sở |ộ chỉ số|ấp bộ")
# "nước" and "quốc" are keys only inside "cả nước", "toàn quốc", "cấp quốc gia" and
# "GDP quốc gia" (the only scope words holding them: "nhà nước", "quốc gia" alone are
# none), written from the letters before them; the key's place is where "nước" or
# "quốc" starts
_SCOPE_KEY_AT = {"ả nước": 2, "oàn quốc": 4, "ấp quốc": 3, "DP quốc": 3}
# a national word after a rank or a comparison compares the province with the
# country ("xếp thứ 10 toàn quốc", "cao nhất cả nước", "so với cả nước"): no subject
_COMPARED = re.compile(
    r"(?:\d[\d.,/]*|nhất|đầu|so với|hơn|bằng|trong|thứ \w+|top \d+) \Z", re.IGNORECASE
)
#: How far back in its paragraph a sentence looks for a national subject it continues.
SCOPE_LOOKBACK = 600
# The central Government and its documents as the subject of what follows ("Nghị
# quyết số 30c/NQ-CP ngày 08/11/2011 của Chính phủ đặt mục tiêu ... 80%", "Theo Quyết
# định 749/QĐ-TTg, đến năm 2025, 80% ...", "Chương trình chuyển đổi số quốc gia"):
# national scope words of their own kind (:func:`is_government`), which decide only
# as the subject of their sentence (:meth:`Scope.national_before`). "Chính phủ điện
# tử" and "Chính phủ số" are e-government (a thing a province builds), no subject;
# "Cổng Dịch vụ công quốc gia" is a national system a province uses, no subject
# either ("quốc gia" alone is no scope word). Documents of a province ("/QĐ-UBND")
# and of the Party ("52-NQ/TU") are not the Government's.
_GOVERNMENT = re.compile(
    r"Chính [pP]hủ(?! điện tử| số(?!\w))(?!\w)"
    r"|Thủ tướng(?!\w)"
    r"|(?<![\w/.-])\d+[a-zđ]?(?:/\d{4})?/(?:NQ|QĐ|NĐ|CT|TB)-(?:CP|TTg)(?!\w)"
    r"|[Cc]hương trình(?: (?!Cổng|Ngày|tỉnh|huyện)[\w-]+){0,6}? quốc gia(?!\w)"
)
#: Keys of :data:`_GOVERNMENT` (found with str.find): every government word holds one.
_GOVERNMENT_KEYS = ("hính phủ", "hính Phủ", "Thủ tướng", "-CP", "-TTg", "hương trình")
#: How far a government word reaches before and after the key it holds: a document
#: number before "-CP" ("30c/2011/NQ"), six words and "quốc gia" after "hương trình".
_GOV_BEFORE, _GOV_AFTER = 24, 120


def government_words(text: str, start: int = 0, end: int | None = None) -> list[re.Match[str]]:
    """The matches of :data:`_GOVERNMENT` in ``text[start:end]``, in text order: what
    ``_GOVERNMENT.finditer`` gives, found from the keys (``str.find``) and matched
    in a window around each, because the pattern (a document number starts with any
    digit) would be tried at every position of the text.

    Examples
    --------
    >>> [m.group(0) for m in government_words("Theo 749/QĐ-TTg của Chính phủ điện tử.")]
    ['749/QĐ-TTg']
    """
    end = len(text) if end is None else end
    hits = []
    for key in _GOVERNMENT_KEYS:
        i = text.find(key, start, end)
        while i >= 0:
            hits.append(i)
            i = text.find(key, i + 1, end)
    out: list[re.Match[str]] = []
    last = start
    for p in sorted(hits):
        if p < last:
            continue
        # the leftmost match from the window's start that covers the key (the
        # pattern's look-behind sees the text before the window)
        a = max(last, p - _GOV_BEFORE)
        for m in _GOVERNMENT.finditer(text, a, min(end, p + _GOV_AFTER)):
            if m.end() > p:
                if m.start() <= p:
                    out.append(m)
                    last = m.end()
                break
    return out
# a government document that a province implements is its object, not a subject
# ("UBND tỉnh ban hành kế hoạch thực hiện Nghị quyết 30c của Chính phủ, đạt 90%"):
# one of these verbs earlier in the government word's clause
_IMPLEMENTS = re.compile(
    r"(?<!\w)(?:thực hiện|triển khai|cụ thể (?:hóa|hoá)|quán triệt|căn cứ|hưởng ứng"
    r"|bám sát|áp dụng)(?!\w)[^,;:.]*\Z",
    re.IGNORECASE,
)
# the Government assigning a province its tasks: the figures are the province's
# ("Thủ tướng Chính phủ giao cho địa phương 24 nhiệm vụ, đã hoàn thành 21")
_ASSIGNS = re.compile(
    r"(?: Chính phủ)?(?: đã)? giao(?: cho)? "
    r"(?:địa phương|tỉnh|thành phố|UBND|Ủy ban nhân dân)(?!\w)"
)


def is_government(word: str) -> bool:
    """True when a scope word of :func:`scope_marks` is a government word
    (:data:`_GOVERNMENT`) rather than one of "cả nước", "toàn quốc", ...

    Examples
    --------
    >>> is_government("30c/NQ-CP"), is_government("Chính phủ"), is_government("cả nước")
    (True, True, False)
    """
    return "/" in word or word.startswith(("Chính", "Thủ", "Chương", "chương"))


class Scope:
    """The scope words of one sentence (:func:`sentence_scope`): ``marks`` holds
    ``(position, national, word)`` for each; :meth:`carried` the national subject
    continued from the paragraph before it (computed at first need)."""

    __slots__ = ("_carried", "all_marks", "lo", "marks", "names", "start", "text")

    def __init__(self, text: str, start: int, end: int, all_marks: list[tuple[int, bool, str]],
                 names: list[int]) -> None:
        self.text, self.start, self.all_marks, self.names = text, start, all_marks, names
        self.lo = bisect.bisect_left(all_marks, (start,))
        self.marks = all_marks[self.lo : bisect.bisect_left(all_marks, (end,))]
        self._carried: str | None = None

    def national_before(self, pos: int, after: int = -1) -> str:
        """The national word that sets the subject of a figure at ``pos``, or "".

        The last scope word before ``pos`` and after ``after`` (the last province
        named before the figure) decides; with none, the national subject carried
        from the sentences before in the paragraph (:meth:`carried`) when no province
        is named before the figure. A government word ("của Chính phủ", "30c/NQ-CP")
        counts only as the subject of the sentence (:meth:`_government_subject`):
        "Theo Quyết định 749/QĐ-TTg, tỉnh phấn đấu đạt 80%" (a provincial word after
        it decides) and "UBND tỉnh ban hành kế hoạch thực hiện Nghị quyết 30c của
        Chính phủ, đạt 90%" (the province implements it) keep their province.

        Examples
        --------
        >>> t = "Nghị quyết số 30c/NQ-CP của Chính phủ đặt mục tiêu đạt trên 80%."
        >>> sentence_scope(t, 0, len(t), []).national_before(t.index("80"))
        'Chính phủ'
        >>> t = "Tỉnh thực hiện Nghị quyết 30c/NQ-CP của Chính phủ, đạt 90%."
        >>> sentence_scope(t, 0, len(t), []).national_before(t.index("90"))
        ''
        """
        last = None
        for m in self.marks:
            if m[0] >= pos:
                break
            if m[1] and is_government(m[2]) and not self._government_subject(m[0], after):
                continue  # the Government's document as the object of a province
            last = m
        if last is not None:
            if last[0] > after:
                return last[2] if last[1] else ""
            return ""
        return self.carried() if after < 0 else ""

    def _government_subject(self, at: int, after: int) -> bool:
        """True when the government word at ``at`` is the subject of its sentence: no
        province or place named before it in the sentence (``after``, the last one
        named before the figure), no provincial scope word before it, and no verb of
        implementing ("thực hiện", "triển khai", "căn cứ", ...) earlier in its clause,
        and no assignment of the province right after it ("Chính phủ giao cho địa
        phương ...")."""
        if 0 <= after < at:
            return False
        if any(not m[1] for m in self.marks if m[0] < at):
            return False
        text = self.text
        end = _GOVERNMENT.match(text, at)
        if end is not None and _ASSIGNS.match(text, end.end()):
            return False
        return _IMPLEMENTS.search(text, max(self.start, at - 200), at) is None

    def carried(self) -> str:
        """The national subject this sentence continues: the last scope word of its
        paragraph before it (at most :data:`SCOPE_LOOKBACK` characters back), when
        national, in a sentence that names no province nor provincial word, and
        followed by no province name; else ""."""
        if self._carried is None:
            self._carried = self._carry()
        return self._carried

    def _carry(self) -> str:
        text, start, marks = self.text, self.start, self.all_marks
        if self.lo == 0:
            return ""
        pos, nat, word = marks[self.lo - 1]
        para = text.rfind("\n", max(0, start - SCOPE_LOOKBACK), start) + 1
        if not nat or pos < max(para, start - SCOPE_LOOKBACK) or "\n" in text[pos:start]:
            return ""
        if is_government(word):
            # a provincial page turns back to its province after citing the
            # Government's target: the Government is the subject of its sentence only
            return ""
        # its own sentence (from the last sentence end before it) must be national
        own = max(text.rfind(". ", para, pos), text.rfind("; ", para, pos), para)
        k = self.lo - 2
        while k >= 0 and marks[k][0] >= own:
            if not marks[k][1]:
                return ""
            k -= 1
        i = bisect.bisect_left(self.names, own)
        return word if i == len(self.names) or self.names[i] >= start else ""


def scope_marks(text: str) -> list[tuple[int, bool, str]]:
    """Every scope word of ``text``: ``(position, national, word)``, in text order.

    Examples
    --------
    >>> scope_marks("Tỉnh đạt 90%, xếp thứ 5 toàn quốc; cả nước đạt 80%.")
    [(0, False, 'Tỉnh'), (35, True, 'cả nước')]
    >>> scope_marks("Quyết định 749/QĐ-TTg của Thủ tướng Chính phủ; Chính phủ điện tử.")
    [(11, True, '749/QĐ-TTg'), (26, True, 'Thủ tướng'), (36, True, 'Chính phủ')]
    """
    return _with_government(_scope_words(text), government_words(text))


def _with_government(
    out: list[tuple[int, bool, str]], gov: list[re.Match[str]]
) -> list[tuple[int, bool, str]]:
    """The marks ``out`` with the government words ``gov`` (national), in text order."""
    if gov:
        out.extend((m.start(), True, m.group(0)) for m in gov)
        out.sort()
    return out


def _scope_words(text: str) -> list[tuple[int, bool, str]]:
    """The marks of the scope words of :data:`_SCOPE` in ``text`` (no government word)."""
    out = []
    n, last = len(text), -1
    # the key of each scope word (found fast: no common first letter) is at most five
    # characters after the start of the word; the word is matched around it
    at = _SCOPE_KEY_AT
    for k in _SCOPE_KEY.finditer(text):
        p = k.start()
        key = k.group(0)
        if key in at:
            p += at[key]
        if p < last:
            continue
        m = _SCOPE.search(text, max(0, p - 5), min(n, k.end() + 14))
        if m is None or m.start() > p or m.end() <= p:
            continue
        last = m.end()
        word = m.group(0)
        nat = word.lower().startswith(_NATIONAL_FIRST)
        if nat and _COMPARED.search(text, max(0, m.start() - 12), m.start()):
            continue
        out.append((m.start(), nat, word))
    return out


#: Keys of the national scope words of :data:`_SCOPE` (each word without its first
#: letter, which may be upper or lower case); with :data:`_GOVERNMENT_KEYS`, every
#: national word contains one.
_SCOPE_NATIONAL_KEYS = (
    "ả nước", "ấp quốc gia", "ấp bộ", "ác tỉnh, thành", "oàn quốc", "ộ chỉ số", "DP quốc gia",
)
#: The gate of :func:`paragraph_marks`: every national word contains one of these keys.
#: Each is looked for with ``str.find`` (fast for keys of five or more characters);
#: one regex of all of them was slower: its first characters ("à", "á", "ấ", "í",
#: "ư") are everywhere in Vietnamese, so the engine stopped at most words.
_NATIONAL_KEYS = (*_SCOPE_NATIONAL_KEYS, *_GOVERNMENT_KEYS)


def national_paragraph_marks(text: str) -> list[tuple[int, bool, str]]:
    """:func:`scope_marks` of the paragraphs (lines) that hold a national scope word.

    A figure's national subject (:meth:`Scope.national_before`, :meth:`Scope.carried`)
    comes only from a national word of its own paragraph, and the other scope words
    that decide against it are in that paragraph too; so for attribution these marks
    give the answers that all the marks of the text give, for a fraction of the cost
    (a national word is rare, "tỉnh" is everywhere). A paragraph whose key words are
    no national word ("xếp thứ 10 toàn quốc", "Chính phủ điện tử") gives no mark:
    its figures have no national subject either way. Tested against the full scan.
    The extraction asks :func:`paragraph_marks` for the paragraphs that hold a
    figure only.

    Examples
    --------
    >>> national_paragraph_marks("Tỉnh đạt 90%.\\nCả nước đạt 80%, tỉnh 70%.")
    [(14, True, 'Cả nước'), (31, False, 'tỉnh')]
    >>> national_paragraph_marks("Tỉnh xếp thứ 10 toàn quốc.\\nTỉnh xây dựng Chính phủ điện tử.")
    []
    """
    out: list[tuple[int, bool, str]] = []
    a, n = 0, len(text)
    while a <= n:
        b = text.find("\n", a)
        b = n if b < 0 else b
        out.extend(paragraph_marks(text, a, b))
        a = b + 1
    return out


def paragraph_marks(text: str, start: int, end: int) -> list[tuple[int, bool, str]]:
    """The scope marks of the paragraph ``text[start:end]`` (offsets of ``text``) when
    it holds a national word, else [] (see :func:`national_paragraph_marks`).

    The keys of the national words (:data:`_NATIONAL_KEYS`: those of
    :data:`_SCOPE_NATIONAL_KEYS` and :data:`_GOVERNMENT_KEYS`) are looked for first
    with ``str.find``, and a
    paragraph whose only keys are those of government words must hold one
    (:data:`_GOVERNMENT`: "chương trình" is everywhere, "Chương trình ... quốc gia"
    is not) before its scope words are read.

    Examples
    --------
    >>> t = "Tỉnh đạt 90%.\\nCả nước đạt 80%, tỉnh 70%."
    >>> paragraph_marks(t, 0, 13), paragraph_marks(t, 14, len(t))
    ([], [(14, True, 'Cả nước'), (31, False, 'tỉnh')])
    """
    find = text.find
    # the gate: a key of a national word (_NATIONAL_KEYS), the scope ones first, whose
    # answer is needed again below
    scope_key = any(find(key, start, end) >= 0 for key in _SCOPE_NATIONAL_KEYS)
    if not scope_key and not any(find(key, start, end) >= 0 for key in _GOVERNMENT_KEYS):
        return []  # most paragraphs
    # a paragraph starts after a line break (or at 0) and ends before one (or at the
    # end), so its words read the same in the paragraph alone and in the whole text
    gov = government_words(text, start, end)
    if not gov and not scope_key:
        return []
    words = [(pos + start, nat, word) for pos, nat, word in _scope_words(text[start:end])]
    marks = _with_government(words, gov)
    if not any(nat for _, nat, _ in marks):
        return []
    return marks


def sentence_scope(
    text: str,
    start: int,
    end: int,
    names: list[int],
    marks: list[tuple[int, bool, str]] | None = None,
) -> Scope:
    """The scope words of the sentence ``text[start:end]``.

    Parameters
    ----------
    text : str
        Normalised text.
    start, end : int
        The sentence.
    names : list of int
        Starts of the province names found in the text (sorted).
    marks : list, optional
        :func:`scope_marks` of ``text`` (computed when not given).

    Returns
    -------
    Scope
        Its scope words, and (:meth:`Scope.carried`) the national subject it
        continues from its paragraph.

    Examples
    --------
    >>> s = sentence_scope("Giá trị trung bình cả nước đạt 0,69 điểm.", 0, 41, [])
    >>> s.national_before(31)
    'cả nước'
    >>> sentence_scope("Tỉnh xếp thứ 10 toàn quốc, đạt 90%.", 0, 35, []).national_before(30)
    ''
    """
    return Scope(text, start, end, scope_marks(text) if marks is None else marks, names)


# ------------------------------------------------------------ parts of an index
# "DTI cấp tỉnh được cấu trúc theo 3 trụ cột", "Bộ chỉ số gồm 8 chỉ số chính với 47 chỉ
# số thành phần", "DTI 2024 vẫn gồm 3 cấp": a count of the parts of an index describes
# the index (its method), not a province, wherever the article is about.
_PART_NOUN_WORDS = "trụ cột|chỉ số|cấp|lĩnh vực|tiêu chí|nhóm chỉ số"
_PART_NOUNS = rf"(?:{_PART_NOUN_WORDS})(?!\w)"
#: A part noun right after a figure (" trụ cột", " chỉ số", ...): the first and cheap
#: test of :func:`counts_index_parts`, which the extraction makes for every figure.
PART_NOUN_AFTER = re.compile(" " + _PART_NOUNS)
# A count of the whole country's: the figure's noun (one to six lower-case syllables),
# then where it is counted, the country: "hơn 19.500 người dân trên khắp Việt Nam",
# "1.200 doanh nghiệp trên cả nước", "5 triệu tài khoản trên toàn quốc". A comma
# ends the figure's phrase ("đạt 90%, cao nhất cả nước" is the province's).
_LOWER_WORD = "[a-zàáạảãâầấậẩẫăằắặẳẵđèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹ]+"
#: Verbs of an index's history after a duration (:func:`is_index_age`)
_AGE_VERBS = "phát triển|hình thành|ra đời|thực hiện|triển khai|công bố"
_COUNTRY_AFTER = re.compile(
    rf"(?: (?!trên |ở |tại ){_LOWER_WORD}){{1,6}} (?:trên|ở|tại) (?:khắp |toàn |cả )?"
    r"(?:cả nước|toàn quốc|Việt Nam|nước ta)(?!\w)"
)
#: What after a figure makes its province depend on more than its sentence: a part
#: noun (:func:`counts_index_parts`), the noun of a count of provinces
#: (:func:`counts_provinces`), a verb of an index's history (:func:`is_index_age`) or a
#: count of the country (:func:`counted_in_the_country`); the extraction asks
#: :meth:`pick` for such a figure even when its sentence has one answer.
OWN_PICK_AFTER = re.compile(
    rf" (?:{_PART_NOUN_WORDS}|tỉnh|vùng kinh tế|địa phương|{_AGE_VERBS})(?!\w)"
    rf"|{_COUNTRY_AFTER.pattern}"
)


def counted_in_the_country(text: str, start: int, end: int) -> str:
    """The words that make the figure ``text[start:end]`` a count of the whole country
    ("hơn 19.500 người dân trên khắp Việt Nam"), or ""; a rank ("đứng thứ 5 cả nước",
    "thứ 5 về số doanh nghiệp trên cả nước") is the province's own.

    Examples
    --------
    >>> t = "Báo cáo thể hiện ý kiến của hơn 19.500 người dân trên khắp Việt Nam."
    >>> counted_in_the_country(t, t.index("hơn"), t.index(" người"))
    ' người dân trên khắp Việt Nam'
    >>> t = "Tỉnh đạt 90%, cao nhất cả nước; xếp thứ 5 về doanh nghiệp trên cả nước."
    >>> counted_in_the_country(t, t.index("90"), t.index("%") + 1)
    ''
    >>> counted_in_the_country(t, t.index("thứ"), t.index("thứ") + 5)
    ''
    """
    m = _COUNTRY_AFTER.match(text, end)
    if m is None or text[start:end].startswith(("thứ", "hạng")):
        return ""
    if text.endswith(("thứ ", "hạng "), max(0, start - 5), start):
        return ""
    return m.group(0)
_PARTS_VERB = re.compile(
    r"(?:gồm|bao gồm|cấu trúc theo|chia thành|chia làm|với) \Z", re.IGNORECASE
)
_INDEX_NAME = re.compile(
    r"(?<!\w)(?:DTI|PAR ?INDEX|SIPAS|PAPI|PCI|[Bb]ộ chỉ số|[Cc]hỉ số [A-ZĐ\w])", re.IGNORECASE
)


def counts_index_parts(text: str, sentence_start: int, start: int, end: int) -> bool:
    """True when the figure ``text[start:end]`` counts the parts of an index named
    before it in its sentence: "<index> gồm | cấu trúc theo | chia thành | với N
    trụ cột | chỉ số | cấp | lĩnh vực | tiêu chí".

    Examples
    --------
    >>> t = "DTI cấp tỉnh được cấu trúc theo 3 trụ cột, gồm 8 chỉ số chính."
    >>> counts_index_parts(t, 0, t.index("3"), t.index("3") + 1)
    True
    >>> t = "Tỉnh có 3 trụ cột kinh tế."
    >>> counts_index_parts(t, 0, t.index("3"), t.index("3") + 1)
    False
    """
    if not PART_NOUN_AFTER.match(text, end):
        return False
    verb = _PARTS_VERB.search(text, max(sentence_start, start - 16), start)
    return verb is not None and _INDEX_NAME.search(text, sentence_start, verb.start()) is not None


# "15 năm phát triển của Chỉ số Hiệu quả quản trị ... (PAPI)", "10 năm thực hiện PCI":
# the age of an index is its history
_INDEX_AGE = re.compile(rf" (?:{_AGE_VERBS})(?: của)? ")


def is_index_age(text: str, start: int, end: int) -> bool:
    """True when the duration ``text[start:end]`` ("15 năm") is the age of an index
    named right after it: "15 năm phát triển của Chỉ số Hiệu quả quản trị ...".

    Examples
    --------
    >>> t = "Báo cáo đánh dấu chặng đường 15 năm phát triển của Chỉ số PAPI."
    >>> is_index_age(t, t.index("15"), t.index("15") + 6)
    True
    >>> t = "Sau 15 năm phát triển của tỉnh, GRDP tăng gấp 3."
    >>> is_index_age(t, t.index("15"), t.index("15") + 6)
    False
    """
    if not text.endswith("năm", start, end):
        return False
    m = _INDEX_AGE.match(text, end)
    return m is not None and _INDEX_NAME.match(text, m.end()) is not None


# "Top 10 tỉnh ... gồm: A, ...", "9 địa phương dẫn đầu về nhận thức số: A, B, ...": a
# colon in the figure's clause opens the list of what it counts
_LIST_AFTER = re.compile(r"[^.;\n]{0,80}?:\s*\Z")


def introduces_list(text: str, end: int, name_start: int) -> bool:
    """True when the figure ending at ``end`` introduces a list that the province name
    at ``name_start`` opens: "Top 10 tỉnh ... gồm: Đà Nẵng, ..." (the figure counts
    the list, it is no figure of its first member).

    Examples
    --------
    >>> t = "Top 5 địa phương cao nhất gồm: Hà Nội, Huế."
    >>> introduces_list(t, 5, t.index("Hà"))
    True
    """
    return _LIST_AFTER.match(text, end, name_start) is not None


# -------------------------------------------------- several provinces named together
# "Bạc Liêu, Quảng Ninh và Trà Vinh tăng nhiều nhất (trên 8% điểm)", "hai tỉnh An Giang
# và Trà Vinh đã đạt ... trên 10%": a figure after provinces named together, as one
# subject, is a figure of all of them and of none alone. "Hà Nội và Thành phố Hồ Chí
# Minh lần lượt đạt 43,96 điểm ... và 41,77 điểm": "lần lượt" (respectively) gives the
# figures after it to those provinces in their order.
#: What joins two names of one list: ", ", " và ", ", và ", " với " ("hợp nhất tỉnh Bạc
#: Liêu với Cà Mau, 2 địa phương ..."; a unit word may follow).
_JOINED = re.compile(r"(?:, | và |, và | với )(?:(?:tỉnh|thành phố|TP\.?) ?)?")
# the numbers written after "lần lượt" (a year after "năm" is none of them)
_RESPECTIVE_NUMBER = re.compile(r"(?<![\d.,])(?<!năm )\d+(?:[.,]\d+)*")


# a name after a comparison word is no member of the subject ("So với Hà Nội, Bắc
# Ninh đạt 80%")
_COMPARED_NAME = re.compile(r"(?<!\w)(?:[Ss]o với|hơn|gấp|kém) (?:(?:tỉnh|thành phố|TP\.?) ?)?\Z")


def joined_before(text: str, found: list[tuple[str, str, int, int]], lo: int, j: int) -> int:
    """The index of the first name of the list that ends with ``found[j - 1]`` (names
    joined only by ", ", "và" or "với", from ``found[lo]`` on, none after a comparison word:
    "So với Hà Nội, Bắc Ninh"); ``j - 1`` when it stands alone.

    Examples
    --------
    >>> t = "Bạc Liêu, Quảng Ninh và Trà Vinh tăng nhiều nhất; Hà Nội đạt 5%."
    >>> from dtanalysis.provinces import detect_provinces
    >>> found = detect_provinces(t)
    >>> joined_before(t, found, 0, 3), joined_before(t, found, 0, 4)
    (0, 3)
    """
    k = j - 1
    while (
        k > lo
        and _JOINED.fullmatch(text, found[k - 1][3], found[k][2])
        and not _COMPARED_NAME.search(text, max(0, found[k - 1][2] - 20), found[k - 1][2])
    ):
        k -= 1
    return k


def respective_index(text: str, after: int, start: int) -> int | None:
    """The place of the figure at ``start`` among the numbers after "lần lượt"
    (0 for the first) when "lần lượt" stands between ``after`` (the end of the last
    province named) and the figure, else None.

    Examples
    --------
    >>> t = "Hà Nội và Hải Phòng lần lượt đạt 43,96 điểm và 41,77 điểm."
    >>> respective_index(t, t.index(" lần"), t.index("41,77"))
    1
    """
    i = text.find("lần lượt", after, start)
    if i < 0:
        return None
    return len(_RESPECTIVE_NUMBER.findall(text, i, start))


def heads_list(text: str, found: list[tuple[str, str, int, int]], j: int, hi: int) -> bool:
    """True when the name ``found[j]`` opens a list ("là Cao Bằng, Quảng Trị và Hưng
    Yên"): a figure it follows as "là X" is no figure of X alone."""
    return j + 1 < hi and _JOINED.fullmatch(text, found[j][3], found[j + 1][2]) is not None


# ----------------------------------------------------------- a count of provinces
# "63 tỉnh/thành phố", "1 trong 23 tỉnh, thành phố", "5 tỉnh dẫn đầu", "63 địa phương",
# "6 vùng kinh tế - xã hội": a number of provinces (or of regions) is a fact about a set
# of them, of none of them. "trong nhóm 30 tỉnh"
# (a rank band: "Kiên Giang trong nhóm 30 tỉnh, thành phố") and "2 tỉnh cũ" (of a merged
# province) are the province's own; "tỉnh lộ", "tỉnh ủy", "tỉnh đoàn" are no provinces.
PROVINCES_COUNTED = re.compile(
    r" (?:tỉnh(?:(?:, |/| )thành(?: phố)?)?(?!\w)(?! cũ| lộ| ủy| uỷ| đoàn| đội)"
    r"|vùng kinh tế(?!\w)|(địa phương)(?!\w))"
)
#: The number of provinces of the country: 63 in the GSO list (``provinces.csv``, a
#: test checks it) and 34 since 1 July 2025 (Nghị quyết 202/2025/QH15): "63 địa
#: phương" are all of them ("10 địa phương" may be districts of one province).
ALL_PROVINCES = frozenset({"63", "34"})


# a count: a number, with a qualifier at most ("hơn 20"); no rank ("thứ 10/63",
# "hạng 40 trên 63")
_BARE_COUNT = re.compile(r"(?:(?:hơn|gần như|gần|khoảng|trên|dưới|tới|đến) )?\d[\d.,]*")


def counts_provinces(text: str, start: int, end: int) -> bool:
    """True when the figure ``text[start:end]`` counts provinces ("63 tỉnh/thành
    phố"); a rank out of them ("xếp thứ 10/63 tỉnh", "hạng 40 trên 63 tỉnh") is the
    province's own.

    Examples
    --------
    >>> t = "Trong 63 tỉnh/thành phố, 5 tỉnh lộ được nâng cấp; tỉnh xếp thứ 10/63 tỉnh."
    >>> [counts_provinces(t, t.index(n), t.index(n) + len(n)) for n in ("63", "5", "10/63")]
    [True, False, False]
    >>> t = "Kiên Giang trong nhóm 30 tỉnh, thành phố."
    >>> counts_provinces(t, t.index("30"), t.index("30") + 2)
    False
    >>> t = "Chỉ số của 63 địa phương; tỉnh có 10 địa phương đạt chuẩn."
    >>> [counts_provinces(t, t.index(n), t.index(n) + 2) for n in ("63", "10")]
    [True, False]
    """
    m = PROVINCES_COUNTED.match(text, end)
    if m is None or _BARE_COUNT.fullmatch(text, start, end) is None:
        return False
    if m.group(1) and text[start:end].rsplit(" ", 1)[-1] not in ALL_PROVINCES:
        return False  # "10 địa phương": maybe the districts of one province
    return not text.endswith("nhóm ", max(0, start - 5), start)


# The new province of a merger, named as such: "dự kiến lấy tên tỉnh mới là Cà Mau",
# "tỉnh mới có tên gọi là An Giang", "tỉnh Cà Mau (mới)", "thành phố Hải Phòng (mới)".
# (A bare "X mới" is no cue: "Cà Mau mới có 5 xã" is "Cà Mau has only 5 communes".)
_NEW_UNIT_BEFORE = re.compile(
    r"(?:tỉnh|thành phố) mới (?:sẽ )?(?:là|có tên(?: gọi)?(?: là)?|lấy tên(?: là)?|mang tên"
    r"|được đặt tên(?: là)?|tên là) $", re.IGNORECASE)
_NEW_UNIT_AFTER = re.compile(r" ?\(mới\)")


def merged_into(text: str, names: list[tuple[str, str, int, int]]) -> tuple[str, str, str] | None:
    """The province that a text names as the new province of a merger, as
    ``(province_id, name, evidence)``; None when it names none, or more than one.

    Parameters
    ----------
    text : str
        Normalised text.
    names : list of tuple
        The province names found in it, ``(province_id, name, start, end)``
        (:func:`dtanalysis.provinces.detect_provinces`).

    Examples
    --------
    >>> from dtanalysis.provinces import detect_provinces
    >>> t = "Bạc Liêu và Cà Mau sáp nhập, lấy tên tỉnh mới là Cà Mau. Bạc Liêu có 64 xã."
    >>> merged_into(t, detect_provinces(t))[1:]
    ('Cà Mau', "the new province of a merger: 'tỉnh mới là Cà Mau'")
    >>> t = "Sau khi sáp nhập, tỉnh An Giang (mới) có 102 xã."
    >>> merged_into(t, detect_provinces(t))[2]
    "the new province of a merger: 'An Giang (mới)'"
    >>> t = "Cà Mau mới có 5 xã."
    >>> merged_into(t, detect_provinces(t)) is None
    True
    """
    new: dict[str, tuple[str, str]] = {}
    find = text.find
    for pid, name, start, end in names:
        lo = max(0, start - 48)
        # every match of _NEW_UNIT_BEFORE holds "mới" in some case: its "ớ" is looked
        # for first (str.find), the regex only then (most names have none before them)
        before = (_NEW_UNIT_BEFORE.search(text, lo, start)
                  if find("ớ", lo, start) >= 0 or find("Ớ", lo, start) >= 0 else None)
        if before is not None:
            new.setdefault(pid, (name, text[before.start() : end]))
            continue
        after = _NEW_UNIT_AFTER.match(text, end)
        if after is not None:
            new.setdefault(pid, (name, text[start : after.end()]))
    if len(new) != 1:
        return None
    (pid, (name, cue)), = new.items()
    return pid, name, f"the new province of a merger: '{cue}'"


# A dateline: a place at the start of a line, then the news agency (and the date) in
# brackets: "Hà Nội (TTXVN 2/4/2024) Kết quả ...", "Cà Mau (TTXVN) - ...", "Hà Nội
# (VOV) -".
_DATELINE_AFTER = re.compile(r" ?\((?:TTXVN|VNA|VOV|VTV|TTO|VTC|PV|Chinhphu\.vn|[A-ZĐ]{2,}\.?vn)"
                             r"(?: [\d/.-]+)?\)")


def is_dateline(text: str, start: int, end: int) -> bool:
    """True when the name ``text[start:end]`` is a dateline: the place where the news
    was filed, first on its line and followed by the agency in brackets.

    Examples
    --------
    >>> t = "Hà Nội (TTXVN 2/4/2024) Kết quả PAPI năm 2023 cho thấy Huế dẫn đầu."
    >>> is_dateline(t, 0, 6), is_dateline(t, t.index("Huế"), t.index("Huế") + 3)
    (True, False)
    """
    if _DATELINE_AFTER.match(text, end) is None:  # most names: no bracket after them
        return False
    line = text.rfind("\n", 0, start) + 1
    return not text[line:start].strip()


_HOLDER = re.compile(r" *(?:là|thuộc về) (?:TP\.? ?|thành phố |tỉnh )?\Z", re.IGNORECASE)
# a share followed by where it is measured: "đạt mức 83% tại Hà Nội và 79% tại Hải Phòng"
# (a count "tổ chức 3 hội nghị tại Hà Nội" stays its organiser's)
_SHARE_AT = re.compile(r" *(?:tại|ở) (?:TP\.? ?|thành phố |tỉnh )?\Z", re.IGNORECASE)


def names_holder(text: str, end: int, name_start: int) -> bool:
    """True when the province name at ``name_start`` follows the figure ending at
    ``end`` as the holder of what it counts: "đứng thứ 2 là Thái Nguyên", "vị trí thứ
    3 thuộc về TP. Huế", or of a share measured there: "79% tại Hải Phòng".

    Examples
    --------
    >>> t = "Bắc Ninh dẫn đầu; đứng thứ 2 là Thái Nguyên."
    >>> names_holder(t, t.index(" là"), t.index("Thái"))
    True
    """
    if not 0 <= name_start - end <= 16:
        return False
    if _HOLDER.match(text, end, name_start) is not None:
        return True
    return text[end - 1] == "%" and _SHARE_AT.match(text, end, name_start) is not None


# ------------------------------------------------------ gaps between two provinces
# "Bắc Ninh (56,83%) so với Quảng Ngãi (4,21%) có sự chênh lệch khá lớn, hơn 13 lần",
# "Bắc Ninh gấp 13 lần Quảng Ngãi", "Hà Nội cao hơn Hải Phòng 5 điểm", "khoảng cách
# giữa Hà Nội và Huế là 0,2 điểm": the figure is the gap or the ratio between two
# provinces, a figure of neither.
_GAP = (r"(?:chênh lệch|chênh|khoảng cách|cách biệt|cao hơn|thấp hơn|nhiều hơn|ít hơn"
        r"|lớn hơn|nhỏ hơn|kém|gấp)")
_GAP_WORD = re.compile(rf"(?<!\w){_GAP}(?!\w)", re.IGNORECASE)
_UNIT_WORD = r"(?:(?:tỉnh|thành phố|TP\.?) )?"
# what links the later province to the earlier one, right before the later one (a
# few words may stand between: "so với tỉnh đứng cuối bảng là Quảng Ngãi")
_LINK = re.compile(
    r"(?<!\w)(so với|hơn|gấp|kém|và|với)(?: [^\W\d]+){0,5} \Z", re.IGNORECASE
)
_COMPARATIVE = frozenset({"hơn", "gấp", "kém"})
_BETWEEN = re.compile(r"(?<!\w)giữa(?!\w)", re.IGNORECASE)
_SO_VOI_BEFORE = re.compile(rf"(?<!\w)[Ss]o với {_UNIT_WORD}\Z")
# the figure follows the later province at once ("cao hơn Hải Phòng 5 điểm", "giữa A
# và B là 0,2 điểm")
_DIRECT = re.compile(r"[\s,:]*(?:(?:là|ở mức|vào khoảng) )?\s*\Z")
_RATIO_AFTER = re.compile(r"\s*lần(?!\w)")
# a figure between the two: "A gấp 13 lần B", "A cao hơn 5 điểm so với B"
_GAP_BEFORE = re.compile(rf"(?<!\w){_GAP}\s*\Z", re.IGNORECASE)
_TO_LATER = re.compile(rf"\s*(?:lần|điểm(?: phần trăm)?)?\s*(?:(?:so với|với) )?{_UNIT_WORD}\Z")


def compares_provinces(
    text: str, sentence_start: int, start: int, end: int,
    names: Sequence[tuple[str, str, int, int]], j: int,
) -> str:
    """Why the figure ``text[start:end]`` is the gap or ratio between two provinces of
    its sentence, or "" when it is not.

    Parameters
    ----------
    text : str
        Normalised text.
    sentence_start : int
        Start of the figure's sentence.
    start, end : int
        The figure.
    names : sequence of (province_id, name, start, end)
        The province names of the sentence, in text order.
    j : int
        Index in ``names`` of the first name after the figure.

    Returns
    -------
    str
        The reason ("the gap or ratio between two provinces (Bắc Ninh, Quảng Ngãi)"),
        or "": a figure after a comparison that is a province's own ("A đạt 90%, so
        với B đạt 80%"), a change over time ("A tăng 5% so với cùng kỳ") and each
        province's figure ("A (56,83%) so với B (4,21%)") keep their province.

    Examples
    --------
    >>> t = "Bắc Ninh (56,83%) so với Quảng Ngãi (4,21%) chênh lệch hơn 13 lần."
    >>> q = t.index("Quảng")
    >>> n = [("27", "Bắc Ninh", 0, 8), ("51", "Quảng Ngãi", q, q + 10)]
    >>> compares_provinces(t, 0, t.index("hơn 13"), len(t) - 1, n, 2)
    'the gap or ratio between two provinces (Bắc Ninh, Quảng Ngãi)'
    >>> compares_provinces(t, 0, t.index("4,21"), t.index("4,21") + 5, n, 2)
    ''
    """
    if j >= 1 and j < len(names) and names[j - 1][0] != names[j][0]:
        # between the two: "A gấp 13 lần B", "A cao hơn 5 điểm so với B"
        a, b = names[j - 1], names[j]
        if (_GAP_BEFORE.search(text, a[3], start) and b[2] - end <= 24
                and _TO_LATER.match(text, end, b[2])):
            return _gap_reason(a, b)
    if j < 2:
        return ""
    b = names[j - 1]
    other = next((n for n in reversed(names[: j - 1]) if n[0] != b[0]), None)
    if other is None:
        return ""
    a = other
    link = _LINK.search(text, max(a[3], b[2] - 60), b[2])
    word = link.group(1).lower() if link else ""
    if word in ("và", "với"):
        # "giữa A và B", "giữa A với B"
        if not _BETWEEN.search(text, sentence_start, a[2]):
            return ""
    elif not word and not _SO_VOI_BEFORE.search(text, max(sentence_start, a[2] - 16), a[2]):
        return ""  # no comparison of the two ("So với A, B thấp hơn 5 điểm" is one)
    between = (b[3], start)
    if (_GAP_WORD.search(text, *between) or _RATIO_AFTER.match(text, end)
            or text[start:end].endswith("lần")):
        return _gap_reason(a, b)
    if _DIRECT.match(text, *between) and (
            word in _COMPARATIVE or _GAP_WORD.search(text, sentence_start, a[2])):
        return _gap_reason(a, b)
    return ""


def _gap_reason(a: tuple[str, str, int, int], b: tuple[str, str, int, int]) -> str:
    return f"the gap or ratio between two provinces ({a[1]}, {b[1]})"
