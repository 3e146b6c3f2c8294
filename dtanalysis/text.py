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
  file or one that holds only white space.

Normalisation rules (:func:`normalize_text`)
--------------------------------------------
1. CRLF and lone CR become LF.
2. Zero-width characters (U+200B..U+200D, U+2060, U+FEFF, soft hyphen U+00AD) are
   removed.
3. Non-breaking and other fixed-width spaces (U+00A0, U+2000..U+200A, U+202F, U+205F,
   U+3000) and tabs become an ordinary space; line/paragraph separators (U+2028/9,
   U+0085) become LF.
4. Look-alike letters used in place of Vietnamese ones are mapped: U+00D0 "Ð" (Icelandic
   eth) and U+0189 "Ɖ" to U+0110 "Đ", U+00F0 "ð" to U+0111 "đ". Full-width digits and
   the full-width percent sign become ASCII.
5. Unicode NFC (Windows-1258 and many web pages give decomposed Vietnamese).

NFC does not unify tone-mark placement ("hoà" vs "hòa"); the text keeps what the
author wrote, and matchers (e.g. province names) list both spellings.
"""
from __future__ import annotations

import codecs
import os
import re
import unicodedata
from pathlib import Path

from dtanalysis.errors import InputError

__all__ = ["decode_bytes", "normalize_text", "read_text"]

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_SPACES = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t"
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
        raise InputError(
            f"{name}: binary file (NUL byte at byte offset {nul}); expected UTF-8 text"
        )
    return _decode(data, "utf-8", 0, name)


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


def normalize_text(s: str) -> str:
    """Normalise Vietnamese text so that offsets and matching are stable.

    Parameters
    ----------
    s : str
        Decoded text.

    Returns
    -------
    str
        The text with CRLF/CR turned into LF, zero-width characters removed,
        non-breaking and other fixed-width spaces turned into " ", look-alike letters
        mapped ("Ð" U+00D0 to "Đ"), full-width digits/percent to ASCII, and NFC
        composition applied. The function is idempotent.

    Examples
    --------
    >>> normalize_text("\\u00d0e\\u0300 a\\u0301n 06\\r\\n")
    'Đè án 06\\n'
    """
    s = _CRLF.sub("\n", s)
    s = s.translate(_TRANSLATION)
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
    text = normalize_text(decode_bytes(data, path=name, encoding=encoding))
    if not text.strip():
        raise InputError(f"{name}: empty file (only white space)")
    return text
