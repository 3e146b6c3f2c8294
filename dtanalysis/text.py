"""Reading raw text files into normalised Vietnamese text.

Every offset produced by :mod:`dtanalysis.reading` and :mod:`dtanalysis.extract`
refers to the text returned by :func:`read_text` (equivalently
``normalize_text(decode_bytes(data))``), so that text is reproducible from the raw
bytes by this one public function.

Decoding rules
--------------
* UTF-8, with or without a byte-order mark (BOM).
* UTF-16 / UTF-32 only when a BOM says so.
* Windows-1258 (``cp1258``) or any other codec only when asked (``encoding=...``);
  never guessed, because a wrong guess silently corrupts diacritics.
* Bytes that do not decode raise :class:`dtanalysis.errors.InputError` naming the file
  and the byte offset of the first bad byte.
* NUL bytes without a UTF-16/32 BOM mean a binary file (InputError); so does an empty
  file or one that holds only white space. When the NUL bytes sit at every other byte
  (odd offsets: little-endian, even offsets: big-endian) and the bytes decode as
  UTF-16, the message says the file looks like UTF-16 without a byte-order mark and
  names the ``--encoding`` to pass.

Normalisation rules (:func:`normalize_text`)
--------------------------------------------
1. CRLF and lone CR become LF.
2. Zero-width characters (U+200B..U+200D, U+2060, U+FEFF, soft hyphen U+00AD) are
   removed, and so are the emoji presentation marks (variation selectors U+FE0E and
   U+FE0F, the keycap U+20E3): "PAPI 2️016" (a "2", U+FE0F, "016") is the year 2016, and
   the keycap "1️⃣" a plain "1".
3. Non-breaking and other fixed-width spaces (U+00A0, U+2000..U+200A, U+202F, U+205F,
   U+3000) and tabs become an ordinary space; line/paragraph separators (U+2028/9,
   U+0085) become LF.
4. Look-alike letters used in place of Vietnamese ones are mapped: U+00D0 "Ð" (Icelandic
   eth) and U+0189 "Ɖ" to U+0110 "Đ", U+00F0 "ð" to U+0111 "đ". Full-width digits and
   the full-width percent sign become ASCII.
5. Look-alike letters inside Latin words (:data:`LOOKALIKES`): a Cyrillic or Greek
   letter that looks like a Latin one ("khоảng" written with the Cyrillic "о"
   U+043E) is folded to the Latin letter when the word it stands in (a run of word
   characters and combining marks) also holds a Latin letter; a word written wholly
   in Cyrillic or Greek is kept as written.
6. Decimal digits of other scripts (Unicode category Nd: Arabic-Indic "٣",
   Devanagari, mathematical digits, ...) are folded to ASCII digits, so that every
   digit the reading rules see is "0"-"9" and a figure written with them is read (as
   the full-width digits of rule 4 already were). Other numeric characters (vulgar
   fractions "½", Roman numeral characters "Ⅲ", superscripts "²") are kept; the
   reading rules type them (:mod:`dtanalysis.reading`).
7. Unicode NFC (Windows-1258 and many web pages give decomposed Vietnamese).

Rules 5 and 6 change a text silently only in appearance: each replaces one character
by one, so offsets are unchanged, and :func:`normalize_text` issues one
:class:`LookalikeWarning` per text that says how many characters were folded (with
the file name when :func:`read_text` reads it).

NFC does not unify tone-mark placement ("hoà" vs "hòa"); the text keeps what the
author wrote, and matchers (e.g. province names) list both spellings.
"""
from __future__ import annotations

import codecs
import os
import re
import unicodedata
import warnings
from pathlib import Path

from dtanalysis.errors import InputError

__all__ = ["LOOKALIKES", "LookalikeWarning", "decode_bytes", "normalize_text", "read_text"]


class LookalikeWarning(UserWarning):
    """Normalisation folded look-alike letters or non-ASCII digits of a text.

    Issued once per text by :func:`normalize_text`; the message names the file (when
    known), the number of characters folded and the first word concerned.
    """

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad\ufe0e\ufe0f\u20e3"
_SPACES = ("\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
           "\u202f\u205f\u3000\t")
_LINEBREAKS = "\u2028\u2029\u0085\x0b\x0c"

