"""Scanning a text: every digit-bearing token found, classified and returned in order."""

from __future__ import annotations

from collections.abc import Iterator

from dtanalysis.text import normalize_text

from .collector import collector_paused
from .context import _mk
from .mention import Mention
from .patterns import _CORE, _EMAIL, _URL
from .quantity import NotAQuantityError, Quantity
from .rules import classify
from .words import _TRAIL, _URL_PREFIXES, _URL_SCHEMES

__all__ = ["extract_mentions", "iter_mentions", "parse_quantity"]


def _special_spans(text: str) -> list[tuple[int, int, str]]:
    """URLs and e-mail addresses that contain digits (each one label)."""
    spans: list[tuple[int, int, str]] = []
    # A URL starts with one of _URL_PREFIXES: find those with str.find and match the
    # URL there, in text order and without overlaps (what _URL.finditer would do,
    # without trying the regex at every "h" and "w" of the text).
    # "://" is searched once for the four scheme prefixes (the scheme is then
    # checked before it), so the text is scanned three times rather than six.
    starts: list[int] = []
    i = text.find("://")
    while i >= 0:
        for scheme in _URL_SCHEMES:
            if i >= len(scheme) and text.startswith(scheme, i - len(scheme)):
                starts.append(i - len(scheme))
                break
        i = text.find("://", i + 1)
    for prefix in _URL_PREFIXES:
        if prefix.endswith("://"):
            continue
        i = text.find(prefix)
        while i >= 0:
            starts.append(i)
            i = text.find(prefix, i + 1)
    pos = 0
    for i in sorted(starts):
        if i < pos:
            continue
        m = _URL.match(text, i)
        if m is None:  # a bare prefix at the end of the text or before a space
            continue
        a, b = m.span()
        pos = b
        while b > a and text[b - 1] in _TRAIL:
            b -= 1
        if any(c.isdigit() for c in text[a:b]):
            spans.append((a, b, "label: URL"))
    if "@" in text:
        for m in _EMAIL.finditer(text):
            a, b = m.span()
            if any(c.isdigit() for c in text[a:b]):
                spans.append((a, b, "label: e-mail address"))
    spans.sort()
    return spans


@collector_paused
def extract_mentions(text: str) -> list[Mention]:
    """Find every digit-bearing token of a (normalised) text and type it.

    Parameters
    ----------
    text : str
        Normalised text (see :func:`dtanalysis.text.normalize_text`); offsets refer
        to it.

    Returns
    -------
    list of Mention
        In text order, non-overlapping; every digit of ``text`` lies in exactly one
        mention.

    Examples
    --------
    >>> [(m.raw, m.kind) for m in extract_mentions("Chiều 13/5, đạt 103/117 mẫu (88,03%).")]
    [('13/5', 'date'), ('103/117', 'figure'), ('88,03%', 'figure')]
    """
    return list(iter_mentions(text))


def iter_mentions(text: str) -> Iterator[Mention]:
    """The mentions of :func:`extract_mentions`, one at a time.

    :func:`dtanalysis.extract._rows` consumes them as they come, so a mention it
    does not keep is freed at once: a long text then leaves no large set of live
    objects for the cyclic garbage collector to traverse again and again.
    """
    big = len(text) + 1
    specials = [*_special_spans(text), (big, big, "")]  # a sentinel ends the list
    si = 0
    pos = 0
    prev: Mention | None = None
    prev_list: str | None = None
    for m in _CORE.finditer(text):
        s, e = m.span()
        if s < pos:
            continue
        while specials[si][1] <= s:
            si += 1
        if specials[si][0] <= s:
            a, b, reason = specials[si]
            a = max(a, pos)
            prev, prev_list = _mk(text, a, b, "label", reason), None
            yield prev
            pos = b
            si += 1
            continue
        prev, prev_list = classify(text, s, e, pos, prev, prev_list)
        yield prev
        pos = prev.end


def parse_quantity(text: str) -> Quantity:
    """Read one quantity phrase written the Vietnamese way.

    Parameters
    ----------
    text : str
        A phrase such as "88,03%", "hơn 45 nghìn", "1,2 tỷ đồng", "103/117 mẫu",
        "từ 8,3 đến 8,5%". Words without digits around the quantity (a counted noun
        such as "mẫu") are allowed; a second number is not.

    Returns
    -------
    Quantity

    Raises
    ------
    NotAQuantityError
        (a ``ValueError``) when the phrase holds no number, more than one
        quantity, or something that is not a quantity: a date ("13/5", "11.5",
        "27/4/2025", "1.1-20.4.2023", "quý I/2025"), a document number
        ("422/QĐ-TTg"), a standard ("TCVN ISO 9001:2015"), a time of day
        ("1 giờ sáng") or a name/version/label ("VILIS 2.0", "Phường 5", "4G").

    Examples
    --------
    >>> parse_quantity("88,03%").value
    88.03
    >>> q = parse_quantity("1,2 tỷ đồng"); (q.value, q.unit)
    (1200000000.0, 'vnd')
    """
    if not isinstance(text, str):
        raise NotAQuantityError(repr(text), "not a string")
    phrase = normalize_text(text).strip()
    if not phrase:
        raise NotAQuantityError(text, "empty text")
    mentions = extract_mentions(phrase)
    if not mentions:
        raise NotAQuantityError(text, "no digits")
    for m in mentions:
        if m.kind != "figure":
            raise NotAQuantityError(text, m.reason or m.kind)
    if len(mentions) > 1:
        raise NotAQuantityError(text, f"{len(mentions)} quantities, expected one")
    q = mentions[0].quantity
    assert q is not None
    return q
