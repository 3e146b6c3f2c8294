"""Reading numbers: every digit of a Vietnamese text, accounted for.

Public API
----------
:func:`extract_mentions` (text) -> list of :class:`Mention`
    every digit-bearing token of a normalised text, typed (the rules below).
:func:`parse_quantity` (phrase) -> :class:`Quantity`
    one quantity phrase ("88,03%", "hơn 45 nghìn", "từ 8,3 đến 8,5%"), read by the same
    rules; :class:`NotAQuantityError` (a ``ValueError``) says why a phrase is refused.
:func:`parse_number` (string) -> float
    one Vietnamese-formatted number ("1.738.517", "88,03").
:func:`split_sentences` (text) -> list of (start, end)
    the sentences of a text.
:data:`KINDS`, :data:`UNITS`, :data:`QUALIFIERS`
    the values of ``Mention.kind``, ``Quantity.unit`` and ``Quantity.qualifier``.
:data:`COUNT_NOUNS`, :data:`YEAR_CUES`, :data:`YEAR_COUNT_VERBS`
    the word lists of the year-or-count rule.

Modules: :mod:`~dtanalysis.reading.quantity` (``Quantity``, number parsing; imports
only the standard library), :mod:`~dtanalysis.reading.mention` (``Mention``),
:mod:`~dtanalysis.reading.words` and :mod:`~dtanalysis.reading.patterns` (word lists
and regular expressions, data only), :mod:`~dtanalysis.reading.units` (scale words
and units), :mod:`~dtanalysis.reading.figure` (qualifiers, ranges, the figure of a
number), :mod:`~dtanalysis.reading.rules` (the classification rules, an ordered
table of small named functions), :mod:`~dtanalysis.reading.scan` (the scan of a
text, :func:`parse_quantity`), :mod:`~dtanalysis.reading.sentences` and
:mod:`~dtanalysis.reading.collector` (the reading runs with the cyclic garbage
collector paused).

The rules of written Vietnamese numbers (grouping, decimal comma, scale words, units,
qualifiers, ranges, ratios) are in the docstring of :mod:`dtanalysis.reading.quantity`.

Kinds of mention
----------------

:func:`extract_mentions` finds every token that contains a digit and types it as one
of five kinds:

``figure``
    a quantity (:class:`Quantity`): counts, percentages, ratios,
    money, measures, durations, ranks.
``date``
    calendar expressions: "13/5", "Sáng 11.5", "27/4/2025", "12-01-2022",
    "1.1-20.4.2023", "tháng 12.2022", "quý I/2025", "quý I năm 2025", "năm 2025",
    a bare year "2023", "giai đoạn 2021-2025", "năm 2020 - 2023", "4 tháng đầu năm
    2023", "05 tháng 6 năm 2023" (also without "ngày"), ISO dates "2025-10-21",
    "2021-01".
``document_number``
    "422/QĐ-TTg", "41-KH/TU", "Nghị quyết số 202/2025/QH15", "Nghị quyết 57",
    standards "TCVN ISO 9001:2015".
``time``
    times of day: "1 giờ sáng", "8h30", "8:30", "lúc 8 giờ".
``label``
    names, versions and ordinals: "Phường 5", "Khóm 6", "Đề án 06", "Tổng đài 1022",
    "VILIS 2.0", "4G", "COVID-19", "mức độ 4", "đợt 1", "lần thứ 2", list bullets
    "1.", URLs and e-mail addresses that contain digits, age thresholds
    ("từ 15 tuổi trở lên"), telephone numbers ("0297.3862.555", "0913 123 456",
    "hotline 1900 1234", "Tổng đài 1022"), codes written with a dot ("ĐT.963",
    "QL.1A"), numbers ending a place name after a place word ("ấp Tân Phú 2",
    "thôn Đông 2"), and any digit-bearing token no rule recognises
    (reason "unrecognised numeric token", so nothing is dropped silently).
    Also what is not a figure although it is a number: page furniture (reason
    "page furniture (...)": view counts "Lượt xem: 1.234", page counters "Trang
    2/5", media-player times "00:45 / 03:12", file names "2034.jpg", a number of
    at most three digits alone on its line between other lines: an image counter, a
    table's row number, a page number), time zones ("GMT+7"), places in a photo
    caption ("đứng thứ 2 từ trái sang"), relative
    times of a news feed ("10 giờ trước", "2 ngày trước"), numbers of tiers
    ("chính quyền địa phương 2 cấp"; counted, "gồm 3 cấp" is a count), packages
    ("Gói 1"), long-distance and
    service numbers ("đường dài 178"), Roman numeral characters ("Ⅲ"), and digit
    runs too long for a number (more than 24 digits).

Invariant: every digit of the text lies in exactly one mention; mentions do not
overlap and are returned in text order; ``text[m.start:m.end] == m.raw``. A digit is
a Unicode decimal digit (category Nd, ``str.isdecimal``, regex ``\\d``); normalisation
(:func:`dtanalysis.text.normalize_text`) folds the non-ASCII ones ("٣") to ASCII
with a :class:`dtanalysis.text.LookalikeWarning`, and :func:`extract_mentions` on
text that was not normalised still covers them. Numeric characters that are no
decimal digits are read where they mean a number: vulgar fractions ("½ số hộ" is the
ratio 1/2, "1½" is 1.5) and Roman numeral characters (labels); superscripts ("m²")
are part of units.

Flags
-----
``Mention.flag`` (column ``flag`` of the figures and mentions tables) is empty when
the reading is certain and otherwise says in one line why it may be wrong:

* a comma before exactly three digits ("12,000 hồ sơ") in a text that writes "."
  for thousands and "," for decimals, or shows no other grouping: read as a decimal
  comma (12), flagged "may be 12000". In a text that groups thousands with ","
  throughout ("1,738,517" and no "." grouping nor decimal comma) it is grouping
  (12000), unflagged;
* a scale word without a unit word: "1 - 2 tỷ" is a count (1e9..2e9) flagged "may
  be money"; "10 nghìn tỷ" is VND (1e12 or more is money) flagged as read by size.
  With "đồng" ("1 - 2 tỷ đồng") both are VND and unflagged.

Decisions (documented because Vietnamese is ambiguous here)
-----------------------------------------------------------
* ``d/m`` ("13/5") is a date when a calendar cue precedes it (ngày, sáng, chiều,
  hôm, lúc, ...) or when no content word follows it, except that a proper fraction
  after a qualifier ("hơn 1/3", "gần 3/4", "khoảng 2/3") is a ratio; it is a ratio when a noun
  follows ("3/5 nhiệm vụ", "1/3 số xã") and always when it cannot be a date
  ("21/24 nhiệm vụ", "45/101 xã", "103/117 mẫu"). Before a noun of administrations
  or members (tỉnh, huyện, xã, thành viên, sở, đơn vị, ...; these also follow dates:
  "Từ 1/5 tỉnh sẽ ...") it is a ratio when a <= b and either a == b ("đến 9/9
  huyện", "12/12 huyện") or no calendar cue (not even từ/đến/trước/sau) precedes it
  ("2/3 thành viên"); otherwise a date ("Đến 30/6 huyện ...").
* Telephone numbers: "0" and 9-11 digits in all, grouped by "." or " " or not at
  all; after a telephone cue (điện thoại, hotline, đường dây nóng, tổng đài, fax, ĐT,
  Tel) a 3-5 digit service number or a 1900/1800 number. They are one label each,
  so "0913 123 456" is not three counts.
* ``d.m`` ("11.5") is a date unless a unit, %, or scale word follows ("31.3%",
  "2.5 triệu"), in which case the dot is a decimal point.
* ``m.yyyy``/``m/yyyy``/``m-yyyy`` ("12.2022") is a month; "x.0" is a version.
* An ungrouped 4-digit number 1900-2100 with nothing attached (no %, scale word or
  unit) is read by its context, because Vietnamese usually groups counts above 999
  ("2.472") but not always ("2000 người"):

  - a date when it ends a range of years ("2021-2025", "2021 – 2025"), when a year
    cue precedes it (:data:`YEAR_CUES`: năm, giai đoạn, đến, từ, trước, sau, cuối,
    đầu, trong, vào, hết, niên độ, khóa, nhiệm kỳ, ...: "đến 2030"), or when only
    punctuation or the end of the line follows it ("(2023)", "Năm 2023,", "2023.");
  - a count when a counting noun or classifier follows it directly
    (:data:`COUNT_NOUNS`: "2000 người", "1950 hồ sơ", "2000 lượt"), when a qualifier
    precedes it ("hơn 2000", "khoảng 1990"), when "đạt" or "gồm" precedes it, or when
    "có" or "là" precedes it and a content word follows it ("có 2000 camera");
    these count rules are checked first, so "đến 2030 hồ sơ" is a count;
  - otherwise a year, reason "date: year (no cue)", so that such readings can be
    found and reviewed ("Kế hoạch 2023 của tỉnh").

  Numbers outside 1900-2100 ("1199 hồ sơ", hotline "1022") never read as years.
* "lần lượt" (respectively) is not the unit "lần" (times): "các năm 2020 - 2023 lần
  lượt là ..." is a range of years.
* Durations ("01 năm", "8 tháng", "24 giờ") are figures with unit ``other`` and the
  time word in ``unit_text``; "N tháng đầu/cuối năm [yyyy]" is a date (a period).
* Ages: "N tuổi" after từ/đủ/trên/dưới or before "trở lên/trở xuống" is a label
  (an age threshold that defines a population), otherwise a figure (``other``,
  unit_text "tuổi").
* Ranks ("xếp thứ 10", "hạng 32/63", "top 10", "xếp hạng 40 trên 63", "vị trí số
  1", and an ordinal at the start of a clause naming who holds the place: "Hà Nội
  dẫn đầu, thứ 2 là Huế") are figures
  with unit ``other``, unit_text "rank" and, when written ("/63", "trên 63"), the
  number of ranked units as denominator; numbers that continue a rank list ("xếp thứ
  22, 9, 13") are ranks too. A rank threshold "nhóm N ... dẫn đầu/đứng đầu/hàng
  đầu" ("nhóm 50 nước dẫn đầu", up to four words between) reads like "top 50": unit
  ``other``, unit_text "rank", no qualifier, span "nhóm 50". Without one of those
  words "nhóm N" stays a count ("nhóm 5 người"; also "trong nhóm 30 tỉnh, thành
  phố", although a ranking sentence may mean the top 30 there).
* "vượt 5% dự toán" / "vượt 12% so với kế hoạch": exceeded the plan *by* 5%, so no
  qualifier (see :mod:`dtanalysis.reading.quantity`); "vượt 91%" alone is ``over``.
* "số N" is a number label ("tuyến metro số 1", "nhà số 5") except in words ending in
  "số" (dân số, tổng số, chỉ số, con số, hệ số, đa số, thiểu số, tỷ số).
* A coded document number takes the document-type word before it even without "số"
  ("Kế hoạch 2358/KH-UBND", "Kết luận 123-KL/TW").
* Time words and periods are read in any case, so upper-case headings work ("6 THÁNG
  CUỐI NĂM 2024" is a period of months).
* Ranges of full dates are two dates ("25/11/2024 - 30/11/2024", "từ ngày 01/01/2025
  đến ngày 30/6/2025"); only a compact range in one token ("1.1-20.4.2023",
  "5-6/12/2024") is one date mention.
* Labels continue in lists the same way ("mức độ 3, 4"), but a number followed by a
  noun starts a new figure ("mức độ 3, 254 thủ tục" is a label and a count).
* Spans of dates include the calendar word before them (ngày, tháng, quý, năm,
  giai đoạn); spans of figures include qualifier, "từ" of a range, scale word and
  unit; spans of labels include their cue word ("mức độ 4", "Phường 5").
"""

from __future__ import annotations

from .mention import KINDS, Mention
from .quantity import QUALIFIERS, UNITS, NotAQuantityError, Quantity, parse_number
from .scan import extract_mentions, parse_quantity
from .sentences import split_sentences
from .words import COUNT_NOUNS, YEAR_COUNT_VERBS, YEAR_CUES

__all__ = [
    "COUNT_NOUNS",
    "KINDS",
    "QUALIFIERS",
    "UNITS",
    "YEAR_COUNT_VERBS",
    "YEAR_CUES",
    "Mention",
    "NotAQuantityError",
    "Quantity",
    "extract_mentions",
    "parse_number",
    "parse_quantity",
    "split_sentences",
]