_TRANSLATION: dict[int, str | None] = {ord(c): None for c in _ZERO_WIDTH}
_TRANSLATION.update({ord(c): " " for c in _SPACES})
_TRANSLATION.update({ord(c): "\n" for c in _LINEBREAKS})
_TRANSLATION.update(
    {
        0x00D0: "\u0110",  # Ð (eth) -> Đ
        0x0189: "\u0110",  # Ɖ (African D) -> Đ
        0x00F0: "\u0111",  # ð (eth) -> đ
        0xFF05: "%",  # full-width percent
    }
)
_TRANSLATION.update({0xFF10 + i: str(i) for i in range(10)})  # full-width digits

_CRLF = re.compile(r"\r\n?")

#: Cyrillic and Greek letters that look like Latin ones, and the Latin letter each is
#: folded to inside a Latin word (rule 5 of the module docstring).
LOOKALIKES: dict[str, str] = {
    # Cyrillic
    "а": "a", "в": "B", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x",
    "і": "i", "ј": "j", "ѕ": "s", "ԁ": "d", "һ": "h", "ӏ": "l", "ԛ": "q", "ԝ": "w",
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P",
    "С": "C", "Т": "T", "Х": "X", "І": "I", "Ј": "J", "Ѕ": "S", "Ү": "Y", "Ԁ": "D",
    # Greek
    "ο": "o", "ι": "i", "ν": "v", "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H",
    "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y",
    "Χ": "X",
}  # fmt: skip
# A word character outside ASCII, Latin-1, Latin Extended-A/B and Latin Extended
# Additional (where Vietnamese lives): most texts hold none, so one search suffices.
_SUSPECT = re.compile(r"[^\W\x00-\u024f\u1e00-\u1eff]")
_WORDCHAR = re.compile(r"[\w\u0300-\u036f]")


def _is_latin_letter(c: str) -> bool:
    """True for a Latin letter (ASCII, Latin-1, Latin Extended, Vietnamese)."""
    return c.isalpha() and (c < "\u0250" or "\u1e00" <= c <= "\u1eff")


def _latin_word_at(s: str, i: int) -> bool:
    """True when the word holding ``s[i]`` also holds a Latin letter."""
    a = i
    while a > 0 and _WORDCHAR.match(s[a - 1]):
        a -= 1
    b = i + 1
    while b < len(s) and _WORDCHAR.match(s[b]):
        b += 1
    return any(_is_latin_letter(c) for c in s[a:b])


def _fold_scripts(s: str) -> tuple[str, int, str]:
    """Rules 5 and 6: fold look-alike letters in Latin words and non-ASCII digits.

    Returns the text, the number of characters folded and the first one (as
    ``"'о' in 'khоảng'"``) for the warning.
    """
    if _SUSPECT.search(s) is None:
        return s, 0, ""
    out: list[str] = []
    pos = 0
    first = ""
    n = 0
    for m in _SUSPECT.finditer(s):
        i = m.start()
        c = s[i]
        if c.isdecimal():
            new = str(unicodedata.decimal(c))
        elif c in LOOKALIKES and _latin_word_at(s, i):
            new = LOOKALIKES[c]
        else:
            continue
        if not first:
            a = max(0, i - 12)
            first = f"{unicodedata.name(c, repr(c))} {c!r} in {s[a : i + 12]!r}"
        n += 1
        out.append(s[pos:i])
        out.append(new)
        pos = i + 1
    if not n:
        return s, 0, ""
    out.append(s[pos:])
    return "".join(out), n, first


def _name(path: str | os.PathLike[str] | None) -> str:
    return os.fspath(path) if path is not None else "<bytes>"


def decode_bytes(
    data: bytes,
    *,
    path: str | os.PathLike[str] | None = None,
    encoding: str | None = None,
) -> str:
    """Decode raw bytes of a text file into a (not yet normalised) string.

    Parameters
    ----------
    data : bytes
        The raw file content.
    path : str or path-like, optional
        File name used in error messages.
    encoding : str, optional
        Codec to use (for example ``"cp1258"`` for Windows-1258). When omitted, the
        bytes must be UTF-8 (BOM optional) or carry a UTF-16/UTF-32 BOM.

    Returns
    -------
    str
        The decoded text, BOM removed, not normalised (see :func:`normalize_text`).

    Raises
    ------
    dtanalysis.errors.InputError
        When the data are empty, binary (NUL bytes without a UTF-16/32 BOM),
        undecodable (the message gives the byte offset), or the codec is unknown.
    """
    name = _name(path)
    if len(data) == 0:
        raise InputError(f"{name}: empty file (0 bytes)")
    if encoding is not None:
        try:
            codec = codecs.lookup(encoding)
        except LookupError:
            raise InputError(f"{name}: unknown encoding {encoding!r}") from None
        skip = 0
        if codec.name in ("utf-8", "utf-8-sig") and data.startswith(codecs.BOM_UTF8):
            skip = len(codecs.BOM_UTF8)
        return _decode(data, codec.name, skip, name)
    for bom, codec_name in _BOMS:
        if data.startswith(bom):
            return _decode(data, codec_name, len(bom), name)
    nul = data.find(b"\x00")
    if nul >= 0:
        utf16 = _looks_utf16(data)
        if utf16:
            raise InputError(
                f"{name}: looks like UTF-16 (no byte-order mark); pass --encoding {utf16}"
            )
        raise InputError(
            f"{name}: binary file (NUL byte at byte offset {nul}); expected UTF-8 text"
        )
    return _decode(data, "utf-8", 0, name)


def _looks_utf16(data: bytes) -> str | None:
    """``"utf-16-le"``/``"utf-16-be"`` when ``data`` looks like BOM-less UTF-16, else None.

    Text in UTF-16 has a NUL high byte for every ASCII character: at odd offsets in
    little-endian, even offsets in big-endian, and (almost) none at the other ones.
    The bytes must also decode in that codec.
    """
    head = data[:8192]
    if len(head) < 4:
        return None
    head = head[: len(head) // 2 * 2]
    even, odd = head[0::2].count(0), head[1::2].count(0)
    half = len(head) // 2
    for codec_name, nuls, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if nuls >= half * 0.3 and other <= half * 0.02:
            try:
                data[: len(data) // 2 * 2].decode(codec_name)
            except UnicodeDecodeError:
                return None
            return codec_name
    return None


def _decode(data: bytes, codec_name: str, skip: int, name: str) -> str:
    try:
        return data[skip:].decode(codec_name)
    except UnicodeDecodeError as exc:
        offset = exc.start + skip
        bad = data[offset : offset + 4].hex(" ")
        hint = "" if codec_name != "utf-8" else "; pass encoding='cp1258' if it is Windows-1258"
        raise InputError(
            f"{name}: cannot decode as {codec_name} at byte offset {offset} "
            f"(bytes {bad}){hint}"
        ) from None


def normalize_text(s: str, *, source: str | None = None) -> str:
    """Normalise Vietnamese text so that offsets and matching are stable.

    Parameters
    ----------
    s : str
        Decoded text.
    source : str, optional
        Name of the text (a file) for the warning.

    Returns
    -------
    str
        The text with CRLF/CR turned into LF, zero-width characters removed,
        non-breaking and other fixed-width spaces turned into " ", look-alike letters
        mapped ("Ð" U+00D0 to "Đ", Cyrillic "о" in "khоảng" to "o"), full-width and
        other non-ASCII decimal digits and the full-width percent to ASCII, and NFC
        composition applied. The function is idempotent.

    Warns
    -----
    LookalikeWarning
        Once per call, when look-alike letters or non-ASCII digits were folded.

    Examples
    --------
    >>> normalize_text("\\u00d0e\\u0300 a\\u0301n 06\\r\\n")
    'Đè án 06\\n'
    """
    s = _CRLF.sub("\n", s)
    s = s.translate(_TRANSLATION)
    s, n, first = _fold_scripts(s)
    if n:
        warnings.warn(
            f"{source or '<text>'}: {n} look-alike letter(s) or non-ASCII digit(s) folded "
            f"to Latin/ASCII (first: {first})",
            LookalikeWarning,
            stacklevel=2,
        )
    return unicodedata.normalize("NFC", s)


def read_text(path: str | os.PathLike[str], *, encoding: str | None = None) -> str:
    """Read a text file and return its normalised text.

    This is the one public function that reproduces, from the raw bytes, the text
    that all offsets in mentions and figures refer to.

    Parameters
    ----------
    path : str or path-like
        The file to read.
    encoding : str, optional
        Codec to force (e.g. ``"cp1258"``); default UTF-8 with BOM detection.

    Returns
    -------
    str
        ``normalize_text(decode_bytes(raw_bytes))``.

    Raises
    ------
    dtanalysis.errors.InputError
        When the path is missing or not a regular file, or the content is empty,
        white space only, binary or undecodable.
    """
    p = Path(path)
    name = os.fspath(path)
    if not p.exists():
        raise InputError(f"{name}: no such file")
    if not p.is_file():
        raise InputError(f"{name}: not a regular file")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"{name}: cannot read file ({exc.strerror or exc})") from None
    text = normalize_text(decode_bytes(data, path=name, encoding=encoding), source=name)
    if not text.strip():
        raise InputError(f"{name}: empty file (only white space)")
    return text
